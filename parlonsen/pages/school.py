"""/etablissement/<uai>: a school's own page; /etablissements: find your school."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.components.school import adults_list, resources_list
from parlonsen.pages.not_found import not_found_content
from parlonsen.pages.questionnaire import PROFILE_CHOICES
from parlonsen.state.questionnaire import QuestionnaireState
from parlonsen.state.school import SchoolSearchState, SchoolState


def _start_buttons() -> rx.Component:
    return rx.cond(
        SchoolState.ent_profile != "",
        rx.el.div(
            rx.el.p("Tu es connecté·e par l'ENT : les questions sont adaptées à ton profil.", class_name="muted"),
            rx.el.button(
                "Commencer les questions",
                class_name="button",
                on_click=QuestionnaireState.start_for_school(SchoolState.ent_profile, SchoolState.uai),
                id="school-start-ent",
                type="button",
            ),
            rx.el.p(rx.el.a("Se déconnecter de l'ENT sur ce site", href=routes.ENT_SIGN_OUT)),
        ),
        _all_start_buttons(),
    )


def _all_start_buttons() -> rx.Component:
    return rx.el.div(
        *[
            rx.el.button(
                title,
                rx.el.span(sub, class_name="sub"),
                class_name="choice",
                on_click=QuestionnaireState.start_for_school(profile, SchoolState.uai),
                id=f"school-start-{profile}",
                type="button",
            )
            for profile, title, sub in PROFILE_CHOICES
        ],
        class_name="choices",
    )


def school_content() -> rx.Component:
    return rx.el.div(
        rx.el.h1(SchoolState.name, id="school-name"),
        rx.el.p(SchoolState.place, class_name="muted"),
        rx.cond(SchoolState.welcome != "", rx.el.p(SchoolState.welcome, class_name="notice", id="school-welcome")),
        rx.el.h2("Les adultes de confiance de ton établissement"),
        rx.el.p(
            "Tu peux aller les voir, ou leur écrire. Ils t'écoutent et peuvent agir. Si tu es en danger, "
            "ils doivent te protéger : ils ne pourront pas tout garder secret, mais ils te diront ce qu'ils font."
        ),
        rx.el.div(
            adults_list(
                SchoolState.adults,
                "Va voir le ou la CPE, l'infirmier·ère ou ton professeur·e principal·e : ils sont là pour t'écouter.",
            ),
            id="school-adults",
        ),
        rx.el.p(
            link(
                "Écrire à un adulte de mon établissement",
                href=routes.school_write(SchoolState.uai),
                class_name="button",
                id="school-write",
            ),
        ),
        rx.el.p(
            link("J'ai déjà écrit : lire les réponses", href=routes.FOLLOWUP, class_name="block-link"),
        ),
        rx.el.h2("Trouver l'aide qui te correspond"),
        rx.el.p("Réponds à quelques questions : l'orientation tiendra compte de ton établissement."),
        _start_buttons(),
        rx.el.h2("Près de chez toi"),
        rx.el.div(resources_list(SchoolState.resources), id="school-resources"),
        rx.el.p(
            link("Tous les numéros nationaux", href=routes.HELP),
            " · ",
            rx.el.a("Affiche à imprimer", href=routes.school_poster(SchoolState.uai)),
        ),
    )


def school_page_view() -> rx.Component:
    return page(
        rx.cond(
            SchoolState.loaded,
            rx.cond(SchoolState.found, school_content(), not_found_content("Cet établissement est introuvable")),
            rx.el.p("Chargement…", class_name="muted"),
        )
    )


def school_search_page() -> rx.Component:
    return page(
        rx.el.h1("Trouver mon établissement"),
        # A plain form too: before the page is ready it sends `?q=`, and the page searches on load.
        rx.el.form(
            rx.el.label("Nom, ville ou code postal", html_for="school-query"),
            rx.el.div(
                rx.el.input(
                    id="school-query",
                    name="q",
                    type="search",
                    placeholder="Ex. : Jean Bart, Arras, 80000",
                    default_value=SchoolSearchState.query,
                    on_change=SchoolSearchState.search.debounce(250),
                    auto_complete="off",
                    class_name="search-input",
                ),
                rx.el.button("Chercher", type="submit", class_name="button", id="school-search-submit"),
                class_name="search-row",
            ),
            action=routes.SCHOOLS,
            method="get",
            role="search",
            on_submit=SchoolSearchState.submit,
            reset_on_submit=False,
        ),
        rx.el.ul(
            rx.foreach(
                SchoolSearchState.results,
                lambda e: rx.el.li(link(e.name, href=e.href), rx.el.br(), rx.el.span(e.place, class_name="muted")),
            ),
            id="school-results",
            class_name="steps",
        ),
        rx.cond(
            SchoolSearchState.searched & (SchoolSearchState.results.length() == 0),
            rx.el.p("Aucun établissement trouvé. Essaie avec le nom de ta ville.", class_name="muted"),
        ),
    )
