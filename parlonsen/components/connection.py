"""When the connection to the server drops: a calm French message and the numbers to call, in place of
Reflex's English technical toast (« Cannot connect to server: websocket error… »).

It replaces Reflex's default overlay (`App.app_wraps[(5, "Overlay")]`), so it shows on every page. The
answers already given stay in the tab's state on the server; an answer tapped meanwhile waits in Reflex's
queue and is sent once, when the connection comes back. The message then disappears by itself.
"""

import reflex as rx
from reflex_components_core.core.banner import has_too_many_connection_errors

CALLS = (
    ("tel:119", "Appeler le 119", "contact big"),
    ("tel:17", "Appeler le 17", "contact secondary"),
    ("tel:112", "Appeler le 112", "contact secondary"),
    ("sms:114", "SMS au 114", "contact secondary"),
)


def connection_lost() -> rx.Component:
    return rx.cond(
        has_too_many_connection_errors,
        rx.el.div(
            rx.el.p(rx.el.strong("La connexion est coupée."), id="connection-lost-title"),
            rx.el.p(
                "Les réponses déjà données sont gardées, et le site réessaie tout seul. "
                "En attendant, ces numéros marchent toujours, jour et nuit :"
            ),
            rx.el.div(
                *[rx.el.a(label, href=href, class_name=style) for href, label, style in CALLS], class_name="contacts"
            ),
            class_name="connection-lost",
            id="connection-lost",
            role="status",
            aria_labelledby="connection-lost-title",
        ),
    )


def use_our_connection_message(app: rx.App) -> None:
    """Show `connection_lost()` instead of Reflex's connection toast and pulser."""
    app.app_wraps[(5, "Overlay")] = lambda stateful: connection_lost() if stateful else None
