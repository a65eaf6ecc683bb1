"""/aide: every help channel, emergencies first."""

import reflex as rx

from parlonsen.catalog import CHANNEL_IDS, catalog
from parlonsen.components.channel_card import channel_card
from parlonsen.components.layout import page


def channels_page() -> rx.Component:
    channels = sorted(
        catalog().channels.values(),
        key=lambda c: (not c.emergency, c.status == "merged", CHANNEL_IDS.index(c.id) if c.id in CHANNEL_IDS else 99),
    )
    return page(
        rx.el.h1("Tous les numéros et services d'aide"),
        rx.el.p(
            "Les numéros d'urgence d'abord. Pour chaque service : quand il répond, s'il est ouvert maintenant "
            "(heure de Paris), et ce qui se passe quand tu le contactes.",
            class_name="lead",
        ),
        rx.el.div(*[channel_card(c.in_voice("eleve"), level=2) for c in channels], class_name="cards"),
    )
