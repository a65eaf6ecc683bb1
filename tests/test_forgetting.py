"""The quick exit's promise: every state that holds a child's data forgets it, and a new one cannot be missed."""

import importlib
import inspect
import pkgutil
import uuid

import reflex as rx

import parlonsen.state
from parlonsen.state import forgetting
from parlonsen.state.followup import FollowUpState
from parlonsen.state.questionnaire import QuestionnaireState
from parlonsen.state.report_decision import ReportDecisionState
from parlonsen.state.school import SchoolSearchState
from parlonsen.state.selfcheck import SelfCheckState
from parlonsen.state.signals import SignalsState
from parlonsen.state.write import WriteState
from tests.state_helpers import make_state


def states_of_the_app() -> set[type[rx.State]]:
    found = set()
    for module_info in pkgutil.iter_modules(parlonsen.state.__path__):
        module = importlib.import_module(f"parlonsen.state.{module_info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, rx.State) and value.__module__.startswith("parlonsen.state"):
                found.add(value)
    return found


def test_every_state_either_forgets_on_quick_exit_or_says_why_it_holds_nothing_to_forget():
    unclassified = [
        state.__name__
        for state in states_of_the_app()
        if state not in forgetting.FORGETS and not any(issubclass(state, kept) for kept in forgetting.KEEPS)
    ]
    assert unclassified == [], f"add these to FORGETS (with a _forget method) or KEEPS: {unclassified}"


def test_every_state_that_forgets_defines_its_own_forget():
    for state in forgetting.FORGETS:
        assert "_forget" in state.__dict__, f"{state.__name__} must define _forget()"
        assert "_forget" not in state.event_handlers, "_forget is private: no client may call it"


def test_forgetting_drops_what_was_typed_ticked_or_answered():
    questionnaire = make_state(QuestionnaireState)
    questionnaire.profile, questionnaire.answers, questionnaire.school_uai = "eleve", {"danger": ["oui"]}, "0590001A"
    selfcheck = make_state(SelfCheckState)
    selfcheck.scale_id, selfcheck.ticked = "harcelometre", ["moqueries"]
    write = make_state(WriteState)
    write.code = "trois mots secrets 12"
    followup = make_state(FollowUpState)
    followup._code, followup.opened = "trois mots secrets 12", True
    search = make_state(SchoolSearchState)
    search.query = "Jean Bart"
    signals = make_state(SignalsState)
    signals.ticked = ["isolement"]
    decision = make_state(ReportDecisionState)
    decision.answers, decision.departement = {"danger": "non"}, "59"
    for state in (questionnaire, selfcheck, write, followup, search, signals, decision):
        state._forget()
    assert (questionnaire.profile, questionnaire.answers, questionnaire.school_uai) == ("", {}, "")
    assert (selfcheck.scale_id, selfcheck.ticked) == ("", [])
    assert write.code == ""
    assert (followup._code, followup.opened) == ("", False)
    assert search.query == ""
    assert signals.ticked == []
    assert (decision.answers, decision.departement) == ({}, "")


def test_a_quick_exit_beacon_for_an_unknown_tab_creates_nothing():
    import asyncio

    from parlonsen.parlonsen import app

    manager = app.state_manager
    before = len(manager.states)
    for _ in range(50):
        asyncio.run(forgetting.forget_tab(app, uuid.uuid4().hex))
    assert len(manager.states) == before


def test_an_idle_tab_is_dropped_after_twenty_minutes_not_an_hour():
    from parlonsen.parlonsen import app

    assert app.state_manager.token_expiration == 20 * 60
