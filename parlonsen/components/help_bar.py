"""The help bar: the 119 and the emergency numbers on every page, as four big buttons a thumb can hit.

Each is a real `tel:` / `sms:` link (no JavaScript needed), at least 44×44 CSS px, in one row even at 320 px.
The visible number and word are the start of the link's name, so a voice command « 119 » finds it.
"""

import reflex as rx

CALLS = (
    ("help-bar-119", "tel:119", "Appeler le ", "119", "enfants", ", 24h/24, gratuit"),
    ("help-bar-17", "tel:17", "Appeler le ", "17", "police", ""),
    ("help-bar-112", "tel:112", "Appeler le ", "112", "urgences", ""),
    ("help-bar-114", "sms:114", "Écrire au ", "114", "par SMS", ", quand on ne peut pas parler"),
)


def help_bar() -> rx.Component:
    return rx.el.section(
        rx.el.p("Besoin d'aide maintenant ? 24h/24, gratuit :", class_name="help-bar-lead", id="help-bar-lead"),
        rx.el.ul(
            *[
                rx.el.li(
                    rx.el.a(
                        rx.el.span(before, class_name="sr-only"),
                        rx.el.strong(number),
                        " ",
                        rx.el.span(word, class_name="help-call-word"),
                        rx.el.span(after, class_name="sr-only") if after else rx.fragment(),
                        href=href,
                        id=element_id,
                        class_name="help-call",
                    )
                )
                for element_id, href, before, number, word, after in CALLS
            ],
            class_name="help-calls",
        ),
        class_name="help-bar",
        aria_label="Aide immédiate",
        id="help-bar",
    )
