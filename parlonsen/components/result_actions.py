"""The way back from a result: change the answers or start again, the same on every guided tool."""

import reflex as rx
from reflex.event import EventType


def result_actions(back: EventType[()], restart: EventType[()]) -> rx.Component:
    """Back goes one step back ("Modifier mes réponses"); restart forgets every answer."""
    return rx.el.div(
        rx.el.button("← Modifier mes réponses", class_name="button secondary", on_click=back, id="back", type="button"),
        rx.el.button("Recommencer", class_name="link-button", on_click=restart, id="restart", type="button"),
        class_name="actions",
    )
