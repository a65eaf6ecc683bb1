"""The top bar: the site's name, and the quick exit, a real link (works without JavaScript) enhanced by
/quick_exit.js. It stays at the top of the screen while the page scrolls."""

import reflex as rx

from parlonsen import routes, settings
from parlonsen.components.links import link

# A neutral page with no personalised content, as GOV.UK advises for "Exit this page" (set at build time).
EXIT_URL = settings.current().exit_url
SITE = "Violences, parlons-en"


def quick_exit() -> rx.Component:
    """The sticky top bar (a <header>): skip links first in the tab order, the site's name, then the exit."""
    return rx.el.header(
        quick_exit_skip_link(),
        rx.el.a("Aller au contenu", href="#contenu", class_name="skip-link"),
        link(SITE, href=routes.HOME, class_name="brand", id="brand"),
        rx.el.nav(
            rx.el.span("3 fois Maj pour quitter", class_name="quick-exit-hint"),
            rx.el.span(
                rx.el.span(class_name="press"),
                rx.el.span(class_name="press"),
                rx.el.span(class_name="press"),
                class_name="quick-exit-presses",
                id="quick-exit-presses",
                aria_hidden="true",
            ),
            rx.el.a(
                rx.el.span("Sortie d'urgence : ", class_name="sr-only"),
                "Quitter ce site",
                href=EXIT_URL,
                id="quick-exit",
                class_name="quick-exit",
                rel="nofollow noreferrer",
            ),
            rx.el.span(id="quick-exit-status", role="status", class_name="sr-only"),
            class_name="quick-exit-nav",
            aria_label="Sortie rapide",
        ),
        class_name="quick-exit-bar",
    )


def quick_exit_skip_link() -> rx.Component:
    """A second way out, first in the tab order for keyboard and screen-reader users."""
    return rx.el.a("Quitter ce site rapidement", href=EXIT_URL, class_name="skip-link quick-exit-skip")
