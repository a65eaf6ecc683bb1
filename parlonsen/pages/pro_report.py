"""/pro/information-preoccupante: three questions, then what to do, whom to inform (with the département's
CRIP) and why. The answers live in the tab's state only (`state/report_decision.py`)."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.emergency import emergency_links
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.components.result_actions import result_actions
from parlonsen.components.sources import sources_list_of
from parlonsen.state.report_decision import ReportDecisionState as R
from parlonsen.toolkit.report_decision import MAX_LINKS, DecisionQuestion, report_helper

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
    label, href = getattr(contact, f"link{index}_label"), getattr(contact, f"link{index}_href")
    return rx.cond(
        href != "",
        rx.el.a(label, href=href, class_name="contact" if index == 0 else "contact secondary"),
    )


def _contact_card(contact: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.h4(contact.name),
        rx.el.p(contact.detail),
        rx.el.div(*[_contact_link(contact, i) for i in range(MAX_LINKS)], class_name="contacts"),
        class_name="card",
        custom_attrs={"data-contact": contact.id},
    )


def _departement_select() -> rx.Component:
    return rx.el.div(
        rx.el.label("Département de l'établissement (pour les coordonnées de la CRIP)", html_for="departement"),
        rx.el.select(
            rx.el.option("Choisir un département", value=""),
            rx.foreach(R.departements, lambda d: rx.el.option(d.label, value=d.code)),
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
            link("Remplir la fiche de recueil", href=routes.PRO_RECORD_SHEET, class_name="button"),
            link("Recueillir la parole : les gestes", href=routes.PRO_DISCLOSURE, class_name="button secondary"),
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
