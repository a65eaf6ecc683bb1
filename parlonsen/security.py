"""Security headers on every HTTP response, and no cross-origin access to anything.

The Content-Security-Policy allows nothing but this site: scripts, styles, images, fonts and the websocket
all come from 'self'. Inline scripts are allowed one by one, by the SHA-256 of each inline script of the
build being served (React Router hydrates with about ten per page, fixed at build time): an injected script
cannot run. Nonces would need every HTML response rewritten, and would allow exactly the same scripts.
Inline styles stay allowed ('unsafe-inline' for style-src): emotion and sonner insert them at run time.
No eval either: print buttons are handled by /record_sheet.js, not by `rx.call_script`.

No CORS grant: Reflex's default allows every origin with credentials; rxconfig sets no allowed origin, and
the websocket accepts only this site's own pages (`same_origin_websocket`). The ENT embeds whole pages in a
frame (`frame-ancestors`), which needs no CORS.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import reflex as rx
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parlonsen import settings

BUILD = Path(__file__).resolve().parents[1] / ".web" / "build" / "client"
INLINE_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)


def inline_script_hashes(build: Path = BUILD) -> list[str]:
    """'sha256-…' sources for every inline <script> of the built pages (scripts with src= are under 'self').
    Computed when the server starts, from the directory it serves: rebuild, then restart."""
    found: set[str] = set()
    for html in sorted(build.rglob("*.html")) if build.is_dir() else []:
        for attributes, body in INLINE_SCRIPT.findall(html.read_bytes()):
            if re.search(rb"\bsrc\s*=", attributes):
                continue
            body = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # as the HTML parser normalises them
            found.add(f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'")
    return sorted(found)


def same_origin_websocket(app: rx.App) -> None:
    """The websocket answers only pages of this site (engine.io's same-origin check), not every origin."""
    app.sio.eio.cors_allowed_origins = None


def frame_ancestors() -> str:
    """'self' plus the ENT origins allowed to embed the site (PARLONSEN_FRAME_ANCESTORS)."""
    return " ".join(["'self'", *settings.current().frame_ancestors])


def content_security_policy(script_hashes: list[str] | None = None) -> str:
    hashes = inline_script_hashes() if script_hashes is None else script_hashes
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *hashes]),
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
