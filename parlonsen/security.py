"""Security headers on every HTTP response.

The Content-Security-Policy allows nothing but this site: scripts, styles, images, fonts and the
websocket all come from 'self'. Inline scripts and styles are allowed because the React Router build
hydrates with inline scripts and React sets inline styles; no other origin can load anything.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parlonsen import settings


def frame_ancestors() -> str:
    """'self' plus the ENT origins allowed to embed the site (PARLONSEN_FRAME_ANCESTORS)."""
    return " ".join(["'self'", *settings.current().frame_ancestors])


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
