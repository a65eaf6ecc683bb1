"""« Écouter » : the current question and its answers, or the page's first help, read aloud by the browser itself
(`assets/read_aloud.js`, the Web Speech API with a French voice). Hidden until the script finds a French voice."""

import reflex as rx


def read_aloud_button() -> rx.Component:
    return rx.el.button(
        "Écouter",
        type="button",
        class_name="button secondary read-aloud",
        id="read-aloud",
        hidden=True,
        custom_attrs={"data-read-aloud": "true"},
    )
