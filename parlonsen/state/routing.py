"""Reading the request: the dynamic part of a page's path, and the site's public address for links sent out."""

import os
import re

PUBLIC_URL_ENV = "PARLONSEN_PUBLIC_URL"
DEFAULT_ORIGIN = "http://localhost:3000"
# The Origin header comes from the browser: only a bare scheme://host[:port] is used from it.
ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")


def route_param(path: str, prefix: str) -> str:
    """The dynamic part of a path after `prefix`: route_param('/etablissement/X/', '/etablissement/') == 'X'."""
    rest = path[len(prefix) :] if path.startswith(prefix) else ""
    return rest.strip("/").split("/")[0]


def public_base_url(origin: str | None) -> str:
    """PARLONSEN_PUBLIC_URL if set, else the request's origin if well formed, else localhost (for posters, e-mails)."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    if configured:
        return configured
    return origin if ORIGIN.match(origin or "") else DEFAULT_ORIGIN
