"""The helps of an orientation result, as data and one card template.

A result can show any help in any of four voices (a student, a witness, a parent, a professional). Compiling
one card per help and voice would send the phone sixty copies of the same markup; instead each help's words
are plain data (`CardView`, compiled once into the page) and one memoised card renders whichever the result
names, with the reason that the orientation gives.
"""

from __future__ import annotations

import dataclasses

import reflex as rx

from parlonsen.catalog import VOICES, HelpChannel, OpeningHours, catalog
from parlonsen.components.links import external_link
from parlonsen.state.clock import ClockState, contact_key
from parlonsen.state.views import SourceView, source_view

EXTERNAL = ("chat", "app", "form", "web")


@dataclasses.dataclass(frozen=True)
class ContactView:
    label: str
    href: str  # empty for a place to go to (« à la vie scolaire »)
    note: str
    external: bool  # opens another site, in a new tab: the link says so
    hours_key: str  # the ClockState key of a contact with its own hours, else empty
    hours_summary: str


@dataclasses.dataclass(frozen=True)
class CardView:
    """One help in one voice: every word a card shows, and how to tell whether it is open now."""

    id: str
    name: str
    short: str
    emergency: bool
    merged: bool
    note: str
    flags: list[str]
    always_open: bool
    live_hours: bool  # open or closed now comes from ClockState
    hours_summary: str
    primary: list[ContactView]  # the one big action: zero or one contact
    others: list[ContactView]
    what_happens: str
    audience: str
    sources: list[SourceView]


def _hours_mode(hours: OpeningHours) -> tuple[bool, bool]:
    return hours.always, not (hours.always or hours.unknown)


def contact_view(channel: HelpChannel, index: int) -> ContactView:
    contact = channel.contacts[index]
    live = contact.hours is not None and not (contact.hours.always or contact.hours.unknown)
    return ContactView(
        label=str(contact.label),
        href="" if contact.kind == "in_person" else contact.href,
        note=str(contact.note),
        external=contact.kind in EXTERNAL,
        hours_key=contact_key(channel.id, index) if live else "",
        hours_summary=str(contact.hours.summary) if contact.hours is not None else "",
    )


def card_view(channel: HelpChannel) -> CardView:
    """A channel already read `in_voice()`, as the data of its card."""
    merged = channel.status == "merged"
    flags = [] if merged else [f for f, on in (("Gratuit", channel.free), ("Anonyme", channel.anonymous),
                                               ("Confidentiel", channel.confidential)) if on]  # fmt: skip
    always, live = _hours_mode(channel.hours)
    primary = next((i for i, c in enumerate(channel.contacts) if c.kind != "in_person"), None)
    return CardView(
        id=channel.id,
        name=str(channel.name),
        short=str(channel.short),
        emergency=channel.emergency,
        merged=merged,
        note=str(channel.status_note),
        flags=flags,
        always_open=always and not merged,
        live_hours=live and not merged,
        hours_summary=str(channel.hours.summary),
        primary=[contact_view(channel, primary)] if primary is not None else [],
        others=[contact_view(channel, i) for i in range(len(channel.contacts)) if i != primary],
        what_happens=str(channel.what_happens),
        audience=str(channel.audience),
        sources=[source_view(s) for s in channel.sources],
    )


def cards_by_channel() -> dict[str, dict[str, CardView]]:
    """Every help in every voice it speaks to, by channel id then voice: a help's voices side by side, so the
    words they share compress to almost nothing on the way to the phone."""
    return {
        c.id: {voice: card_view(c.in_voice(voice)) for voice in VOICES if c.speaks_to(voice)}
        for c in catalog().channels.values()
    }


def _link(contact: rx.Var, class_name: str) -> rx.Component:
    return rx.cond(
        contact.external,
        external_link(contact.label, href=contact.href, class_name=class_name),
        rx.el.a(contact.label, href=contact.href, class_name=class_name),
    )


def _open_badge(card: rx.Var) -> rx.Component:
    return rx.cond(
        card.always_open,
        rx.el.li("Ouvert maintenant · 24h/24", class_name="badge open"),
        rx.cond(
            card.live_hours,
            rx.cond(
                ClockState.open_ids.contains(card.id),
                rx.el.li("Ouvert maintenant", class_name="badge open"),
                rx.cond(
                    ClockState.closed_ids.contains(card.id),
                    rx.el.li("Fermé en ce moment", class_name="badge closed"),
                    rx.el.li("Horaires", class_name="badge"),
                ),
            ),
            rx.cond(card.merged, rx.el.li("N'existe plus", class_name="badge status"), rx.fragment()),
        ),
    )


def _contact_hours(contact: rx.Var) -> rx.Component:
    return rx.cond(
        contact.hours_key != "",
        rx.el.div(
            rx.el.ul(
                rx.cond(
                    ClockState.open_ids.contains(contact.hours_key),
                    rx.el.li("Tchat : ouvert maintenant", class_name="badge open"),
                    rx.el.li("Tchat : fermé en ce moment", class_name="badge closed"),
                ),
                class_name="badges",
            ),
            rx.el.p(contact.hours_summary, class_name="contact-note"),
        ),
    )


def _other_contact(contact: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.cond(
            contact.href != "",
            _link(contact, "contact secondary"),
            rx.el.strong(contact.label),
        ),
        _contact_hours(contact),
        rx.cond(contact.note != "", rx.el.p(contact.note, class_name="contact-note")),
    )


@rx.memo
def help_card(card: rx.Var[CardView], reason: rx.Var[str]) -> rx.Component:
    """The compact card of a result: name, why this help, open now, one big action; the rest on demand."""
    return rx.el.article(
        rx.el.h2(card.name),
        rx.el.p(reason, class_name="reason"),
        rx.cond(card.note != "", rx.el.p(card.note, class_name=rx.cond(card.merged, "error", "notice"))),
        rx.el.ul(
            _open_badge(card),
            rx.foreach(card.flags, lambda flag: rx.el.li(flag, class_name="badge")),
            class_name="badges",
        ),
        rx.foreach(card.primary, lambda contact: rx.el.p(_link(contact, "contact big"), class_name="main-action")),
        rx.el.details(
            rx.el.summary("En savoir plus"),
            rx.el.p(card.short),
            rx.cond(
                card.others.length() > 0,
                rx.el.ul(rx.foreach(card.others, _other_contact), class_name="contacts contact-list"),
            ),
            rx.el.p(rx.el.strong("Quand : "), card.hours_summary),
            rx.el.p(rx.el.strong("Ce qui se passe : "), card.what_happens),
            rx.el.p(rx.el.strong("Pour qui : "), card.audience),
            rx.el.details(
                rx.el.summary("Sources", class_name="source"),
                rx.el.ul(
                    rx.foreach(
                        card.sources,
                        lambda s: rx.el.li(
                            rx.el.a(s.title, href=s.url, target="_blank", rel="noopener noreferrer"),
                            " (vérifié le ",
                            s.verified,
                            ")",
                        ),
                    ),
                    class_name="source",
                ),
            ),
            class_name="more-about",
        ),
        class_name=rx.cond(card.emergency, "card emergency", "card"),
        id="channel-" + card.id,
        custom_attrs={"data-channel": card.id},
    )
