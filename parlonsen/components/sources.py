"""The sources behind a fact, with the date a person last checked them."""

import reflex as rx

from parlonsen.catalog import Source
from parlonsen.components.links import external_link


def sources_list(sources: list[Source]) -> rx.Component:
    return rx.el.details(
        rx.el.summary("Sources", class_name="source"),
        rx.el.ul(
            *[
                rx.el.li(
                    external_link(s.title, href=s.url),
                    f" (vérifié le {s.verified.strftime('%d/%m/%Y')})",
                )
                for s in sources
            ],
            class_name="source",
        ),
    )


def sources_list_of(sources: rx.Var) -> rx.Component:
    """The same list for sources held in state: dicts with title, url and verified (already dd/mm/yyyy)."""
    return rx.el.details(
        rx.el.summary("Sources", class_name="source"),
        rx.el.ul(
            rx.foreach(
                sources,
                lambda s: rx.el.li(
                    external_link(s["title"], href=s["url"]),
                    " (vérifié le ",
                    s["verified"],
                    ")",
                ),
            ),
            class_name="source",
        ),
    )
