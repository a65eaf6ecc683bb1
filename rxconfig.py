"""Reflex configuration. SQLite and Reflex's in-memory state manager by default; every field can be
overridden by an environment variable (REFLEX_DB_URL, REFLEX_REDIS_URL, ...).

State: a tab's state is dropped after 20 minutes without an event (Reflex's default keeps it an hour): long
enough for a child to read their result and come back to it, short enough that anonymous tabs nobody uses
cannot pile up (bench/RESULTS.md measures it). The same limit applies in memory and in Redis.

State: in memory on one worker — Reflex 0.10's default would be "disk", which writes every tab's state
(the student's answers) to `.states/` and, measured with 2,000 sessions, stalls the worker while it scans
those files for expiry (bench/RESULTS.md). With REFLEX_REDIS_URL, Redis, shared by every worker.
"""

import os

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

config = rx.Config(
    app_name="parlonsen",
    db_url="sqlite:///parlonsen.db",
    frontend_port=3000,
    backend_port=3000,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    state_manager_mode="redis" if os.environ.get("REFLEX_REDIS_URL") else "memory",
    disable_plugins=[SitemapPlugin],  # no sitemap: this site is not to be indexed
    redis_token_expiration=20 * 60,  # seconds without an event before a tab's state is dropped (memory or Redis)
    cors_allowed_origins=[],  # no cross-origin grant (Reflex's default is every origin, with credentials)
)
