"""Links: an internal one (client-side navigation, a plain <a href> underneath, no Radix CSS bundle), and one to
another site, which opens a new tab and says so (the quick exit cannot close it: « Naviguer en sécurité »)."""

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink


def link(*children: rx.Component | str, href: str, **props: object) -> rx.Component:
    return ReactRouterLink.create(*children, to=href, href=href, **props)


NEW_TAB = " (nouvel onglet)"


def external_link(*children: rx.Component | str | rx.Var, href: str | rx.Var, **props: object) -> rx.Component:
    return rx.el.a(
        *children,
        rx.el.span(NEW_TAB, class_name="new-tab"),
        href=href,
        target="_blank",
        rel="noopener noreferrer",
        **props,
    )
