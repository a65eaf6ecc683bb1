"""The questionnaire state, called as the websocket would: forged payloads change nothing."""

import re

import pytest
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
    assert (state.profile, state.current, state.step_label) == ("eleve", "who", "Étape 1 sur 5")
    assert started("professionnel").current == "danger"


def test_a_student_walks_to_an_orientation_led_by_the_3018_for_online_bullying():
    state = started("eleve")
    state.choose("who", "moi")
    state.choose("danger", "non")
    assert state.step_label == "Étape 3 sur 5"
    state.choose("self_harm", "non")
    state.choose("concern", "cyberviolence")
    state.choose("concern", "harcelement")
    state.next()
    state.choose("where", "en_ligne")
    state.next()
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
    assert state.current == "self_harm"
    assert "danger" not in state.answers


def test_ticking_twice_unticks_and_ne_sais_pas_clears_the_others():
    state = started("professionnel")
    state.choose("danger", "non")
    state.choose("self_harm", "non")
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
    state.choose({"$ne": 1}, ["moi"])
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


def test_a_witness_reads_every_following_question_about_their_friend():
    state = started("eleve")
    assert state.voice == "eleve"
    state.choose("who", "ami")
    assert (state.voice, state.screen) == ("temoin", "temoin:danger")
    state.back()
    assert state.screen == "temoin:who"  # going back keeps the witness's wording until the answer changes
    state.choose("who", "moi")
    assert state.screen == "eleve:danger"


def test_the_result_shows_a_few_helps_first_and_the_others_on_demand():
    state = started("eleve")
    state.choose("who", "moi")
    state.choose("danger", "non")
    state.choose("self_harm", "non")
    for concern in ("harcelement", "physique", "cyberviolence"):
        state.choose("concern", concern)
    state.next()
    state.choose("where", "ecole")
    state.choose("where", "en_ligne")
    assert state.selected == ["ecole", "en_ligne"]  # « Où ? » takes several places
    state.next()
    assert state.finished
    assert len(state.first_ids) == 3
    assert state.first_ids + state.more_ids == state.result_ids
    assert len(set(state.reasons.values())) == len(state.reasons)


# --- One page per question: Back and Forward go one question at a time ----------------------------
def redirect_path(event) -> str:
    """The path of an rx.redirect event spec (and whether it replaces the history entry)."""
    text = str(event)
    match = re.search(r"/questionnaire[^'\"]*", text)
    return match.group(0) if match else text


def test_each_answer_opens_the_next_questions_own_page():
    state = make_state()
    assert state.open_question("eleve", 1) is None
    assert (state.profile, state.current) == ("eleve", "who")
    assert redirect_path(state.choose("who", "moi")) == "/questionnaire/eleve/2"
    assert redirect_path(state.choose("danger", "non")) == "/questionnaire/eleve/3"
    assert redirect_path(state.skip()) == "/questionnaire/eleve/4"
    state.choose("concern", "physique")
    assert redirect_path(state.next()) == "/questionnaire/eleve/5"
    assert redirect_path(state.next()) == "/questionnaire/resultat"


def test_the_browsers_back_and_forward_move_one_question_keeping_every_answer():
    state = make_state()
    state.open_question("eleve", 1)
    state.choose("who", "moi")
    state.choose("danger", "non")
    state.choose("self_harm", "non")
    assert state.current == "concern"
    assert state.open_question("eleve", 3) is None  # Back
    assert (state.current, state.selected) == ("self_harm", ["non"])
    assert state.open_question("eleve", 2) is None  # Back again
    assert (state.current, state.selected) == ("danger", ["non"])
    assert state.open_question("eleve", 4) is None  # Forward twice, through answered questions
    assert state.current == "concern"
    assert state.answers == {"who": ["moi"], "danger": ["non"], "self_harm": ["non"]}


def test_back_from_the_result_reopens_the_last_question_and_forward_cannot_skip_an_unanswered_one():
    state = make_state()
    state.open_question("eleve", 1)
    state.choose("who", "moi")
    state.choose("danger", "oui")
    assert state.finished
    assert state.open_question("eleve", 2) is None
    assert not state.finished and state.current == "danger"
    assert redirect_path(state.open_question("eleve", 3)) == "/questionnaire/resultat"  # « oui » ends it: Forward
    state.open_question("eleve", 2)
    assert redirect_path(state.choose("danger", "non")) == "/questionnaire/eleve/3"
    state.open_question("eleve", 2)
    assert redirect_path(state.open_question("eleve", 4)) == "/questionnaire/eleve/3"  # self_harm unanswered


def test_a_question_page_opened_first_begins_the_questionnaire_at_its_first_question():
    state = make_state()
    assert redirect_path(state.open_question("parent", 3)) == "/questionnaire/parent"
    assert (state.profile, state.current) == ("parent", "who")
    assert redirect_path(state.open_result()) == "/questionnaire/parent"  # no result yet


def test_the_first_question_page_of_another_profile_begins_that_profile():
    state = make_state()
    state.open_question("eleve", 1)
    state.choose("who", "moi")
    assert state.open_question("professionnel", 1) is None
    assert (state.profile, state.current, state.answers) == ("professionnel", "danger", {})


@pytest.mark.parametrize(
    ("profile", "number"), [("admin", 1), ("eleve", 0), ("eleve", "2"), (["eleve"], 1), ("eleve", 999)]
)
def test_a_forged_question_page_changes_nothing(profile, number):
    state = make_state()
    state.open_question("eleve", 1)
    state.choose("who", "ami")
    before = snapshot(state)
    state.open_question(profile, number)
    assert snapshot(state) == before
