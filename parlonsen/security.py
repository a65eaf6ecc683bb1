"""Security headers on every HTTP response, and `/sortie`, which forgets a tab's answers on quick exit.

The Content-Security-Policy allows nothing but this site: scripts, styles, images, fonts and the
websocket all come from 'self'. Inline scripts and styles are allowed because the React Router build
hydrates with inline scripts and React sets inline styles; no other origin can load anything.
"""

from __future__ import annotations

import logging
import os
import re

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FRAME_ANCESTORS_ENV = "PARLONSEN_FRAME_ANCESTORS"  # e.g. "https://ent.exemple.fr https://neo.exemple.fr"
TOKEN = re.compile(r"^[0-9a-fA-F-]{8,64}$")
logger = logging.getLogger(__name__)


def frame_ancestors() -> str:
    """'self' plus the ENT origins allowed to embed the site (space-separated https origins)."""
    extra = [o for o in os.environ.get(FRAME_ANCESTORS_ENV, "").split() if re.match(r"^https://[A-Za-z0-9.:-]+$", o)]
    return " ".join(["'self'", *extra])


def content_security_policy() -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            f"frame-ancestors {frame_ancestors()}",
            "base-uri 'none'",
            "object-src 'none'",
            "form-action 'self'",
        ]
    )


def security_headers(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: the same headers on every HTTP response; only hashed build assets may be cached."""
    policy = content_security_policy()

    async def with_headers(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = policy
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
                headers["Cache-Control"] = (
                    "public, max-age=31536000, immutable" if path.startswith("/assets/") else "no-store"
                )
            await send(message)

        await app(scope, receive, send_with_headers)

    return with_headers


async def forget_tab(request: Request) -> Response:
    """Quick exit: the browser beacons its tab token here; the answers and codes of that tab are dropped."""
    import reflex as rx

    from parlonsen.parlonsen import app
    from parlonsen.state.followup import FollowUpState
    from parlonsen.state.questionnaire import QuestionnaireState
    from parlonsen.state.selfcheck import SelfCheckState
    from parlonsen.state.write import WriteState

    token = (await request.body()).decode("ascii", "ignore").strip()[:64]
    if not TOKEN.match(token):
        return Response(status_code=204)
    try:
        async with app.modify_state(rx.BaseStateToken(ident=token, cls=QuestionnaireState)) as root:
            root.get_substate(QuestionnaireState.get_full_name().split(".")[1:])._reset()
            root.get_substate(FollowUpState.get_full_name().split(".")[1:]).leave()
            write = root.get_substate(WriteState.get_full_name().split(".")[1:])
            write.code, write.error = "", ""
            root.get_substate(SelfCheckState.get_full_name().split(".")[1:])._leave()
    except Exception as error:  # forgetting must never fail loudly: the exit has already happened
        logger.warning("quick exit: state not cleared (%s)", error.__class__.__name__)
    return Response(status_code=204)
