"""A help channel as a card: how to reach it, when, whether it is open now, what happens."""

import reflex as rx

from parlonsen.catalog import HelpChannel
from parlonsen.components.sources import sources_list
from parlonsen.state.clock import ClockState


def open_badge(channel: HelpChannel) -> rx.Component:
    """Static when the answer never changes (24h/24, unknown hours); live from ClockState otherwise."""
    if channel.hours.always:
        return rx.el.li("Ouvert maintenant · 24h/24", class_name="badge open")
    if channel.hours.unknown:
        return rx.el.li(channel.hours.summary, class_name="badge")
    return rx.cond(
        ClockState.open_ids.contains(channel.id),
        rx.el.li("Ouvert maintenant", class_name="badge open"),
        rx.cond(
            ClockState.closed_ids.contains(channel.id),
            rx.el.li("Fermé en ce moment", class_name="badge closed"),
            rx.el.li("Horaires", class_name="badge"),
        ),
    )


def _badges(channel: HelpChannel) -> rx.Component:
    flags = [("Gratuit", channel.free), ("Anonyme", channel.anonymous), ("Confidentiel", channel.confidential)]
    return rx.el.ul(
        open_badge(channel),
        *[rx.el.li(label, class_name="badge") for label, on in flags if on],
        *(
            [rx.el.li("Ne fonctionne plus comme avant", class_name="badge status")]
            if channel.status == "merged"
            else []
        ),
        class_name="badges",
    )


def _contacts(channel: HelpChannel) -> rx.Component:
    items = []
    for index, contact in enumerate(channel.contacts):
        if contact.kind == "in_person":
            items.append(rx.el.li(rx.el.strong(contact.label), (" — " + contact.note) if contact.note else ""))
            continue
        external = contact.kind in ("chat", "app", "form", "web")
        items.append(
            rx.el.li(
                rx.el.a(
                    contact.label,
                    href=contact.href,
                    class_name="contact" if index == 0 else "contact secondary",
                    **({"target": "_blank", "rel": "noopener noreferrer"} if external else {}),
                ),
                rx.el.p(contact.note, class_name="contact-note") if contact.note else rx.fragment(),
            )
        )
    return rx.el.ul(*items, class_name="contacts", style={"listStyle": "none", "padding": 0, "display": "block"})


def channel_card(channel: HelpChannel, reason: rx.Var | str | None = None, level: int = 3) -> rx.Component:
    """`level` is the heading level of the card's title: 2 right under a page title, 3 under a section."""
    return rx.el.article(
        (rx.el.h2 if level == 2 else rx.el.h3)(channel.name),
        rx.el.p(channel.short),
        rx.el.p(reason, class_name="reason") if reason is not None else rx.fragment(),
        rx.el.p(rx.el.strong("Attention : "), channel.status_note, class_name="error")
        if channel.status_note
        else rx.fragment(),
        _badges(channel),
        _contacts(channel),
        rx.el.p(rx.el.strong("Quand : "), channel.hours.summary),
        rx.el.details(
            rx.el.summary("Que se passe-t-il quand je les contacte ?"),
            rx.el.p(channel.what_happens),
            rx.el.p(rx.el.strong("Pour qui : "), channel.audience),
        ),
        sources_list(channel.sources),
        class_name="card emergency" if channel.emergency else "card",
        id=f"channel-{channel.id}",
        custom_attrs={"data-channel": channel.id},
    )
