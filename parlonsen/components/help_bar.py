"""The help bar: the 119 and the emergency numbers, on every page, one tap away."""

import reflex as rx


def help_bar() -> rx.Component:
    return rx.el.section(
        "Besoin d'aide maintenant ? ",
        rx.el.a("Appelle le 119", href="tel:119", id="help-bar-119"),
        ", 24h/24, gratuit. ",
        rx.el.span(
            "Danger immédiat : ",
            rx.el.a("17", href="tel:17"),
            " ou ",
            rx.el.a("112", href="tel:112"),
            " · si tu ne peux pas parler : ",
            rx.el.a("SMS au 114", href="sms:114"),
            class_name="urgent",
        ),
        " · ",
        rx.el.a("Naviguer en sécurité", href="/naviguer-en-securite", id="help-bar-safety"),
        class_name="help-bar",
        aria_label="Aide immédiate",
        id="help-bar",
    )
