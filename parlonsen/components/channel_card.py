"""A help channel as a full card, for the help pages: how to reach it, when, whether it is open now, what happens.

Give it a channel already read `in_voice()`. An orientation result uses the compact `help_cards.help_card`.
"""

import reflex as rx

from parlonsen.catalog import Contact, HelpChannel, OpeningHours
from parlonsen.components.help_cards import EXTERNAL
from parlonsen.components.links import external_link
from parlonsen.components.sources import sources_list
from parlonsen.state.clock import ClockState, contact_key


def open_badge(key: str, hours: OpeningHours, prefix: str = "") -> rx.Component:
    """Static when the answer never changes (24h/24, unknown hours); live from ClockState otherwise."""
    if hours.always:
        return rx.el.li(f"{prefix}Ouvert maintenant · 24h/24", class_name="badge open")
    if hours.unknown:
        return rx.el.li(str(hours.summary), class_name="badge")
    return rx.cond(
        ClockState.open_ids.contains(key),
        rx.el.li(f"{prefix}Ouvert maintenant", class_name="badge open"),
        rx.cond(
            ClockState.closed_ids.contains(key),
            rx.el.li(f"{prefix}Fermé en ce moment", class_name="badge closed"),
            rx.el.li(f"{prefix}Horaires", class_name="badge"),
        ),
    )


def _badges(channel: HelpChannel) -> rx.Component:
    if channel.status == "merged":  # a line that no longer exists: no "open", no "free"
        return rx.el.ul(rx.el.li("N'existe plus", class_name="badge status"), class_name="badges")
    flags = [("Gratuit", channel.free), ("Anonyme", channel.anonymous), ("Confidentiel", channel.confidential)]
    return rx.el.ul(
        open_badge(channel.id, channel.hours),
        *[rx.el.li(label, class_name="badge") for label, on in flags if on],
        class_name="badges",
    )


def contact_link(contact: Contact, class_name: str) -> rx.Component:
    """A link a phone can follow; one that opens another site says it opens a new tab."""
    if contact.kind in EXTERNAL:
        return external_link(str(contact.label), href=contact.href, class_name=class_name)
    return rx.el.a(str(contact.label), href=contact.href, class_name=class_name)


def _contact_hours(channel: HelpChannel, index: int, contact: Contact) -> rx.Component:
    if contact.hours is None:
        return rx.fragment()
    return rx.el.div(
        rx.el.ul(open_badge(contact_key(channel.id, index), contact.hours, "Tchat : "), class_name="badges"),
        rx.el.p(str(contact.hours.summary), class_name="contact-note"),
    )


def _contacts(channel: HelpChannel, skip_first: bool = False) -> rx.Component:
    items = []
    for index, contact in enumerate(channel.contacts):
        if skip_first and index == 0:
            continue
        if contact.kind == "in_person":
            items.append(
                rx.el.li(rx.el.strong(str(contact.label)), (" — " + str(contact.note)) if contact.note else "")
            )
            continue
        items.append(
            rx.el.li(
                contact_link(contact, "contact" if index == 0 else "contact secondary"),
                _contact_hours(channel, index, contact),
                rx.el.p(str(contact.note), class_name="contact-note") if contact.note else rx.fragment(),
            )
        )
    if not items:
        return rx.fragment()
    return rx.el.ul(*items, class_name="contacts", style={"listStyle": "none", "padding": 0, "display": "block"})


def _status_note(channel: HelpChannel) -> rx.Component:
    if not channel.status_note:
        return rx.fragment()
    return rx.el.p(str(channel.status_note), class_name="error" if channel.status == "merged" else "notice")


def _details(channel: HelpChannel) -> list[rx.Component]:
    return [
        rx.el.p(rx.el.strong("Quand : "), str(channel.hours.summary)),
        rx.el.details(
            rx.el.summary("Que se passe-t-il quand je les contacte ?"),
            rx.el.p(str(channel.what_happens)),
            rx.el.p(rx.el.strong("Pour qui : "), str(channel.audience)),
        ),
        sources_list(channel.sources),
    ]


def channel_card(channel: HelpChannel, reason: rx.Var | str | None = None, level: int = 3) -> rx.Component:
    """The full card. `level` is the heading level of the card's title: 2 right under a page title, 3 under a
    section."""
    return rx.el.article(
        (rx.el.h2 if level == 2 else rx.el.h3)(str(channel.name)),
        rx.el.p(str(channel.short)),
        rx.el.p(reason, class_name="reason") if reason is not None else rx.fragment(),
        _status_note(channel),
        _badges(channel),
        _contacts(channel),
        *_details(channel),
        class_name="card emergency" if channel.emergency else "card",
        id=f"channel-{channel.id}",
        custom_attrs={"data-channel": channel.id},
    )
