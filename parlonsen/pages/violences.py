"""/violences and /violences/<id>: what each form of violence is and what to do, per profile."""

import reflex as rx

from parlonsen import routes
from parlonsen.catalog import ViolenceForm, catalog
from parlonsen.components.channel_card import channel_card
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.components.sources import sources_list

PLACE_LABELS = {"ecole": "À l'école", "maison": "À la maison", "en_ligne": "En ligne"}
PROFILE_HEADINGS = {
    "eleve": "Si tu es élève",
    "parent": "Si vous êtes parent",
    "professionnel": "Si vous travaillez avec des enfants",
}


def violences_index_page() -> rx.Component:
    return page(
        rx.el.h1("Les violences, de quoi parle-t-on ?"),
        rx.el.p(
            "À l'école, à la maison ou en ligne : reconnaître ce qui n'est pas normal, c'est le premier pas.",
            class_name="lead",
        ),
        rx.el.ul(
            *[
                rx.el.li(
                    link(v.title, href=routes.violence(v.id)), rx.el.br(), rx.el.span(v.summary, class_name="muted")
                )
                for v in catalog().violences.values()
            ],
            class_name="steps",
        ),
    )


def violence_page(form: ViolenceForm) -> rx.Component:
    cat = catalog()
    return page(
        rx.el.h1(form.title),
        rx.el.p(form.summary, class_name="lead"),
        rx.el.p(form.definition),
        rx.el.h2("Des exemples"),
        *[
            rx.el.div(rx.el.h3(PLACE_LABELS[e.place]), rx.el.ul(*[rx.el.li(item) for item in e.items]))
            for e in form.examples
        ],
        rx.el.h2("Les signes qui peuvent alerter"),
        rx.el.ul(*[rx.el.li(sign) for sign in form.signs]),
        rx.el.h2("Que faire ?"),
        *[
            rx.el.div(rx.el.h3(PROFILE_HEADINGS[profile]), rx.el.ul(*[rx.el.li(a) for a in advice]))
            for profile, advice in form.what_to_do.items()
        ],
        rx.el.h2("Qui peut aider"),
        rx.el.div(*[channel_card(cat.channels[cid].in_voice("eleve")) for cid in form.channels], class_name="cards"),
        sources_list(form.sources),
    )
