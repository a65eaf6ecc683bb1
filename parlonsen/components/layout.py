"""The page template: skip links, quick exit, help bar, header, footer around each page."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.help_bar import help_bar
from parlonsen.components.links import link
from parlonsen.components.quick_exit import quick_exit


def page(*children: rx.Component, focused: bool = False) -> rx.Component:
    """Every page: the sticky top bar (site name, quick exit), the help bar, the main links, the page, the footer.

    A `focused` page (a question) leaves the main links to the footer, as GOV.UK's question pages do: on a
    320×640 phone the bars above a question stay under a quarter of the screen (a browser test measures it),
    and the help bar is in the same place on every page. The footer's words suit every reader (no « tu »).
    """
    nav = rx.el.nav(
        link("Toutes les aides", href=routes.HELP),
        link("Les violences", href=routes.VIOLENCES),
        link("Naviguer en sécurité", href=routes.SAFE_BROWSING),
        aria_label="Navigation principale",
        class_name="site-nav",
    )
    return rx.el.div(
        quick_exit(),
        help_bar(),
        rx.fragment() if focused else nav,
        rx.el.main(*children, id="contenu", tab_index=-1),
        rx.el.footer(
            rx.el.p(
                "Ce site ne garde pas les réponses aux questions et ne suit personne. Les messages écrits aux adultes "
                "d'un établissement sont gardés chiffrés, puis effacés 90 jours après la fin de la conversation. "
                "Ce site ne remplace ni un adulte ni les secours : en cas de danger, le 17 ou le 112."
            ),
            rx.el.ul(
                *[
                    rx.el.li(link(label, href=href))
                    for label, href in (
                        ("Toutes les aides", routes.HELP),
                        ("Naviguer en sécurité", routes.SAFE_BROWSING),
                        ("Confidentialité", routes.PRIVACY),
                        ("Accessibilité", routes.ACCESSIBILITY),
                        ("Accueil", routes.HOME),
                    )
                ],
                class_name="footer-links",
            ),
            class_name="site",
        ),
        ready_marker(),
    )


def loading_page() -> rx.Component:
    """What a page whose address is not known in advance (a school's page from its QR code) shows while its
    scripts arrive: the top bar, the help bar and a way to every help, before any JavaScript."""
    return rx.el.div(
        quick_exit(),
        help_bar(),
        rx.el.main(
            rx.el.p("Chargement…", class_name="muted"),
            rx.el.p(rx.el.a("Tous les numéros d'aide", href=routes.HELP)),
            id="contenu",
            tab_index=-1,
        ),
    )


def ready_marker() -> rx.Component:
    """Says when the page is hydrated and its on_load done: /early_taps.js replays a tap made before that."""
    return rx.el.span(hidden=True, id="app-ready", custom_attrs={"data-ready": rx.State.is_hydrated.to_string()})


def markdown(text: str) -> rx.Component:
    """Render our own trusted Markdown at compile time: no Markdown library shipped to the phone."""
    from markdown_it import MarkdownIt

    return rx.html(MarkdownIt("commonmark").render(text))
