"""Reflex configuration. SQLite and Reflex's local state manager by default; every field can be
overridden by an environment variable (REFLEX_DB_URL, REFLEX_REDIS_URL, ...)."""

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

config = rx.Config(
    app_name="parlonsen",
    db_url="sqlite:///parlonsen.db",
    frontend_port=3000,
    backend_port=3000,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[SitemapPlugin],  # no sitemap: this site is not to be indexed
)
