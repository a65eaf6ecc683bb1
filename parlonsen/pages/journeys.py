"""/parcours/<id>: a journey for one profile, ending with pistes d'action and links."""

import reflex as rx

from parlonsen.catalog import Journey, catalog
from parlonsen.components.channel_card import channel_card
from parlonsen.components.layout import markdown, page
from parlonsen.components.links import external_link, link
from parlonsen.components.sources import sources_list
from parlonsen.components.tool_links import tool_links
from parlonsen.routes import question_path

LINK_KINDS = {"aide": "Se faire aider", "formation": "Se former", "information": "S'informer"}


def journey_page(journey: Journey) -> rx.Component:
    cat = catalog()
    kinds = [k for k in LINK_KINDS if any(link.kind == k for link in journey.links)]
    voice = "temoin" if journey.id == "eleve-temoin" else journey.profile
    return page(
        rx.el.h1(journey.title),
        rx.el.p(journey.intro, class_name="lead"),
        *[rx.el.section(rx.el.h2(step.title), markdown(step.body)) for step in journey.steps],
        rx.el.h2(
            "Ce que tu peux faire maintenant" if journey.profile == "eleve" else "Ce que vous pouvez faire maintenant"
        ),
        rx.el.ol(*[rx.el.li(item) for item in journey.now], class_name="steps"),
        tool_links(journey.profile),
        rx.el.h2("Pistes d'action"),
        rx.el.ul(*[rx.el.li(item) for item in journey.pistes_action], class_name="steps"),
        rx.el.h2("Qui peut aider"),
        rx.el.div(*[channel_card(cat.channels[cid].in_voice(voice)) for cid in journey.channels], class_name="cards"),
        *[
            rx.el.section(
                rx.el.h2(LINK_KINDS[kind]),
                rx.el.ul(
                    *[
                        rx.el.li(
                            external_link(link.label, href=link.url),
                            " — ",
                            link.description,
                        )
                        for link in journey.links
                        if link.kind == kind
                    ]
                ),
            )
            for kind in kinds
        ],
        rx.el.div(
            link(
                "Répondre aux questions pour une orientation personnelle",
                href=question_path(journey.profile, 1),
                class_name="button",
            ),
            class_name="actions",
        ),
        sources_list(journey.sources),
    )
