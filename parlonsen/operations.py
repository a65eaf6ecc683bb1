"""For the people who run the site: /healthz, /readyz, /metrics, and the events counted on their way through.

- GET /healthz: the process answers (no database, no I/O): 200 "ok".
- GET /readyz: the database answers, its migrations are at the head of `alembic/versions`, and Redis answers when
  it is configured: 200 "ready", else 503 with the failing part's name. No personal data.
- GET /metrics: Prometheus's text format (`parlonsen/metrics.py`); 404 when PARLONSEN_METRICS=0; with
  PARLONSEN_METRICS_TOKEN, only with `Authorization: Bearer <token>`; without it, only from this machine.
The routes are plain `def` functions: Starlette runs them in its thread pool, off the event loop.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from functools import cache
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from reflex.app import App
from reflex.model import get_engine
from reflex.state import BaseState, StateUpdate
from reflex_base.config import get_config
from reflex_base.event import Event
from sqlalchemy import text
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from parlonsen import metrics, routes, settings
from parlonsen.services.messages import waiting_by_age

ALEMBIC = Path(__file__).resolve().parents[1] / "alembic.ini"
LOOPBACK = ("127.0.0.1", "::1", "localhost")
logger = logging.getLogger(__name__)


@cache
def migrations_head() -> str:
    config = Config(str(ALEMBIC))
    config.set_main_option("script_location", str(ALEMBIC.parent / "alembic"))
    return ScriptDirectory.from_config(config).get_current_head() or ""


def healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


def readiness() -> str:
    """ "" when ready, else the part that is not (French, for the operator's dashboard)."""
    try:
        with Session(get_engine()) as session:
            version = session.exec(text("select version_num from alembic_version")).scalar()
    except Exception as error:  # any database failure means "not ready"; its type only, never its message
        logger.warning("readyz: database unavailable (%s)", type(error).__name__)
        return "base de données injoignable"
    if version != migrations_head():
        return "migrations de la base en retard : lancez `reflex db migrate`"
    redis_url = get_config().redis_url
    if redis_url:
        import redis

        try:
            redis.Redis.from_url(redis_url, socket_timeout=2).ping()
        except Exception as error:
            logger.warning("readyz: redis unavailable (%s)", type(error).__name__)
            return "Redis injoignable"
    return ""


def readyz(request: Request) -> Response:
    problem = readiness()
    return PlainTextResponse(problem or "ready", status_code=503 if problem else 200)


def metrics_allowed(request: Request) -> bool:
    config = settings.current()
    if config.metrics_token:
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), config.metrics_token.encode())
    return bool(request.client) and request.client.host in LOOPBACK


def metrics_route(request: Request) -> Response:
    config = settings.current()
    if not config.metrics:
        return PlainTextResponse("Not Found", status_code=404)
    if not metrics_allowed(request):
        return PlainTextResponse("Forbidden", status_code=403)
    try:
        with Session(get_engine()) as session:
            waiting = waiting_by_age(session)
    except Exception as error:
        metrics.DATABASE_ERRORS.inc()
        logger.warning("metrics: waiting messages not counted (%s)", type(error).__name__)
        waiting = None
    body = metrics.exposition(waiting, config.metrics_dir)
    return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")


ROUTES = [
    Route(routes.HEALTHZ, healthz),
    Route(routes.READYZ, readyz),
    Route(routes.METRICS, metrics_route),
]


def event_name(event: Event) -> str:
    """`questionnaire_state.choose`: the handler, never the payload nor the tab."""
    state, _, handler = event.name.rpartition(".")
    return f"{state.rpartition('____')[2]}.{handler}"[-80:]


class EventMetrics:
    """Reflex middleware: each event's handler and duration, and how many tabs this worker holds.

    Reflex 0.10 calls `preprocess` inside the task that then runs the event, and no longer calls `postprocess`:
    the duration is taken when that task ends (its done callback), the handler and the delta included."""

    async def preprocess(self, app: App, state: BaseState, event: Event) -> StateUpdate | None:
        metrics.CONNECTED_TABS.set(len(app.event_namespace.sid_to_token) if app.event_namespace else 0)
        task, started, name = asyncio.current_task(), time.perf_counter(), event_name(event)
        if task is not None:
            task.add_done_callback(lambda _: metrics.EVENTS.labels(name).observe(time.perf_counter() - started))
        return None

    async def postprocess(self, app: App, state: BaseState, event: Event, update: StateUpdate) -> StateUpdate:
        return update
