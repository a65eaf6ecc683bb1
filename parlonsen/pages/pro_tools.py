"""Pages of the professionals' toolkit: the index, weak signals, receiving a disclosure, the decision helper.

The record sheet (/pro/fiche-de-recueil) lives in `record_sheet.py`; the index links to it.
"""

import reflex as rx

from parlonsen.catalog import Source
from parlonsen.components.emergency import emergency_links
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.components.result_actions import result_actions
from parlonsen.components.sources import sources_list, sources_list_of
from parlonsen.services.seed import DEPARTEMENTS
from parlonsen.state.report_decision import ReportDecisionState as R
from parlonsen.state.signals import SignalsState as S
from parlonsen.toolkit.disclosure import DisclosureStep, disclosure_guide
from parlonsen.toolkit.report_decision import MAX_LINKS, DecisionQuestion, report_helper
from parlonsen.toolkit.signals import AGE_GROUPS, PlaceGroup, Signal, signal_guide

SITE = "Violences, parlons-en"
TOOLS = (
    (
        "/pro/signaux-faibles",
        "Repérer les signaux faibles",
        "Une grille par âge et par lieu (comportement, corps, travail scolaire, en ligne) pour savoir à qui en parler.",
    ),
    (
        "/pro/recueillir-la-parole",
        "Recueillir la parole d'un élève",
        "Les six gestes essentiels, à relire en cinq minutes avant ou juste après une conversation.",
    ),
    (
        "/pro/fiche-de-recueil",
        "La fiche de recueil",
        "Noter les mots exacts de l'élève et le contexte, puis l'imprimer. Rien n'est envoyé ni enregistré.",
    ),
    (
        "/pro/information-preoccupante",
        "Information préoccupante ou signalement ?",
        "Trois questions pour savoir quoi faire, qui informer (direction, CRIP, procureur, 119) et pourquoi.",
    ),
)


def _unique_sources(groups: list[list[Source]]) -> list[Source]:
    return list(dict.fromkeys(source for group in groups for source in group))


def tools_index_page() -> rx.Component:
    return page(
        rx.el.h1("Outils pour les professionnels"),
        rx.el.p(
            "Enseignant·e, CPE, AED, infirmier·ère, assistant·e social·e, membre de la direction : ces outils vous "
            "aident à repérer, à recueillir la parole d'un élève et à choisir la bonne démarche. Ils ne remplacent "
            "ni l'échange avec votre équipe ni les conseils du 119.",
            class_name="lead",
        ),
        rx.el.ul(
            *[
                rx.el.li(
                    rx.el.h2(link(title, href=href, id="tool-" + href.rsplit("/", 1)[1])),
                    rx.el.p(text),
                    class_name="card",
                )
                for href, title, text in TOOLS
            ],
            class_name="cards tool-list",
        ),
        rx.el.p(
            "En cas de danger immédiat pour un élève : appelez le 17 ou le 112. Pour un conseil, le 119 répond "
            "aux professionnels 24h/24.",
            class_name="notice",
        ),
        rx.el.p(link("Lire le parcours complet pour les professionnels", href="/parcours/professionnel")),
    )


# --- Weak signals --------------------------------------------------------------------------------


def _age_button(age: str, label: str) -> rx.Component:
    return rx.el.button(
        label,
        class_name="choice",
        on_click=S.choose_age(age),
        aria_pressed=(S.age == age).to_string(),
        id=f"age-{age or 'tous'}",
        type="button",
    )


def _signal_item(signal: Signal) -> rx.Component:
    return rx.cond(
        S.visible.contains(signal.id),
        rx.el.li(
            rx.el.button(
                signal.label,
                rx.el.span("Signe d'alerte", class_name="sub") if signal.weight == "alerter" else rx.fragment(),
                class_name="choice",
                on_click=S.toggle(signal.id),
                aria_pressed=S.ticked.contains(signal.id).to_string(),
                id=f"signal-{signal.id}",
                type="button",
                custom_attrs={"data-weight": signal.weight},
            )
        ),
    )


def _place_section(place: PlaceGroup) -> rx.Component:
    return rx.el.section(
        rx.el.h3(place.title, id=f"place-{place.id}"),
        rx.el.ul(
            *[_signal_item(s) for s in place.signals],
            class_name="choices signal-list",
            aria_labelledby=f"place-{place.id}",
        ),
        class_name="signal-place",
    )


def signals_page() -> rx.Component:
    guide = signal_guide()
    advice_links = [link(item.label, href=item.href, class_name="button") for item in guide.advice["alerter"].links]
    return page(
        rx.el.h1(guide.title),
        rx.el.p(guide.intro, class_name="lead"),
        rx.el.section(
            rx.el.h2("Ce qu'un signe seul veut dire, et ne veut pas dire"),
            rx.el.p(rx.el.strong("Il veut dire : "), guide.single_sign.does),
            rx.el.p(rx.el.strong("Il ne veut pas dire : "), guide.single_sign.does_not),
            class_name="notice",
            id="single-sign",
        ),
        rx.cond(S.error != "", rx.el.p(S.error, class_name="error", role="alert", id="signals-error")),
        rx.el.h2("Niveau de l'élève", id="age-title"),
        rx.el.div(
            _age_button("", "Tous les niveaux"),
            *[_age_button(age, guide.ages[age]) for age in AGE_GROUPS],  # type: ignore[index]
            class_name="choices age-filter",
            role="group",
            aria_labelledby="age-title",
        ),
        rx.el.h2("Ce que vous avez observé"),
        rx.el.p(
            "Touchez un signe pour le cocher, touchez-le à nouveau pour le décocher. ",
            rx.el.a("Aller directement au conseil", href="#signals-advice", id="to-advice"),
            class_name="muted",
        ),
        *[_place_section(place) for place in guide.places],
        rx.el.div(
            rx.el.button(
                "Ces signes durent ou se répètent depuis plusieurs semaines",
                class_name="choice",
                on_click=S.toggle_lasting,
                aria_pressed=S.lasting.to_string(),
                id="signals-lasting",
                type="button",
            ),
            class_name="choices",
        ),
        rx.el.section(
            rx.el.h2("Ce que vous pouvez faire"),
            rx.el.p(S.ticked_count, class_name="progress", id="signals-count"),
            rx.el.p(S.advice_title, class_name="advice-title", id="advice-title"),
            rx.el.ol(rx.foreach(S.advice_actions, lambda action: rx.el.li(action)), class_name="steps"),
            rx.cond(S.advice_level == "alerter", rx.el.div(*advice_links, class_name="actions")),
            id="signals-advice",
            class_name="card",
            aria_live="polite",
            custom_attrs={"data-level": S.advice_level},
        ),
        rx.el.div(
            rx.el.button(
                "Tout décocher", class_name="link-button", on_click=S.clear, id="signals-clear", type="button"
            ),
            class_name="actions",
        ),
        rx.el.p(
            "Ce que vous cochez n'est pas enregistré : tout disparaît quand vous fermez l'onglet.", class_name="muted"
        ),
        sources_list(_unique_sources([guide.single_sign.sources, *[p.sources for p in guide.places]])),
    )


# --- Receiving a disclosure ----------------------------------------------------------------------


def _phrases(title: str, phrases: list[str], kind: str) -> rx.Component:
    if not phrases:
        return rx.fragment()
    return rx.el.div(
        rx.el.h3(title),
        rx.el.ul(*[rx.el.li(p) for p in phrases]),
        class_name=f"phrases {kind}",
    )


def _disclosure_step(number: int, step: DisclosureStep) -> rx.Component:
    return rx.el.li(
        rx.el.h2(f"{number}. {step.title}"),
        rx.el.p(step.body),
        _phrases("À dire", step.say, "say"),
        _phrases("À éviter", step.avoid, "avoid"),
        id=f"step-{step.id}",
    )


def disclosure_page() -> rx.Component:
    guide = disclosure_guide()
    return page(
        rx.el.h1(guide.title),
        rx.el.p(guide.reading_time, class_name="progress"),
        rx.el.p(guide.intro, class_name="lead"),
        rx.el.ol(*[_disclosure_step(i, s) for i, s in enumerate(guide.steps, start=1)], class_name="disclosure-steps"),
        rx.el.section(
            rx.el.h2("Ensuite"),
            rx.el.ol(*[rx.el.li(item) for item in guide.after], class_name="steps"),
            rx.el.div(
                *[
                    link(item.label, href=item.href, class_name="button" if i == 0 else "button secondary")
                    for i, item in enumerate(guide.links)
                ],
                class_name="actions",
            ),
            class_name="notice",
            id="disclosure-next",
        ),
        rx.el.p("En cas de danger immédiat pour l'élève : appelez le 17 ou le 112.", class_name="muted"),
        sources_list(_unique_sources([s.sources for s in guide.steps])),
    )


# --- Information préoccupante or signalement ------------------------------------------------------


REPORT_TITLE = "Information préoccupante ou signalement"
STEPS = {"data-steps": REPORT_TITLE}  # names the tool in the tab title (assets/focus.js)


def _question_screen(question: DecisionQuestion) -> rx.Component:
    helper = report_helper()
    return rx.el.section(
        rx.el.p(R.step_label, class_name="progress", id="progress"),
        rx.el.h2(question.text, id="question-title"),
        rx.el.p(question.hint, class_name="muted"),
        rx.el.div(
            *[
                rx.el.button(
                    option.label,
                    class_name="choice",
                    on_click=R.answer(question.id, option.id),
                    aria_pressed=(R.selected == option.id).to_string(),
                    id=f"answer-{question.id}-{option.id}",
                    type="button",
                )
                for option in helper.options
            ],
            class_name="choices",
            role="group",
            aria_labelledby="question-title",
        ),
        rx.el.div(
            rx.cond(
                R.history.length() > 0,
                rx.el.button("← Retour", class_name="button secondary", on_click=R.back, id="back", type="button"),
            ),
            class_name="actions",
        ),
        id=f"question-{question.id}",
        custom_attrs=STEPS,
    )


def _contact_link(contact: rx.Var, index: int) -> rx.Component:
    label, href = contact[f"link{index}_label"], contact[f"link{index}_href"]
    return rx.cond(
        href != "",
        rx.el.a(label, href=href, class_name="contact" if index == 0 else "contact secondary"),
    )


def _contact_card(contact: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.h4(contact["name"]),
        rx.el.p(contact["detail"]),
        rx.el.div(*[_contact_link(contact, i) for i in range(MAX_LINKS)], class_name="contacts"),
        class_name="card",
        custom_attrs={"data-contact": contact["id"]},
    )


def _departement_select() -> rx.Component:
    return rx.el.div(
        rx.el.label("Département de l'établissement (pour les coordonnées de la CRIP)", html_for="departement"),
        rx.el.select(
            rx.el.option("Choisir un département", value=""),
            *[rx.el.option(f"{name} ({code})", value=code) for code, name in DEPARTEMENTS],
            value=R.departement,
            on_change=R.choose_departement,
            id="departement",
            class_name="search-input",
        ),
        class_name="departement-choice",
    )


def _result_screen() -> rx.Component:
    return rx.el.section(
        rx.cond(
            R.outcome_kind == "urgence",
            rx.el.div(rx.el.p(rx.el.strong("Danger immédiat :")), emergency_links(), class_name="urgent-box"),
        ),
        rx.el.p("Ce qu'il faut faire", class_name="progress", id="progress"),
        rx.el.h2(R.title, id="result-title"),
        rx.el.p(R.summary, class_name="lead"),
        rx.el.h3("À faire maintenant"),
        rx.el.ol(rx.foreach(R.actions, lambda action: rx.el.li(action)), class_name="steps", id="decision-actions"),
        rx.el.h3("Qui informer"),
        _departement_select(),
        rx.el.ul(rx.foreach(R.contacts, _contact_card), class_name="cards contact-list", id="decision-contacts"),
        rx.el.h3("Ce que dit la loi, en clair"),
        rx.el.ul(rx.foreach(R.legal, lambda item: rx.el.li(item)), class_name="steps", id="decision-legal"),
        rx.el.h3("Ce que vous pouvez dire à l'élève"),
        rx.foreach(R.tell_child, lambda words: rx.el.blockquote(words, class_name="notice")),
        rx.el.div(
            link("Remplir la fiche de recueil", href="/pro/fiche-de-recueil", class_name="button"),
            link("Recueillir la parole : les gestes", href="/pro/recueillir-la-parole", class_name="button secondary"),
            class_name="actions",
        ),
        sources_list_of(R.sources),
        result_actions(R.back, R.restart),
        id="decision",
        custom_attrs={**STEPS, "data-outcome": R.outcome_id},
    )


def report_page() -> rx.Component:
    helper = report_helper()
    screens = [(q.id, _question_screen(q)) for q in helper.questions]
    return page(
        rx.el.h1(helper.title),
        rx.cond(R.finished, rx.fragment(), rx.el.p(helper.intro, class_name="lead")),
        rx.cond(R.error != "", rx.el.p(R.error, class_name="error", role="alert", id="decision-error")),
        rx.cond(R.finished, _result_screen(), rx.match(R.current, *screens, rx.fragment())),
        rx.el.p(
            "Vos réponses ne sont pas enregistrées : elles disparaissent quand vous fermez l'onglet.",
            class_name="muted",
        ),
    )


def register(app: rx.App) -> None:
    """Add the toolkit's pages to the app."""
    app.add_page(tools_index_page, route="/pro/outils", title=f"Outils pour les professionnels – {SITE}")
    app.add_page(signals_page, route="/pro/signaux-faibles", title=f"Signaux faibles – {SITE}")
    app.add_page(disclosure_page, route="/pro/recueillir-la-parole", title=f"Recueillir la parole d'un élève – {SITE}")
    app.add_page(
        report_page,
        route="/pro/information-preoccupante",
        title=f"{REPORT_TITLE} – {SITE}",
        on_load=R.load,
    )
