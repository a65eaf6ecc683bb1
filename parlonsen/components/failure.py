"""The French message shown when a handler failed on the server (`state/failure.py`), on every page."""

import reflex as rx

from parlonsen.state.failure import FailureState


def failure_notice() -> rx.Component:
    return rx.cond(
        FailureState.message != "",
        rx.el.div(
            rx.el.p(FailureState.message, id="failure-message"),
            rx.el.button("Fermer", type="button", class_name="button secondary", on_click=FailureState.dismiss),
            class_name="connection-lost",
            id="failure",
            role="alert",
        ),
    )


def use_our_failure_message(app: rx.App) -> None:
    """Show `failure_notice()` on every page (beside the connection message)."""
    app.app_wraps[(6, "Failure")] = lambda stateful: failure_notice() if stateful else None
