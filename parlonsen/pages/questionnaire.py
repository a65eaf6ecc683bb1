"""/questionnaire/<profil>/<n>: one question per page, so the browser's Back goes one question back.

Each question's page is prerendered with its question on screen: before the page is ready (a weak phone, a
slow network), the child already reads it, the help bar works, and a tap on an answer is held by
/early_taps.js and replayed once the page is ready. Without JavaScript the questions cannot be answered: the
page says so and links to every help (`/aide`). Answers live in the tab's state, never in the address.
"""

from functools import cache

import reflex as rx

from parlonsen import routes
from parlonsen.catalog import VOICES_OF_PROFILE, Question, catalog
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.routes import question_path
from parlonsen.state.questionnaire import QuestionnaireState as Q

PROFILE_CHOICES = (
    ("eleve", "Je suis élève", "Pour moi ou pour un·e ami·e"),
    ("parent", "Je suis parent", "Je m'inquiète pour mon enfant, ou pour moi"),
    ("professionnel", "Je travaille avec des enfants", "Enseignant·e, CPE, infirmier·ère, AED…"),
)


def profile_links() -> rx.Component:
    """One tap to say who you are: real links, which work the moment they are on screen."""
    return rx.el.div(
        *[
            link(
                title,
                rx.el.span(sub, class_name="sub"),
                href=question_path(profile, 1),
                class_name="choice",
                id=f"start-{profile}",
            )
            for profile, title, sub in PROFILE_CHOICES
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


@cache
def question_screen(voice: str, question_id: str) -> rx.Component:
    """One question in one voice; built once, so every page that shows it shares the same component."""
    profile = "eleve" if voice == "temoin" else voice
    questions = catalog().questionnaire.for_profile(profile)
    question: Question = next(q for q in questions if q.id == question_id)
    number = questions.index(question) + 1
    hint = question.hint_for(voice)
    options = [
        rx.el.button(
            question.label_for(option, voice),
            class_name="choice",
            on_click=Q.choose(question.id, option.id),
            aria_pressed=Q.ticked.contains(f"{question.id}:{option.id}").to_string(),
            id=f"option-{question.id}-{option.id}",
            type="button",
        )
        for option in question.options
    ]
    return rx.el.section(
        rx.el.p(f"Étape {number} sur {len(questions)}", class_name="progress", id="progress"),
        rx.el.h1(question.text_for(voice), id="question-title"),
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


def _error() -> rx.Component:
    return rx.cond(Q.error != "", rx.el.p(Q.error, class_name="error", role="alert", id="error"))


def _without_javascript() -> rx.Component:
    return rx.el.noscript(
        rx.el.p(
            "Les questions ont besoin de JavaScript, qui est désactivé ici. Tous les numéros d'aide sont sur ",
            rx.el.a("la page des aides", href=routes.HELP),
            ".",
            class_name="notice",
        )
    )


def question_page(profile: str, number: int) -> rx.Component:
    """The page of question `number` for `profile`, in the reader's voice once the tab's state says it.

    It always shows its own question: before the tab's state arrives (prerendered, in the profile's voice), and
    while an answer moves the tab to the next question's page, so nothing jumps under a finger or the focus."""
    question_id = catalog().questionnaire.for_profile(profile)[number - 1].id
    voiced = [(voice, question_screen(voice, question_id)) for voice in VOICES_OF_PROFILE[profile]]
    return page(
        _error(),
        _without_javascript(),
        rx.match(Q.voice, *voiced, question_screen(profile, question_id)),
        focused=True,
    )


def choose_profile_screen() -> rx.Component:
    return rx.el.section(rx.el.h1("Qui es-tu ?"), profile_links())


def questionnaire_page() -> rx.Component:
    """`/questionnaire`: who are you? A questionnaire under way resumes on its own page (on_load)."""
    return page(_error(), choose_profile_screen())
