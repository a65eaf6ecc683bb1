"""The kind 404: the help bar and the quick exit stay, and the way home is one tap."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.layout import page
from parlonsen.components.links import link


def not_found_page() -> rx.Component:
    return page(not_found_content("Cette page n'existe pas"))


def not_found_content(title: str) -> rx.Component:
    return rx.el.div(
        rx.el.h1(title),
        rx.el.p("L'adresse est peut-être incomplète. Tu peux repartir de l'accueil ou voir toutes les aides."),
        rx.el.ul(
            rx.el.li(link("Revenir à l'accueil", href=routes.HOME)),
            rx.el.li(link("Tous les numéros et services d'aide", href=routes.HELP)),
        ),
        rx.el.p(
            "Si tu as besoin d'aide maintenant, appelle le 119 : c'est gratuit, jour et nuit.", class_name="notice"
        ),
    )
