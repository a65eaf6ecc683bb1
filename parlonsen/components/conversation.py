"""The lines of a conversation, as the student and the adults both see them (plain text, line breaks kept)."""

import reflex as rx


def conversation_lines(lines: rx.Var, element_id: str) -> rx.Component:
    return rx.el.ol(
        rx.foreach(
            lines,
            lambda line: rx.el.li(
                rx.el.p(rx.el.strong(line.who), " · ", line.at, class_name="muted"),
                rx.el.p(line.body, style={"whiteSpace": "pre-wrap"}),
                class_name="card",
                custom_attrs={"data-author": line.author},
            ),
        ),
        class_name="cards",
        id=element_id,
        style={"listStyle": "none", "padding": 0},
    )
