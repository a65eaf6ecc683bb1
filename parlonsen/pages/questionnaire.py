"""/questionnaire: one question per screen, then the personal orientation."""

import reflex as rx

from parlonsen.catalog import PROFILES, Question, catalog
from parlonsen.components.channel_card import channel_card
from parlonsen.components.emergency import emergency_links
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.components.result_actions import result_actions
from parlonsen.components.school import adults_list, resources_list
from parlonsen.components.tool_links import tool_links
from parlonsen.state.questionnaire import QuestionnaireState as Q

PROFILE_BUTTONS = (
    ("eleve", "Je suis élève", "Pour moi ou pour un·e ami·e"),
    ("parent", "Je suis parent", "Je m'inquiète pour mon enfant, ou pour moi"),
    ("professionnel", "Je travaille avec des enfants", "Enseignant·e, CPE, infirmier·ère, AED…"),
)

RESULT_LEAD = {
    "eleve": "Ces aides sont classées de la plus utile à la moins utile pour ta situation. "
    "Ce n'est pas de ta faute, et tu as le droit de demander de l'aide.",
    "parent": "Ces aides sont classées de la plus utile à la moins utile pour votre situation. "
    "Vous n'avez pas à rester seul·e face à cela.",
    "professionnel": "Ces interlocuteurs sont classés du plus utile au moins utile pour la situation décrite.",
}
NOW_TITLE = {"eleve": "Ce que tu peux faire maintenant", "parent": "Ce que vous pouvez faire maintenant"}
RESULT_TITLE = {
    "eleve": "Voici qui peut t'aider",
    "parent": "Voici qui peut vous aider",
    "professionnel": "Vers qui orienter, et comment agir",
}


def profile_buttons() -> rx.Component:
    return rx.el.div(
        *[
            rx.el.button(
                title,
                rx.el.span(sub, class_name="sub"),
                class_name="choice",
                on_click=Q.start(profile),
                id=f"start-{profile}",
                type="button",
            )
            for profile, title, sub in PROFILE_BUTTONS
        ],
        class_name="choices",
    )


def _nav_actions() -> rx.Component:
    return rx.el.div(
        rx.el.button("← Retour", class_name="button secondary", on_click=Q.back, id="back", type="button"),
        rx.el.button("Passer cette question", class_name="link-button", on_click=Q.skip, id="skip", type="button"),
        rx.el.button("Recommencer", class_name="link-button", on_click=Q.restart, id="restart", type="button"),
        class_name="actions",
    )


def question_screen(profile: str, question: Question) -> rx.Component:
    hint = question.hint.get(profile, "")  # type: ignore[call-overload]
    options = [
        rx.el.button(
            option.label[profile],  # type: ignore[index]
            class_name="choice",
            on_click=Q.choose(question.id, option.id),
            aria_pressed=Q.selected.contains(option.id).to_string(),
            id=f"option-{question.id}-{option.id}",
            type="button",
        )
        for option in question.options
    ]
    return rx.el.section(
        rx.el.p(Q.step_label, class_name="progress", id="progress"),
        rx.el.h1(question.text[profile], id="question-title"),  # type: ignore[index]
        rx.el.p(hint, class_name="muted") if hint else rx.fragment(),
        rx.el.div(*options, class_name="choices", role="group", aria_labelledby="question-title"),
        rx.el.div(
            rx.el.button("Continuer →", class_name="button", on_click=Q.next, id="continue", type="button"),
            class_name="actions",
        )
        if question.multiple
        else rx.fragment(),
        _nav_actions(),
        id=f"question-{question.id}",
    )


def urgent_box() -> rx.Component:
    return rx.el.section(
        rx.el.h2("Danger maintenant : appelle les secours"),
        emergency_links(),
        rx.el.p("C'est gratuit, même sans crédit. Si tu ne peux pas parler, le 114 reçoit les SMS, jour et nuit."),
        class_name="urgent-box",
        id="urgent",
        role="alert",
    )


def school_adults_card() -> rx.Component:
    """The school-adults channel once the school is known: its real adults, by role."""
    return rx.el.article(
        rx.el.h2("Les adultes de ton établissement"),
        rx.el.p(Q.school_name, class_name="muted"),
        rx.el.p(Q.reasons["school-adults"], class_name="reason"),
        adults_list(Q.school_adults, "La liste n'est pas encore remplie : va voir le ou la CPE ou l'infirmier·ère."),
        rx.el.p(
            link(
                "Écrire à un adulte de mon établissement",
                href="/etablissement/" + Q.school_uai + "/ecrire",
                class_name="button",
                id="result-write",
            ),
        ),
        rx.el.p(
            "Un adulte qui apprend que tu es en danger doit te protéger : il ne pourra pas tout garder secret, "
            "mais il te dira ce qu'il fait.",
            class_name="muted",
        ),
        class_name="card",
        id="channel-school-adults",
        custom_attrs={"data-channel": "school-adults"},
    )


def local_crip_card() -> rx.Component:
    """The crip channel once the school is known: its département's own CRIP (or "à compléter")."""
    return rx.el.article(
        rx.el.h2(Q.crip["name"]),
        rx.el.p(Q.crip["short"]),
        rx.el.p(Q.reasons["crip"], class_name="reason"),
        rx.cond(Q.crip["note"] != "", rx.el.p(Q.crip["note"], class_name="error")),
        rx.el.div(
            rx.cond(Q.crip["phone"] != "", rx.el.a("Appeler", href=Q.crip["phone_href"], class_name="contact")),
            rx.cond(
                Q.crip["url"] != "", rx.el.a("Site du département", href=Q.crip["url"], class_name="contact secondary")
            ),
            rx.el.a("Appeler le 119", href="tel:119", class_name="contact secondary"),
            class_name="contacts",
        ),
        rx.el.p(rx.el.strong("Quand : "), Q.crip["hours"]),
        rx.el.details(rx.el.summary("Que se passe-t-il quand je les contacte ?"), rx.el.p(Q.crip["what_happens"])),
        class_name="card",
        id="channel-crip",
        custom_attrs={"data-channel": "crip"},
    )


def _card_for(channel) -> rx.Component:
    card = channel_card(channel, Q.reasons[channel.id], level=2)
    if channel.id == "school-adults":
        return rx.cond(Q.school_name != "", school_adults_card(), card)
    if channel.id == "crip":
        return rx.cond(Q.crip.length() > 0, local_crip_card(), card)
    return card


def result_screen() -> rx.Component:
    cat = catalog()
    cards = [(c.id, _card_for(c)) for c in cat.channels.values()]
    readings = [(v.id, rx.el.li(link(v.title, href=f"/violences/{v.id}"))) for v in cat.violences.values()]
    journeys = [(j.id, link(f"Lire le parcours : {j.title}", href=f"/parcours/{j.id}")) for j in cat.journeys.values()]
    return rx.el.section(
        rx.cond(Q.urgent, urgent_box(), rx.fragment()),
        rx.el.h1(rx.match(Q.profile, *RESULT_TITLE.items(), "Voici qui peut aider"), id="result-title"),
        rx.el.p(rx.match(Q.profile, *RESULT_LEAD.items(), ""), class_name="lead"),
        rx.el.div(
            rx.foreach(Q.result_ids, lambda cid: rx.match(cid, *cards, rx.fragment())),
            class_name="cards",
            id="result-channels",
        ),
        rx.cond(
            Q.local_resources.length() > 0,
            rx.el.section(rx.el.h2("Près de chez toi"), resources_list(Q.local_resources), id="local-resources"),
        ),
        rx.el.h2(rx.match(Q.profile, *NOW_TITLE.items(), "Ce que vous pouvez faire maintenant")),
        rx.el.ol(rx.foreach(Q.next_steps, lambda step: rx.el.li(step)), class_name="steps", id="next-steps"),
        rx.cond(
            Q.topics.length() > 0,
            rx.el.div(
                rx.el.h2("À lire"),
                rx.el.ul(rx.foreach(Q.topics, lambda t: rx.match(t, *readings, rx.fragment()))),
            ),
            rx.fragment(),
        ),
        rx.el.p(rx.match(Q.journey_id, *journeys, rx.fragment())),
        rx.match(Q.profile, *[(p, tool_links(p)) for p in PROFILES], rx.fragment()),
        rx.el.p(
            "Tes réponses ne sont pas enregistrées : elles disparaissent quand tu fermes cet onglet "
            "ou que tu quittes le site.",
            class_name="muted",
        ),
        result_actions(Q.back, Q.restart),
        id="result",
    )


def choose_profile_screen() -> rx.Component:
    return rx.el.section(rx.el.h1("Qui es-tu ?"), profile_buttons())


def questionnaire_page() -> rx.Component:
    cat = catalog()
    screens = [
        (f"{profile}:{q.id}", question_screen(profile, q))
        for profile in PROFILES
        for q in cat.questionnaire.for_profile(profile)
    ]
    return page(
        rx.cond(Q.error != "", rx.el.p(Q.error, class_name="error", role="alert", id="error"), rx.fragment()),
        rx.cond(
            Q.finished,
            result_screen(),
            rx.cond(Q.screen != "", rx.match(Q.screen, *screens, rx.fragment()), choose_profile_screen()),
        ),
    )
