"""The ENT sign-in as plain HTTP routes: real 302 redirects, cookies the browser's JavaScript cannot read.

/ent/connexion → the ENT's authorization page; /ent/retour ← its answer (state checked, code exchanged,
user read, tokens stored server-side); /ent/deconnexion forgets the sign-in. The Reflex pages then read
the sign-in from the HttpOnly cookie sent with the websocket handshake.
"""

from __future__ import annotations

import hmac
import logging

from reflex.model import get_engine
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from parlonsen import routes, settings
from parlonsen.services import ent, ent_sessions

WELCOME = routes.ENT_WELCOME
logger = logging.getLogger(__name__)


def _settings() -> ent.EntSettings | None:
    """The connector's settings (PARLONSEN_ENT_*); None when it is off or misconfigured (said once, at start)."""
    return settings.current().ent


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def connexion(request: Request) -> RedirectResponse:
    connector = _settings()
    if connector is None:
        return RedirectResponse(f"{WELCOME}?erreur=desactive", status_code=302)
    state = ent.new_state()
    response = RedirectResponse(ent.authorization_url(connector, state), status_code=302)
    response.set_cookie(
        ent_sessions.STATE_COOKIE,
        state,
        max_age=600,
        path="/ent",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
    return response


def retour(request: Request) -> RedirectResponse:
    connector = _settings()
    expected = request.cookies.get(ent_sessions.STATE_COOKIE, "")
    state, code = request.query_params.get("state", ""), request.query_params.get("code", "")
    if connector is None:
        target = f"{WELCOME}?erreur=desactive"
    elif not expected or not hmac.compare_digest(state.encode(), expected.encode()) or not code:
        target = f"{WELCOME}?erreur=etat"
    else:
        try:
            with Session(get_engine()) as session:
                key = ent_sessions.complete_login(session, connector, code)
        except ent.EntError as error:
            logger.warning("ENT sign-in failed: %s", error.__class__.__name__)
            target = f"{WELCOME}?erreur=ent"
        else:
            response = RedirectResponse(WELCOME, status_code=302)
            response.set_cookie(
                ent_sessions.COOKIE,
                key,
                max_age=int(ent_sessions.LIFETIME.total_seconds()),
                path="/",
                httponly=True,
                samesite="lax",
                secure=_secure(request),
            )
            response.delete_cookie(ent_sessions.STATE_COOKIE, path="/ent")
            return response
    response = RedirectResponse(target, status_code=302)
    response.delete_cookie(ent_sessions.STATE_COOKIE, path="/ent")
    return response


def deconnexion(request: Request) -> RedirectResponse:
    key = request.cookies.get(ent_sessions.COOKIE, "")
    if key:
        with Session(get_engine()) as session:
            ent_sessions.logout(session, key)
    response = RedirectResponse(routes.HOME, status_code=302)
    response.delete_cookie(ent_sessions.COOKIE, path="/")
    return response


ROUTES = [
    Route(routes.ENT_SIGN_IN, connexion),
    Route(routes.ENT_RETURN, retour),
    Route(routes.ENT_SIGN_OUT, deconnexion),
]
ent_app = Starlette(routes=ROUTES)
