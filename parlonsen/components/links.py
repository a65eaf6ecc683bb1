"""An internal link: client-side navigation, a plain <a href> underneath (no Radix CSS bundle)."""

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink


def link(*children: rx.Component | str, href: str, **props: object) -> rx.Component:
    return ReactRouterLink.create(*children, to=href, href=href, **props)
