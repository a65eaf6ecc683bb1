"""/questionnaire/resultat: the personal orientation, on a phone: emergency first, three helps, what to do now.

Its own module, so that its words and cards load only on the result's page, not with each question.
"""

import reflex as rx

from parlonsen import routes
from parlonsen.catalog import PROFILES, VOICES, catalog
from parlonsen.components.emergency import emergency_links
from parlonsen.components.help_cards import CardView, cards_by_channel, help_card
from parlonsen.components.layout import page
from parlonsen.components.links import external_link, link
from parlonsen.components.result_actions import result_actions
from parlonsen.components.school import adults_list, resources_list
from parlonsen.components.tool_links import tool_links
from parlonsen.routes import QUESTIONNAIRE
from parlonsen.state.questionnaire import QuestionnaireState as Q

# The result's own words, per voice: a witness reads about helping a friend, parents and professionals "vous".
RESULT_TITLE = {
    "eleve": "Voici qui peut t'aider",
    "temoin": "Voici comment aider ton ami·e",
    "parent": "Voici qui peut vous aider",
    "professionnel": "Vers qui orienter, et comment agir",
}
RESULT_LEAD = {
    "eleve": "Les aides les plus utiles pour ta situation d'abord. Ce n'est pas de ta faute, "
    "et tu as le droit de demander de l'aide.",
    "temoin": "Tu as bien fait de t'inquiéter pour ton ami·e. Tu n'as pas à tout régler seul·e : "
    "en parler à un adulte, ce n'est pas le trahir, c'est l'aider.",
    "parent": "Les aides les plus utiles pour votre situation d'abord. Vous n'avez pas à rester seul·e face à cela.",
    "professionnel": "Les interlocuteurs les plus utiles pour la situation décrite d'abord.",
}
NOW_TITLE = {
    "eleve": "Ce que tu peux faire maintenant",
    "temoin": "Ce que tu peux faire maintenant pour ton ami·e",
    "parent": "Ce que vous pouvez faire maintenant",
    "professionnel": "Ce que vous pouvez faire maintenant",
}
URGENT_TITLE = {
    "eleve": "Danger maintenant : appelle les secours",
    "temoin": "Danger maintenant : appelle les secours",
    "parent": "Danger maintenant : appelez les secours",
    "professionnel": "Danger maintenant : appelez les secours",
}
URGENT_TEXT = {
    "eleve": "C'est gratuit, même sans crédit. Si tu ne peux pas parler, le 114 reçoit les SMS, jour et nuit.",
    "temoin": "C'est gratuit, même sans crédit. Si tu ne peux pas parler, le 114 reçoit les SMS, jour et nuit.",
    "parent": "C'est gratuit, même sans crédit. Si vous ne pouvez pas parler, le 114 reçoit les SMS, jour et nuit.",
    "professionnel": "Appel gratuit. Si parler est impossible, le 114 reçoit l'alerte par SMS, jour et nuit.",
}
NEAR_TITLE = {"eleve": "Près de chez toi", "parent": "Près de chez vous"}
NOT_KEPT = {
    "eleve": "Tes réponses ne sont pas enregistrées : elles disparaissent quand tu fermes cet onglet "
    "ou que tu quittes le site.",
    "parent": "Vos réponses ne sont pas enregistrées : elles disparaissent quand vous fermez cet onglet "
    "ou quittez le site.",
}
MORE_HELP = "Voir d'autres aides"
CARDS = rx.Var.create(cards_by_channel()).to(dict[str, dict[str, CardView]])  # used once: each use inlines it
SCHOOL_ADULTS_TITLE = {v: str(catalog().channels["school-adults"].in_voice(v).name) for v in VOICES}
SCHOOL_WRITE_NOTE = {
    "eleve": "Un adulte qui apprend que tu es en danger doit te protéger : il ne pourra pas tout garder secret, "
    "mais il te dira ce qu'il fait.",
    "temoin": "Un adulte qui apprend qu'un élève est en danger doit le protéger : il ne pourra pas tout garder "
    "secret, mais il dira ce qu'il fait.",
    "parent": "Si un enfant est en danger, l'établissement doit le protéger : il en informe la direction et, "
    "si besoin, la CRIP ou le procureur.",
}
SCHOOL_EMPTY = {
    "eleve": "Va voir le ou la CPE ou l'infirmier·ère : ils sont là pour t'écouter.",
    "temoin": "Va voir le ou la CPE ou l'infirmier·ère : ils sont là pour écouter les élèves.",
    "parent": "Demandez un rendez-vous au ou à la CPE, à l'infirmier·ère ou à la direction.",
    "professionnel": "Adressez-vous à la direction, au ou à la CPE ou à l'infirmier·ère.",
}


def _for(texts: dict[str, str], voice: str) -> str:
    """A voice's text, parents' and professionals' shared where only one is given, students' for a witness."""
    chain = {"temoin": ("temoin", "eleve"), "professionnel": ("professionnel", "parent")}.get(voice, (voice,))
    return next((texts[v] for v in chain if v in texts), "")


def _say(texts: dict[str, str]) -> rx.Var:
    """The words for the voice of the result on screen (parents' for professionals where only they are given)."""
    return rx.match(Q.voice, *[(voice, _for(texts, voice)) for voice in VOICES], "")


def urgent_box() -> rx.Component:
    return rx.el.section(
        rx.el.h2(_say(URGENT_TITLE)),
        emergency_links(),
        rx.el.p(_say(URGENT_TEXT)),
        class_name="urgent-box",
        id="urgent",
        role="alert",
    )


def self_harm_box() -> rx.Component:
    """Said first when thoughts of self-harm are signalled: warm words; the 3114 and the 15 are the cards below."""
    messages = catalog().orientation.self_harm
    return rx.el.section(
        rx.el.h2(_say({voice: m.title for voice, m in messages.items()})),
        rx.el.p(_say({voice: m.body for voice, m in messages.items()})),
        class_name="care-box",
        id="self-harm",
    )


def school_adults_card(voice: rx.Var) -> rx.Component:
    """The school-adults channel once the school is known: its real adults, by role."""
    return rx.el.article(
        rx.el.h2(_say(SCHOOL_ADULTS_TITLE)),
        rx.el.p(Q.school_name, class_name="muted"),
        rx.el.p(Q.reasons["school-adults"], class_name="reason"),
        rx.cond(
            (voice == "eleve") | (voice == "temoin"),
            rx.el.p(
                link(
                    "Écrire à un adulte de mon établissement",
                    href=routes.school_write(Q.school_uai),
                    class_name="contact big",
                    id="result-write",
                ),
                class_name="main-action",
            ),
        ),
        rx.el.details(
            rx.el.summary("Qui sont ces adultes ?"),
            adults_list(Q.school_adults, _say(SCHOOL_EMPTY)),
            rx.el.p(_say(SCHOOL_WRITE_NOTE), class_name="muted"),
            class_name="more-about",
        ),
        class_name="card",
        id="channel-school-adults",
        custom_attrs={"data-channel": "school-adults"},
    )


def local_crip_card() -> rx.Component:
    """The crip channel once the school is known: its département's own CRIP, or what to do without it."""
    return rx.el.article(
        rx.el.h2(Q.crip.name),
        rx.el.p(Q.reasons["crip"], class_name="reason"),
        rx.cond(Q.crip.note != "", rx.el.p(Q.crip.note, class_name="notice")),
        rx.el.div(
            rx.cond(Q.crip.phone != "", rx.el.a("Appeler", href=Q.crip.phone_href, class_name="contact big")),
            rx.cond(
                Q.crip.url != "",
                external_link("Site du département", href=Q.crip.url, class_name="contact secondary"),
            ),
            rx.el.a("Appeler le 119", href="tel:119", class_name="contact secondary"),
            class_name="contacts",
        ),
        rx.el.details(
            rx.el.summary("En savoir plus"),
            rx.el.p(Q.crip.short),
            rx.el.p(rx.el.strong("Quand : "), Q.crip.hours),
            rx.el.p(Q.crip.what_happens),
            class_name="more-about",
        ),
        class_name="card",
        id="channel-crip",
        custom_attrs={"data-channel": "crip"},
    )


@rx.memo
def result_cards(ids: rx.Var[list[str]], voice: rx.Var[str]) -> rx.Component:
    """The helps named by `ids`, in `voice`: the school's own adults and CRIP once the school is known."""

    def card(cid: rx.Var) -> rx.Component:
        return rx.cond(
            (cid == "school-adults") & (Q.school_name != ""),
            school_adults_card(voice),
            rx.cond(
                (cid == "crip") & (Q.crip.name != ""),
                local_crip_card(),
                help_card(card=CARDS[cid][voice], reason=Q.reasons[cid]),
            ),
        )

    return rx.el.div(rx.foreach(ids, card), class_name="cards")


def result_screen() -> rx.Component:
    cat = catalog()
    readings = [(v.id, rx.el.li(link(v.title, href=routes.violence(v.id)))) for v in cat.violences.values()]
    journeys = [(j.id, link(f"Lire le parcours : {j.title}", href=routes.journey(j.id))) for j in cat.journeys.values()]
    return rx.el.section(
        rx.cond(Q.urgent, urgent_box()),
        rx.cond(Q.self_harm, self_harm_box()),
        rx.el.h1(_say(RESULT_TITLE), id="result-title"),
        rx.el.p(_say(RESULT_LEAD), class_name="lead"),
        rx.el.div(result_cards(ids=Q.first_ids, voice=Q.voice), id="result-channels"),
        rx.el.h2(_say(NOW_TITLE), id="now-title"),
        rx.el.ol(rx.foreach(Q.next_steps, lambda step: rx.el.li(step)), class_name="steps", id="next-steps"),
        rx.cond(
            Q.more_ids.length() > 0,
            rx.el.details(
                rx.el.summary(MORE_HELP, " (", Q.more_ids.length().to_string(), ")", class_name="more-help"),
                result_cards(ids=Q.more_ids, voice=Q.voice),
                id="more-channels",
            ),
        ),
        rx.cond(
            Q.local_resources.length() > 0,
            rx.el.section(rx.el.h2(_say(NEAR_TITLE)), resources_list(Q.local_resources), id="local-resources"),
        ),
        rx.cond(
            Q.topics.length() > 0,
            rx.el.div(
                rx.el.h2("À lire"),
                rx.el.ul(rx.foreach(Q.topics, lambda t: rx.match(t, *readings, rx.fragment()))),
            ),
        ),
        rx.el.p(rx.match(Q.journey_id, *journeys, rx.fragment())),
        rx.match(Q.profile, *[(p, tool_links(p)) for p in PROFILES], rx.fragment()),
        rx.el.p(_say(NOT_KEPT), class_name="muted"),
        result_actions(Q.back, Q.restart),
        id="result",
    )


def result_page() -> rx.Component:
    """Before the tab's orientation arrives (a reload, a slow network), the help bar is already there."""
    return page(
        rx.cond(
            Q.finished,
            result_screen(),
            rx.el.section(
                rx.el.h1("Qui peut aider"),
                rx.el.p("Chargement…", class_name="muted"),
                rx.el.p(link("Répondre aux questions", href=QUESTIONNAIRE)),
            ),
        )
    )
