"""The toolkit's states, called as the websocket would: forged payloads change nothing; the CRIP comes from the DB."""

import pytest
from sqlmodel import select

from parlonsen.models import Resource
from parlonsen.state.report_decision import (
    NOT_ON_SCREEN,
    UNKNOWN_DECISION_ANSWER,
    UNKNOWN_DEPARTEMENT,
    ReportDecisionState,
)
from parlonsen.state.signals import UNKNOWN_AGE, UNKNOWN_SIGNAL, SignalsState
from tests.state_helpers import make_state, reflex_database

ROUTE = "/pro/information-preoccupante"
NORD_SCHOOL, PAS_DE_CALAIS_SCHOOL = "0590001A", "0620001C"


@pytest.fixture
def db(tmp_path):
    with reflex_database(tmp_path) as db:
        yield db


def snapshot(state) -> dict:
    return {k: v for k, v in state.dict()[state.get_full_name()].items() if not k.startswith("error")}


def contacts_by_id(state: ReportDecisionState) -> dict:
    return {c.id: c for c in state.contacts}


def walk(state: ReportDecisionState, **answers: str) -> None:
    for question, option in answers.items():
        state.answer(question, option)


# --- Weak signals -------------------------------------------------------------------------------------


def test_ticking_signs_updates_the_advice():
    state = make_state(SignalsState, "/pro/signaux-faibles")
    assert state.advice_level == "rien"
    state.toggle("isolement")
    assert (state.advice_level, state.ticked_count) == ("isole", "1 signe coché")
    state.toggle("chute_resultats")
    assert state.advice_level == "partager"
    state.toggle("blessures")
    assert state.advice_level == "alerter"
    state.toggle("blessures")
    assert state.ticked == ["isolement", "chute_resultats"]


def test_a_sign_that_lasts_is_shared_with_the_team():
    state = make_state(SignalsState, "/pro/signaux-faibles")
    state.toggle("fatigue")
    state.toggle_lasting()
    assert state.advice_level == "partager"
    state.clear()
    assert (state.ticked, state.lasting, state.advice_level) == ([], False, "rien")


def test_choosing_an_age_group_hides_its_other_signs_and_drops_their_ticks():
    state = make_state(SignalsState, "/pro/signaux-faibles")
    state.toggle("images_intimes")
    state.toggle("isolement")
    state.choose_age("elementaire")
    assert "images_intimes" not in state.visible
    assert state.ticked == ["isolement"]
    state.toggle("images_intimes")  # not on screen for this age group
    assert state.error == UNKNOWN_SIGNAL and state.ticked == ["isolement"]


@pytest.mark.parametrize(
    ("handler", "payload", "message"),
    [
        ("toggle", "inconnu", UNKNOWN_SIGNAL),
        ("toggle", 12, UNKNOWN_SIGNAL),
        ("toggle", "x" * 500, UNKNOWN_SIGNAL),
        ("toggle", ["isolement"], UNKNOWN_SIGNAL),
        ("choose_age", "maternelle", UNKNOWN_AGE),
        ("choose_age", None, UNKNOWN_AGE),
        ("choose_age", {"age": "college"}, UNKNOWN_AGE),
    ],
)
def test_forged_signal_payloads_change_nothing(handler, payload, message):
    state = make_state(SignalsState, "/pro/signaux-faibles")
    state.toggle("humeur")
    before = snapshot(state)
    getattr(state, handler)(payload)
    assert state.error == message
    assert snapshot(state) == before


# --- Decision helper ----------------------------------------------------------------------------------


def test_the_departement_comes_from_the_uai_and_its_crip_from_the_database(db):
    state = make_state(ReportDecisionState, f"{ROUTE}?uai={NORD_SCHOOL}")
    state.load()
    assert state.departement == "59"
    walk(state, danger="non", crime="oui", famille="oui")
    assert state.finished and state.outcome_id == "signalement"
    contacts = contacts_by_id(state)
    assert list(contacts)[:2] == ["direction", "procureur"]
    assert contacts["crip"].name.startswith("CRIP du Nord")
    assert contacts["crip"].link0_href == "https://services.lenord.fr/signaler-un-mineur-en-danger"
    assert contacts["119"].link0_href == "tel:119"
    assert any("prévenez pas la famille vous-même" in action for action in state.actions)


def test_a_crip_still_to_complete_is_said_plainly_with_the_119(db):
    state = make_state(ReportDecisionState, f"{ROUTE}?uai={PAS_DE_CALAIS_SCHOOL}")
    state.load()
    walk(state, danger="non", crime="non", famille="oui")
    crip = contacts_by_id(state)["crip"]
    assert state.outcome_id == "information_preoccupante"
    assert crip.name == "CRIP – Pas-de-Calais (62)"
    assert "Coordonnées à demander à votre direction" in crip.detail
    assert crip.link0_href == "tel:119"


def test_changing_the_departement_after_the_answers_updates_the_crip(db):
    state = make_state(ReportDecisionState, ROUTE)
    state.load()
    walk(state, danger="non", crime="non", famille="oui")
    assert "Choisissez le département" in contacts_by_id(state)["crip"].detail
    state.choose_departement("59")
    assert contacts_by_id(state)["crip"].name.startswith("CRIP du Nord")
    state.choose_departement("80")
    assert contacts_by_id(state)["crip"].name == "CRIP – Somme (80)"


def test_a_hidden_crip_is_not_shown(db):
    with db.session() as session:
        nord = session.exec(select(Resource).where(Resource.departement_code == "59", Resource.kind == "crip")).one()
        nord.hidden = True
        session.add(nord)
        session.commit()
    state = make_state(ReportDecisionState, ROUTE)
    state.load()
    state.choose_departement("59")
    walk(state, danger="non", crime="non", famille="oui")
    crip = contacts_by_id(state)["crip"]
    assert "Coordonnées à demander à votre direction" in crip.detail
    assert "lenord" not in str(state.contacts)


def test_immediate_danger_ends_at_once_with_the_17_first(db):
    state = make_state(ReportDecisionState, ROUTE)
    state.load()
    state.answer("danger", "oui")
    assert state.finished and state.outcome_kind == "urgence"
    assert [c.id for c in state.contacts][:2] == ["17", "112"]
    assert state.contacts[0].link0_href == "tel:17"


def test_back_reopens_the_last_question_and_restart_forgets_the_answers(db):
    state = make_state(ReportDecisionState, ROUTE)
    state.load()
    walk(state, danger="non", crime="nsp", famille="non")
    assert state.outcome_id == "doute"
    state.back()
    assert (state.current, state.finished, state.selected) == ("famille", False, "non")
    assert state.contacts == []
    state.restart()
    assert (state.current, state.answers, state.history) == ("danger", {}, [])


def test_a_reload_resumes_where_the_adult_was(db):
    state = make_state(ReportDecisionState, ROUTE)
    state.answer("danger", "non")  # tapped before the page's on_load arrived
    state.load()
    assert (state.current, state.answers) == ("crime", {"danger": "non"})
    walk(state, crime="non", famille="oui")
    state.load()
    assert state.finished and state.outcome_id == "information_preoccupante"


def test_an_outcome_already_shown_names_the_crip_of_the_school_the_page_was_opened_from(db):
    state = make_state(ReportDecisionState, f"{ROUTE}?uai={NORD_SCHOOL}")
    walk(state, danger="non", crime="non", famille="oui")  # answered before the on_load arrived
    assert "Choisissez le département" in contacts_by_id(state)["crip"].detail
    state.load()
    assert contacts_by_id(state)["crip"].name.startswith("CRIP du Nord")


def test_an_unknown_uai_leaves_the_departement_unchosen(db):
    state = make_state(ReportDecisionState, f"{ROUTE}?uai=<script>")
    state.load()
    assert (state.departement, state._crip) == ("", None)


@pytest.mark.parametrize(
    ("handler", "args", "message"),
    [
        ("answer", ("crime", "peut-etre"), UNKNOWN_DECISION_ANSWER),
        ("answer", ("crime", 1), UNKNOWN_DECISION_ANSWER),
        ("answer", (["crime"], "oui"), UNKNOWN_DECISION_ANSWER),
        ("answer", ("danger", "oui"), NOT_ON_SCREEN),
        ("answer", ("famille", "oui"), NOT_ON_SCREEN),
        ("answer", ("age", "oui"), NOT_ON_SCREEN),
        ("choose_departement", ("75",), UNKNOWN_DEPARTEMENT),
        ("choose_departement", ("5900",), UNKNOWN_DEPARTEMENT),
        ("choose_departement", (59,), UNKNOWN_DEPARTEMENT),
        ("choose_departement", (None,), UNKNOWN_DEPARTEMENT),
    ],
)
def test_forged_decision_payloads_change_nothing(db, handler, args, message):
    state = make_state(ReportDecisionState, ROUTE)
    state.load()
    state.choose_departement("59")
    state.answer("danger", "non")
    before = snapshot(state)
    getattr(state, handler)(*args)
    assert state.error == message
    assert snapshot(state) == before
