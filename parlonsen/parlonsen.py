"""The app: content checked, the pages of the route table (`site.py`) added, plain HTTP routes mounted."""

from pathlib import Path

import reflex as rx
from starlette.applications import Starlette

from parlonsen import (
    ent_routes,
    logs,
    models,  # noqa: F401  (tables must be imported for migrations)
    operations,
    settings,
    site,
)
from parlonsen.catalog import catalog
from parlonsen.components.connection import use_our_connection_message
from parlonsen.components.failure import use_our_failure_message
from parlonsen.components.layout import loading_page
from parlonsen.gc_tuning import tune_garbage_collector
from parlonsen.orientation import check_rules
from parlonsen.security import same_origin_websocket, security_headers
from parlonsen.state.failure import on_backend_exception
from parlonsen.state.forgetting import forget_route
from parlonsen.token_takeover import take_back_orphaned_tokens
from parlonsen.toolkit import load_toolkit

logs.configure(settings.current().log_level, settings.current().log_format)  # a bad variable stops the app here

check_rules(catalog())  # a broken content file stops the app here, with file, field and value
load_toolkit()  # the interactive tools' content too

EARLY_TAPS = (Path(__file__).parents[1] / "assets" / "early_taps.js").read_text(encoding="utf-8")

app = rx.App(
    html_lang="fr",
    backend_exception_handler=on_backend_exception,  # logged without data, a French message on the page
    hydrate_fallback=loading_page,  # dynamic pages (a school's, from its QR code): the help bar before any script
    stylesheets=["/styles.css"],  # one stylesheet: a single request before the first paint on a weak network
    head_components=[
        # Inline and first, so it listens before the page can be tapped: a tap before the page is ready is replayed.
        rx.el.script(EARLY_TAPS),
        rx.el.script(src="/quick_exit.js", defer=True),
        rx.el.script(src="/focus.js", defer=True),
        rx.el.script(src="/record_sheet.js", defer=True),
        rx.el.meta(name="robots", content="noindex, nofollow"),
        rx.el.meta(name="referrer", content="no-referrer"),
        rx.el.link(rel="icon", href="data:,"),  # no favicon request: one less round trip on a weak network
    ],
)
# Plain HTTP routes (ENT sign-in, the quick exit's forgetting) before Reflex, then headers on every response.
# Reflex reads this when it builds the server, after this module: /sortie is given the app it forgets in.
app.api_transformer = [
    Starlette(routes=[*ent_routes.ROUTES, forget_route(app), *operations.ROUTES]),
    security_headers,
]
app.add_middleware(operations.EventMetrics())

same_origin_websocket(app)  # and rxconfig grants no CORS: no other site may call this one
use_our_connection_message(app)  # a calm French message with the numbers to call, not Reflex's toast
use_our_failure_message(app)  # a French message when a handler fails, not Reflex's toast (blocked by the CSP)

for entry in site.pages():
    app.add_page(
        entry.component, route=entry.route, title=entry.title, on_load=entry.on_load, description=entry.description
    )

# Multi-worker: a tab reconnecting after its worker went away keeps its answers (token_takeover.py).
take_back_orphaned_tokens(app)

# Last: everything built above lives as long as the worker (see gc_tuning.py).
tune_garbage_collector()
