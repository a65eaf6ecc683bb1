"""The quick-exit control: a real link (works without JavaScript), enhanced by /quick_exit.js."""

import os

import reflex as rx

# A neutral page with no personalised content, as GOV.UK advises for "Exit this page" (set at build time).
EXIT_URL = os.environ.get("PARLONSEN_EXIT_URL", "https://meteofrance.com/")


def quick_exit() -> rx.Component:
    """The sticky bar; a <nav> landmark, so that nothing on the page sits outside a landmark."""
    return rx.el.nav(
        rx.el.span("Appuie 3 fois sur Maj pour quitter", class_name="quick-exit-hint"),
        rx.el.a(
            rx.el.span("Sortie d'urgence : ", class_name="sr-only"),
            "Quitter ce site",
            href=EXIT_URL,
            id="quick-exit",
            class_name="quick-exit",
            rel="nofollow noreferrer",
        ),
        rx.el.span(id="quick-exit-status", role="status", class_name="sr-only"),
        rx.el.a("Aller au contenu", href="#contenu", class_name="skip-link"),
        quick_exit_skip_link(),
        class_name="quick-exit-bar",
        aria_label="Sortie rapide",
    )


def quick_exit_skip_link() -> rx.Component:
    """A second way out, first in the tab order for keyboard and screen-reader users."""
    return rx.el.a("Quitter ce site rapidement", href=EXIT_URL, class_name="skip-link quick-exit-skip")
