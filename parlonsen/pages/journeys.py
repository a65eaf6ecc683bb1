"""/parcours/<id>: a journey for one profile, ending with pistes d'action and links."""

import reflex as rx

from parlonsen.catalog import Journey, catalog
from parlonsen.components.channel_card import channel_card
from parlonsen.components.layout import markdown, page
from parlonsen.components.sources import sources_list
from parlonsen.components.tool_links import tool_links
from parlonsen.state.questionnaire import QuestionnaireState

LINK_KINDS = {"aide": "Se faire aider", "formation": "Se former", "information": "S'informer"}


def journey_page(journey: Journey) -> rx.Component:
    cat = catalog()
    kinds = [k for k in LINK_KINDS if any(link.kind == k for link in journey.links)]
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
        rx.el.div(*[channel_card(cat.channels[cid]) for cid in journey.channels], class_name="cards"),
        *[
            rx.el.section(
                rx.el.h2(LINK_KINDS[kind]),
                rx.el.ul(
                    *[
                        rx.el.li(
                            rx.el.a(link.label, href=link.url, target="_blank", rel="noopener noreferrer"),
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
            rx.el.button(
                "Répondre aux questions pour une orientation personnelle",
                class_name="button",
                on_click=QuestionnaireState.start(journey.profile),
                type="button",
            ),
            class_name="actions",
        ),
        sources_list(journey.sources),
    )
