"""The self-check state, called as the websocket would: forged payloads change nothing, continuing pre-fills."""

import pytest
import reflex as rx

from parlonsen.state.questionnaire import PREFILL_REFUSED, QuestionnaireState
from parlonsen.state.selfcheck import UNKNOWN_SCALE, UNKNOWN_SITUATION, SelfCheckState
from parlonsen.toolkit.selfcheck import NOTHING
from tests.state_helpers import make_state


def snapshot(state: rx.State) -> dict:
    return {k: v for k, v in state.dict()[state.get_full_name()].items() if not k.startswith("error")}


def opened(scale_id: str = "harcelometre") -> SelfCheckState:
    state = make_state(SelfCheckState, f"/{scale_id}")
    state.load(scale_id)
    return state


def test_a_scale_opens_with_nothing_ticked():
    state = opened()
    assert (state.scale_id, state.ticked, state.level) == ("harcelometre", [], NOTHING)
    assert state.error == ""


def test_ticking_raises_the_level_and_unticking_lowers_it():
    state = opened()
    state.toggle("on-rigole-ensemble")
    assert state.level == "vert"
    state.toggle("moqueries-souvent")
    assert state.level == "orange"
    assert "pas de ta faute" in state.message
    assert state.channel_ids == ["school-adults", "3018"]
    state.toggle("coups")
    assert state.level == "rouge" and not state.danger_now
    state.toggle("coups")
    assert state.level == "orange"
    assert state.ticked == ["on-rigole-ensemble", "moqueries-souvent"]


def test_immediate_danger_is_flagged_with_the_emergency_numbers_first():
    state = opened()
    state.toggle("attendu-a-la-sortie")
    assert state.danger_now
    assert state.channel_ids[:3] == ["17", "112", "114"]


def test_untick_all_unticks_everything_but_stays_on_the_scale():
    state = opened()
    state.toggle("coups")
    state.untick_all()
    assert (state.scale_id, state.ticked, state.level, state.channel_ids) == ("harcelometre", [], NOTHING, [])


@pytest.mark.parametrize(
    "payload",
    ["frappe", "pas-une-situation", "", 42, None, ["coups"], {"id": "coups"}, "x" * 5000, "coups\n"],
    ids=["other-scale", "unknown", "empty", "int", "none", "list", "dict", "huge", "newline"],
)
def test_a_forged_situation_changes_nothing_and_says_so_in_french(payload):
    state = opened()
    state.toggle("moqueries-souvent")
    before = snapshot(state)
    state.toggle(payload)
    assert state.error == UNKNOWN_SITUATION
    assert snapshot(state) == before


@pytest.mark.parametrize("payload", ["questionnaire", "", 7, None, ["harcelometre"], "../harcelometre"])
def test_a_forged_scale_changes_nothing(payload):
    state = opened()
    state.toggle("coups")
    before = snapshot(state)
    state.load(payload)
    assert state.error == UNKNOWN_SCALE
    assert snapshot(state) == before


def test_a_valid_tick_clears_a_previous_error():
    state = opened()
    state.toggle("nope")
    state.toggle("coups")
    assert state.error == ""


def test_opening_the_other_scale_drops_the_ticks_and_coming_back_keeps_them():
    state = opened()
    state.toggle("coups")
    state.load("harcelometre")  # back from the questionnaire to the same scale
    assert state.ticked == ["coups"]
    state.load("violentometre")
    assert (state.scale_id, state.ticked, state.level) == ("violentometre", [], NOTHING)
    state.toggle("coups")  # a harcélomètre situation is not on this page
    assert state.error == UNKNOWN_SITUATION


def test_ticking_before_any_scale_is_open_is_refused():
    state = make_state(SelfCheckState, "/harcelometre")
    state.toggle("coups")
    assert state.error == UNKNOWN_SITUATION
    assert state.ticked == []


def test_a_tap_that_arrives_before_the_page_load_is_kept():
    """A quick tap on a slow phone can reach the server before the page's on_load: it names its scale."""
    state = make_state(SelfCheckState, "/harcelometre")
    state.toggle("coups", "harcelometre")
    assert (state.scale_id, state.ticked, state.error) == ("harcelometre", ["coups"], "")
    state.load("harcelometre")  # the on_load, arriving afterwards, keeps the tick
    assert state.ticked == ["coups"]
    assert state.level == "rouge"


@pytest.mark.parametrize("scale", ["questionnaire", 7, None, ["harcelometre"], "../harcelometre"])
def test_a_tap_naming_a_forged_scale_changes_nothing(scale):
    state = opened()
    state.toggle("coups")
    before = snapshot(state)
    state.toggle("moqueries-souvent", scale)
    assert state.error == UNKNOWN_SCALE
    assert snapshot(state) == before


async def test_continuing_opens_the_danger_question_with_the_ticks_pre_filled():
    state = opened()
    for situation in ("messages-mechants", "moqueries-souvent", "photo-partagee"):
        state.toggle(situation)
    event = await state.continue_to_questionnaire()
    assert "/questionnaire" in str(event)
    questionnaire = await state.get_state(QuestionnaireState)
    assert (questionnaire.profile, questionnaire.current) == ("eleve", "danger")
    assert questionnaire.step_label == "Étape 2 sur 5"
    assert questionnaire.history == ["who"]
    assert questionnaire.answers == {
        "who": ["moi"],
        "concern": ["harcelement", "cyberviolence"],
        "where": ["ecole", "en_ligne"],
    }
    assert questionnaire.selected == []  # danger is never pre-answered


async def test_after_continuing_retour_shows_who_and_the_concerns_are_ticked_later():
    state = opened()
    state.toggle("messages-mechants")
    state.toggle("photo-partagee")
    await state.continue_to_questionnaire()
    questionnaire = await state.get_state(QuestionnaireState)
    questionnaire.back()
    assert (questionnaire.current, questionnaire.selected) == ("who", ["moi"])
    questionnaire.choose("who", "moi")
    questionnaire.choose("danger", "non")
    questionnaire.choose("self_harm", "non")
    assert (questionnaire.current, questionnaire.selected) == ("concern", ["cyberviolence"])
    questionnaire.next()
    assert (questionnaire.current, questionnaire.selected) == ("where", ["en_ligne"])
    questionnaire.next()
    assert questionnaire.finished and questionnaire.first_channel == "3018"


async def test_continuing_replaces_an_earlier_questionnaire():
    state = opened("violentometre")
    questionnaire = await state.get_state(QuestionnaireState)
    questionnaire.start("parent")
    questionnaire.choose("who", "ami")
    state.toggle("frappe")
    await state.continue_to_questionnaire()
    assert (questionnaire.profile, questionnaire.current) == ("eleve", "danger")
    assert questionnaire.answers == {"who": ["moi"], "concern": ["physique"]}


async def test_continuing_with_nothing_ticked_still_asks_the_danger_question_first():
    state = opened()
    await state.continue_to_questionnaire()
    questionnaire = await state.get_state(QuestionnaireState)
    assert (questionnaire.current, questionnaire.answers) == ("danger", {"who": ["moi"]})


async def test_continuing_without_a_scale_changes_nothing():
    state = make_state(SelfCheckState, "/harcelometre")
    questionnaire = await state.get_state(QuestionnaireState)
    assert await state.continue_to_questionnaire() is None
    assert state.error == UNKNOWN_SCALE
    assert questionnaire.profile == ""


async def test_the_signal_of_self_harm_survives_from_the_harcelometre_to_the_result():
    state = opened()
    for situation in ("moqueries-tous-les-jours", "coups", "envie-de-disparaitre"):
        state.toggle(situation)
    assert state.self_harm and state.channel_ids[:2] == ["3114", "15"]
    await state.continue_to_questionnaire()
    questionnaire = await state.get_state(QuestionnaireState)
    questionnaire.choose("danger", "non")
    assert (questionnaire.current, questionnaire.selected) == ("self_harm", ["oui"])
    questionnaire.choose("self_harm", "oui")
    questionnaire.next()  # concern, pre-filled
    questionnaire.next()  # where, pre-filled
    assert questionnaire.finished and questionnaire.self_harm
    assert questionnaire.first_ids[:2] == ["3114", "15"]


async def test_danger_now_after_the_harcelometre_keeps_the_self_harm_signal():
    state = opened()
    state.toggle("envie-de-disparaitre")
    await state.continue_to_questionnaire()
    questionnaire = await state.get_state(QuestionnaireState)
    questionnaire.choose("danger", "oui")  # ends at once: the self-harm question comes after it
    assert questionnaire.finished and questionnaire.urgent and questionnaire.self_harm
    assert questionnaire.result_ids[:5] == ["17", "112", "114", "3114", "15"]


async def test_ticks_that_cannot_be_carried_over_get_a_french_message_and_change_nothing():
    state = opened()
    state.toggle("coups")
    questionnaire = await state.get_state(QuestionnaireState)
    questionnaire.start("parent")
    before = snapshot(questionnaire)
    state.ticked = ["coups", "une-situation-inventee"]  # a tab whose ticks no longer match the scale
    assert await state.continue_to_questionnaire() is None
    assert state.error == PREFILL_REFUSED
    assert snapshot(questionnaire) == before


# --- The questionnaire's pre-fill entry point ------------------------------------------------------
def prefilled(answers) -> QuestionnaireState:
    state = make_state(QuestionnaireState, "/questionnaire")
    state._begin_prefilled(answers)
    return state


def test_the_pre_fill_starts_the_student_questionnaire_on_danger_with_who_in_history():
    state = prefilled({"who": ["moi"], "concern": ["physique"], "where": ["ecole"]})
    assert (state.profile, state.current, state.history) == ("eleve", "danger", ["who"])
    state.choose("danger", "oui")
    assert state.finished and state.urgent  # danger first, as in the plain questionnaire


@pytest.mark.parametrize(
    "answers",
    [
        {"danger": ["non"]},
        {"who": ["moi"], "concern": ["racisme"]},
        {"who": ["moi", "ami"]},
        {"who": "moi"},
        {"who": []},
        {"profil": ["eleve"]},
        {"where": ["lune"]},
    ],
    ids=["danger", "unknown-concern", "two-single", "not-a-list", "empty", "unknown-question", "unknown-place"],
)
def test_a_wrong_pre_fill_is_refused_and_leaves_the_questionnaire_as_it_was(answers):
    state = make_state(QuestionnaireState, "/questionnaire")
    state.start("parent")
    state.choose("who", "ami")
    before = snapshot(state)
    with pytest.raises(ValueError):
        state._begin_prefilled(answers)
    assert snapshot(state) == before


def test_the_pre_fill_is_not_an_event_a_browser_can_call():
    assert "_begin_prefilled" not in QuestionnaireState.event_handlers
    assert set(SelfCheckState.event_handlers) >= {"load", "toggle", "untick_all", "continue_to_questionnaire"}
    assert "_forget" not in SelfCheckState.event_handlers and "_refresh" not in SelfCheckState.event_handlers
