"""The page template: skip links, quick exit, help bar, header, footer around each page."""

import reflex as rx

from parlonsen.components.help_bar import help_bar
from parlonsen.components.links import link
from parlonsen.components.quick_exit import quick_exit


def page(*children: rx.Component) -> rx.Component:
    return rx.el.div(
        quick_exit(),
        help_bar(),
        rx.el.header(
            link("Violences, parlons-en", href="/", class_name="brand"),
            rx.el.nav(
                link("Toutes les aides", href="/aide"),
                link("Les violences", href="/violences"),
                link("Naviguer en sécurité", href="/naviguer-en-securite"),
                aria_label="Navigation principale",
            ),
            class_name="site",
        ),
        rx.el.main(*children, id="contenu", tab_index=-1),
        rx.el.footer(
            rx.el.p(
                "Ce site ne garde pas tes réponses aux questions et ne te suit pas. Les messages écrits aux adultes "
                "de ton établissement sont gardés chiffrés, puis effacés 90 jours après la fin de la conversation. "
                "Ce site ne remplace pas un adulte ni les secours : en cas de danger, appelle le 17 ou le 112."
            ),
            link("Toutes les aides", href="/aide"),
            link("Naviguer en sécurité", href="/naviguer-en-securite"),
            link("Confidentialité", href="/confidentialite"),
            link("Accessibilité", href="/accessibilite"),
            link("Accueil", href="/"),
            class_name="site",
        ),
    )


def markdown(text: str) -> rx.Component:
    """Render our own trusted Markdown at compile time: no Markdown library shipped to the phone."""
    from markdown_it import MarkdownIt

    return rx.html(MarkdownIt("commonmark").render(text))
