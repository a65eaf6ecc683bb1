"""The sources behind a fact, with the date a person last checked them."""

import reflex as rx

from parlonsen.catalog import Source
from parlonsen.components.links import external_link
from parlonsen.display import french_date


def unique_sources(groups: list[list[Source]]) -> list[Source]:
    """Several facts' sources as one list, each once, in order."""
    return list(dict.fromkeys(source for group in groups for source in group))


def sources_list(sources: list[Source]) -> rx.Component:
    return rx.el.details(
        rx.el.summary("Sources", class_name="source"),
        rx.el.ul(
            *[
                rx.el.li(
                    external_link(s.title, href=s.url),
                    f" (vérifié le {french_date(s.verified)})",
                )
                for s in sources
            ],
            class_name="source",
        ),
    )


def sources_list_of(sources: rx.Var) -> rx.Component:
    """The same list for sources held in state (`views.SourceView`: the date already dd/mm/yyyy)."""
    return rx.el.details(
        rx.el.summary("Sources", class_name="source"),
        rx.el.ul(
            rx.foreach(
                sources,
                lambda s: rx.el.li(
                    external_link(s.title, href=s.url),
                    " (vérifié le ",
                    s.verified,
                    ")",
                ),
            ),
            class_name="source",
        ),
    )
