"""The questionnaire state, called as the websocket would: forged payloads change nothing."""

import reflex as rx

from parlonsen.state.questionnaire import (
    NOT_ON_SCREEN,
    UNKNOWN_ANSWER,
    UNKNOWN_PROFILE,
    QuestionnaireState,
)


def make_state() -> QuestionnaireState:
    root = rx.State()
    return root.get_substate(QuestionnaireState.get_full_name().split(".")[1:])


def snapshot(state: QuestionnaireState) -> dict:
    return {k: v for k, v in state.dict()[state.get_full_name()].items() if not k.startswith("error")}


def started(profile: str = "eleve") -> QuestionnaireState:
    state = make_state()
    state.start(profile)
    return state


def test_start_opens_the_first_question_of_the_profile():
    state = started("eleve")
    assert (state.profile, state.current, state.step_label) == ("eleve", "who", "Étape 1 sur 4")
    assert started("professionnel").current == "danger"


def test_a_student_walks_to_an_orientation_led_by_the_3018_for_online_bullying():
    state = started("eleve")
    state.choose("who", "moi")
    state.choose("danger", "non")
    assert state.step_label == "Étape 3 sur 4"
    state.choose("concern", "cyberviolence")
    state.choose("concern", "harcelement")
    state.next()
    state.choose("where", "en_ligne")
    assert state.finished and not state.urgent
    assert state.first_channel == "3018"
    assert state.topics == ["harcelement", "cyberviolence"]
    assert state.reasons["3018"]


def test_danger_now_finishes_at_once_with_emergency_numbers_first():
    state = started("eleve")
    state.choose("who", "moi")
    state.choose("danger", "oui")
    assert state.finished and state.urgent
    assert state.result_ids[:3] == ["17", "112", "114"]


def test_back_returns_to_the_previous_question_without_losing_answers():
    state = started("parent")
    state.choose("who", "ami")
    state.choose("danger", "non")
    state.back()
    assert state.current == "danger"
    assert state.selected == ["non"]
    assert state.answers["who"] == ["ami"]


def test_skipping_counts_as_ne_sais_pas_and_moves_on():
    state = started("professionnel")
    state.skip()
    assert state.current == "concern"
    assert "danger" not in state.answers


def test_ticking_twice_unticks_and_ne_sais_pas_clears_the_others():
    state = started("professionnel")
    state.choose("danger", "non")
    state.choose("concern", "physique")
    state.choose("concern", "sexuelle")
    state.choose("concern", "physique")
    assert state.selected == ["sexuelle"]
    state.choose("concern", "ne_sais_pas")
    assert state.selected == ["ne_sais_pas"]


def test_a_forged_unknown_option_gets_a_french_message_and_changes_nothing():
    state = started("eleve")
    before = snapshot(state)
    state.choose("who", "hacker")
    assert state.error == UNKNOWN_ANSWER
    assert snapshot(state) == before


def test_a_forged_payload_of_the_wrong_type_changes_nothing():
    state = started("eleve")
    before = snapshot(state)
    state.choose({"$ne": 1}, ["moi"])  # type: ignore[arg-type]
    assert state.error == UNKNOWN_ANSWER
    assert snapshot(state) == before


def test_answering_a_question_that_is_not_on_screen_changes_nothing():
    state = started("eleve")
    before = snapshot(state)
    state.choose("where", "maison")
    assert state.error == NOT_ON_SCREEN
    assert snapshot(state) == before


def test_an_unknown_profile_is_refused():
    state = make_state()
    before = snapshot(state)
    assert state.start("admin") is None
    assert state.error == UNKNOWN_PROFILE
    assert snapshot(state) == before


def test_restart_forgets_every_answer():
    state = started("eleve")
    state.choose("who", "moi")
    state.restart()
    assert (state.profile, state.answers, state.history, state.finished) == ("", {}, [], False)
