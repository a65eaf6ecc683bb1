"""The app and its route table: every page is added here, explicitly."""

from pathlib import Path

import reflex as rx
from starlette.applications import Starlette
from starlette.routing import Route

from parlonsen import (
    ent_routes,
    models,  # noqa: F401  (tables must be imported for migrations)
)
from parlonsen.catalog import catalog
from parlonsen.components.connection import use_our_connection_message
from parlonsen.components.layout import loading_page
from parlonsen.gc_tuning import tune_garbage_collector
from parlonsen.orientation import check_rules
from parlonsen.pages import pro_tools, questionnaire, record_sheet, selfcheck
from parlonsen.pages.admin import admin_home_page
from parlonsen.pages.admin_departement import admin_departement_page
from parlonsen.pages.admin_journal import admin_journal_page
from parlonsen.pages.admin_messages import admin_messages_page
from parlonsen.pages.admin_school import admin_school_page
from parlonsen.pages.channels import channels_page
from parlonsen.pages.ent import ent_welcome_page
from parlonsen.pages.home import home_page
from parlonsen.pages.journeys import journey_page
from parlonsen.pages.not_found import not_found_page
from parlonsen.pages.poster import poster_page
from parlonsen.pages.result import result_page
from parlonsen.pages.safety import accessibility_page, privacy_page, safe_browsing_page
from parlonsen.pages.school import school_page_view, school_search_page
from parlonsen.pages.violences import violence_page, violences_index_page
from parlonsen.pages.write import followup_page, write_page
from parlonsen.routes import RESULT
from parlonsen.security import forget_tab, security_headers
from parlonsen.state.admin_departement import AdminDepartementState
from parlonsen.state.admin_home import AdminHomeState
from parlonsen.state.admin_journal import AdminJournalState
from parlonsen.state.admin_messages import AdminMessagesState
from parlonsen.state.admin_school import AdminSchoolState
from parlonsen.state.clock import ClockState
from parlonsen.state.ent import EntWelcomeState
from parlonsen.state.poster import PosterState
from parlonsen.state.questionnaire import QuestionnaireState
from parlonsen.state.school import SchoolSearchState, SchoolState
from parlonsen.state.write import WriteState
from parlonsen.token_takeover import take_back_orphaned_tokens
from parlonsen.toolkit import load_toolkit

CATALOG = catalog()  # a broken content file stops the app here, with file, field and value
check_rules(CATALOG)
load_toolkit()  # the interactive tools' content too

SITE = "Violences, parlons-en"
EARLY_TAPS = (Path(__file__).parents[1] / "assets" / "early_taps.js").read_text(encoding="utf-8")
JOURNEY_TITLES = {
    "eleve-victime": "Parcours élève",
    "eleve-temoin": "Parcours élève : aider un·e ami·e",
    "parent": "Parcours parent",
    "professionnel": "Parcours professionnel",
}

app = rx.App(
    html_lang="fr",
    hydrate_fallback=loading_page,  # dynamic pages (a school's, from its QR code): the help bar before any script
    stylesheets=["/styles.css"],  # one stylesheet: a single request before the first paint on a weak network
    # Plain HTTP routes (ENT sign-in, quick-exit forgetting) before Reflex, then headers on every response.
    api_transformer=[
        Starlette(routes=[*ent_routes.ROUTES, Route("/sortie", forget_tab, methods=["POST"])]),
        security_headers,
    ],
    head_components=[
        # Inline and first, so it listens before the page can be tapped: a tap before the page is ready is replayed.
        rx.el.script(EARLY_TAPS),
        rx.el.script(src="/quick_exit.js", defer=True),
        rx.el.script(src="/focus.js", defer=True),
        rx.el.script(src="/record_sheet.js", defer=True),
        rx.el.meta(name="robots", content="noindex, nofollow"),
        rx.el.meta(name="referrer", content="no-referrer"),
        rx.el.link(rel="icon", href="data:,"),  # no favicon request: one less round trip on a weak network
    ],
)

use_our_connection_message(app)  # a calm French message with the numbers to call, not Reflex's toast

# Interactive resources: students' self-check scales and the professionals' toolkit.
selfcheck.register(app)
pro_tools.register(app)
record_sheet.register(app)

app.add_page(home_page, route="/", title=SITE, description="Trouver le bon adulte face aux violences.")
questionnaire.register(app, title=f"Questions – {SITE}")
app.add_page(
    result_page,
    route=RESULT,
    title=f"Qui peut aider – {SITE}",
    on_load=[QuestionnaireState.open_result, ClockState.refresh],
)
app.add_page(channels_page, route="/aide", title=f"Toutes les aides – {SITE}", on_load=ClockState.refresh)
app.add_page(violences_index_page, route="/violences", title=f"Les violences – {SITE}")
app.add_page(safe_browsing_page, route="/naviguer-en-securite", title=f"Naviguer en sécurité – {SITE}")
app.add_page(privacy_page, route="/confidentialite", title=f"Confidentialité – {SITE}")
app.add_page(accessibility_page, route="/accessibilite", title=f"Accessibilité – {SITE}")
app.add_page(not_found_page, route="404", title=f"Page introuvable – {SITE}")
# A title names the kind of page, never the form of violence read: the browser's history shows titles.
for form in CATALOG.violences.values():
    app.add_page(
        lambda form=form: violence_page(form),
        route=f"/violences/{form.id}",
        title=f"Les violences – {SITE}",
        on_load=ClockState.refresh,
    )
for journey in CATALOG.journeys.values():
    app.add_page(
        lambda journey=journey: journey_page(journey),
        route=f"/parcours/{journey.id}",
        title=f"{JOURNEY_TITLES[journey.id]} – {SITE}",
        on_load=ClockState.refresh,
    )

# Each school's own page, found by search or reached by a link / QR code.
app.add_page(
    school_search_page,
    route="/etablissements",
    title=f"Trouver mon établissement – {SITE}",
    on_load=SchoolSearchState.load,
)
app.add_page(school_page_view, route="/etablissement/[uai]", title=SITE, on_load=[SchoolState.load, ClockState.refresh])
app.add_page(poster_page, route="/etablissement/[uai]/affiche", title=f"Affiche – {SITE}", on_load=PosterState.load)

# Local administration.
app.add_page(admin_home_page, route="/admin", title=f"Administration – {SITE}", on_load=AdminHomeState.load)
app.add_page(
    admin_school_page,
    route="/admin/etablissement/[uai]",
    title=f"Administration – {SITE}",
    on_load=AdminSchoolState.load,
)
app.add_page(
    admin_departement_page,
    route="/admin/departement/[code]",
    title=f"Ressources du département – {SITE}",
    on_load=AdminDepartementState.load,
)
app.add_page(admin_journal_page, route="/admin/journal", title=f"Journal – {SITE}", on_load=AdminJournalState.load)

# Writing to the school's trusted adults.
app.add_page(
    write_page, route="/etablissement/[uai]/ecrire", title=f"Écrire à un adulte – {SITE}", on_load=WriteState.load
)
app.add_page(followup_page, route="/suivi", title=f"Lire les réponses – {SITE}")
app.add_page(admin_messages_page, route="/admin/messages", title=f"Messages – {SITE}", on_load=AdminMessagesState.load)

# Single sign-on from the ENT ("Mes applis"): the HTTP routes live in ent_routes.py.
app.add_page(ent_welcome_page, route="/ent/bienvenue", title=f"Connexion ENT – {SITE}", on_load=EntWelcomeState.load)

# Multi-worker: a tab reconnecting after its worker went away keeps its answers (token_takeover.py).
take_back_orphaned_tokens(app)

# Last: everything built above lives as long as the worker (see gc_tuning.py).
tune_garbage_collector()
