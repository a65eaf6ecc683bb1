"""The route table: every page of the site, at its path, with its tab title and what it loads.

`parlonsen.py` adds exactly these pages to the app; `tests/test_site.py` checks the table against `routes`
(every path has a page, every dynamic page a parameter its state reads, no two pages at one path). A title
names a kind of page, never what was read there: the browser's history shows titles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx

from parlonsen import routes
from parlonsen.catalog import PROFILES, catalog
from parlonsen.pages.admin import admin_home_page
from parlonsen.pages.admin_departement import admin_departement_page
from parlonsen.pages.admin_invitation import invitation_page
from parlonsen.pages.admin_journal import admin_journal_page
from parlonsen.pages.admin_messages import admin_messages_page
from parlonsen.pages.admin_school import admin_school_page
from parlonsen.pages.channels import channels_page
from parlonsen.pages.ent import ent_welcome_page
from parlonsen.pages.home import home_page
from parlonsen.pages.journeys import journey_page
from parlonsen.pages.not_found import not_found_page
from parlonsen.pages.poster import poster_page
from parlonsen.pages.pro_disclosure import disclosure_page
from parlonsen.pages.pro_report import REPORT_TITLE, report_page
from parlonsen.pages.pro_signals import signals_page
from parlonsen.pages.pro_tools import tools_index_page
from parlonsen.pages.questionnaire import question_page, questionnaire_page
from parlonsen.pages.record_sheet import record_sheet_page
from parlonsen.pages.result import result_page
from parlonsen.pages.safety import accessibility_page, privacy_page, safe_browsing_page
from parlonsen.pages.school import school_page_view, school_search_page
from parlonsen.pages.selfcheck import page_title, selfcheck_page
from parlonsen.pages.violences import violence_page, violences_index_page
from parlonsen.pages.write import followup_page, write_page
from parlonsen.state.admin_departement import AdminDepartementState
from parlonsen.state.admin_home import AdminHomeState
from parlonsen.state.admin_invitation import AdminInvitationState
from parlonsen.state.admin_journal import AdminJournalState
from parlonsen.state.admin_messages import AdminMessagesState
from parlonsen.state.admin_school import AdminSchoolState
from parlonsen.state.clock import ClockState
from parlonsen.state.ent import EntWelcomeState
from parlonsen.state.poster import PosterState
from parlonsen.state.questionnaire import QuestionnaireState
from parlonsen.state.report_decision import ReportDecisionState
from parlonsen.state.school import SchoolSearchState, SchoolState
from parlonsen.state.selfcheck import SelfCheckState
from parlonsen.state.write import WriteState
from parlonsen.toolkit.selfcheck import scales

JOURNEY_TITLES = {
    "eleve-victime": "Parcours élève",
    "eleve-temoin": "Parcours élève : aider un·e ami·e",
    "parent": "Parcours parent",
    "professionnel": "Parcours professionnel",
}


@dataclass(frozen=True)
class Page:
    route: str
    component: Callable[[], rx.Component]
    title: str
    on_load: Any = None  # an event handler, or a list of them
    description: str | None = None


def pages() -> list[Page]:
    """Every page, in the order a reader meets them: help first, then tools, then the administration."""
    title = routes.title
    questions = [
        Page(
            routes.question_path(profile, number),
            lambda profile=profile, number=number: question_page(profile, number),
            title("Questions"),
            QuestionnaireState.open_question(profile, number),
        )
        for profile in PROFILES
        for number in range(1, len(catalog().questionnaire.for_profile(profile)) + 1)
    ]
    return [
        Page(routes.HOME, home_page, routes.SITE, description="Trouver le bon adulte face aux violences."),
        Page(routes.QUESTIONNAIRE, questionnaire_page, title("Questions"), QuestionnaireState.open_questionnaire),
        *questions,
        Page(routes.RESULT, result_page, title("Qui peut aider"), [QuestionnaireState.open_result, ClockState.refresh]),
        Page(routes.HELP, channels_page, title("Toutes les aides"), ClockState.refresh),
        Page(routes.VIOLENCES, violences_index_page, title("Les violences")),
        *[
            Page(routes.violence(f.id), lambda f=f: violence_page(f), title("Les violences"), ClockState.refresh)
            for f in catalog().violences.values()
        ],
        *[
            Page(routes.journey(j.id), lambda j=j: journey_page(j), title(JOURNEY_TITLES[j.id]), ClockState.refresh)
            for j in catalog().journeys.values()
        ],
        *[
            Page(
                routes.scale(s.id),
                lambda s=s: selfcheck_page(s),
                page_title(s),
                [SelfCheckState.load(s.id), ClockState.refresh],
            )
            for s in scales().values()
        ],
        Page(routes.SAFE_BROWSING, safe_browsing_page, title("Naviguer en sécurité")),
        Page(routes.PRIVACY, privacy_page, title("Confidentialité")),
        Page(routes.ACCESSIBILITY, accessibility_page, title("Accessibilité")),
        Page(routes.NOT_FOUND, not_found_page, title("Page introuvable")),
        # Each school's own page, found by search or reached by a link / QR code; writing to its adults.
        Page(routes.SCHOOLS, school_search_page, title("Trouver mon établissement"), SchoolSearchState.load),
        Page(routes.SCHOOL_ROUTE, school_page_view, routes.SITE, [SchoolState.load, ClockState.refresh]),
        Page(routes.SCHOOL_POSTER_ROUTE, poster_page, title("Affiche"), PosterState.load),
        Page(routes.SCHOOL_WRITE_ROUTE, write_page, title("Écrire à un adulte"), WriteState.load),
        Page(routes.FOLLOWUP, followup_page, title("Lire les réponses")),
        # The professionals' toolkit.
        Page(routes.PRO_TOOLS, tools_index_page, title("Outils pour les professionnels")),
        Page(routes.PRO_SIGNALS, signals_page, title("Signaux faibles")),
        Page(routes.PRO_DISCLOSURE, disclosure_page, title("Recueillir la parole d'un élève")),
        Page(routes.PRO_RECORD_SHEET, record_sheet_page, title("Fiche de recueil")),
        Page(routes.PRO_REPORT, report_page, title(REPORT_TITLE), ReportDecisionState.load),
        # Single sign-on from the ENT ("Mes applis"): the HTTP routes live in ent_routes.py.
        Page(routes.ENT_WELCOME, ent_welcome_page, title("Connexion ENT"), EntWelcomeState.load),
        # Local administration.
        Page(routes.ADMIN, admin_home_page, title("Administration"), AdminHomeState.load),
        Page(routes.ADMIN_SCHOOL_ROUTE, admin_school_page, title("Administration"), AdminSchoolState.load),
        Page(
            routes.ADMIN_DEPARTEMENT_ROUTE,
            admin_departement_page,
            title("Ressources du département"),
            AdminDepartementState.load,
        ),
        Page(routes.ADMIN_JOURNAL, admin_journal_page, title("Journal"), AdminJournalState.load),
        Page(routes.ADMIN_MESSAGES, admin_messages_page, title("Messages"), AdminMessagesState.load),
        Page(routes.ADMIN_INVITATION, invitation_page, title("Choisir mon mot de passe"), AdminInvitationState.load),
    ]
