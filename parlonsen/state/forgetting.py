"""The quick exit's promise, "this tab forgets what you did here", kept in one list.

Every state that holds what a child (or an adult about a child) typed, ticked or answered defines `_forget()`
and is listed in FORGETS; every other state is listed in KEEPS with the reason it holds nothing of the kind.
`tests/test_forgetting.py` fails for a state in neither list, so a new sensitive state cannot be forgotten by
the quick exit by mistake. `/sortie` (the quick exit's beacon) runs `forget_tab` with the app it is given.
"""

from __future__ import annotations

import logging
import re

import reflex as rx
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.redis import StateManagerRedis
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from parlonsen import routes
from parlonsen.state.admin_auth import AdminAuthState
from parlonsen.state.admin_invitation import AdminInvitationState
from parlonsen.state.clock import ClockState
from parlonsen.state.ent import EntWelcomeState
from parlonsen.state.failure import FailureState
from parlonsen.state.followup import FollowUpState
from parlonsen.state.poster import PosterState
from parlonsen.state.questionnaire import QuestionnaireState
from parlonsen.state.report_decision import ReportDecisionState
from parlonsen.state.school import SchoolSearchState, SchoolState
from parlonsen.state.selfcheck import SelfCheckState
from parlonsen.state.signals import SignalsState
from parlonsen.state.write import WriteState

FORGETS: tuple[type[rx.State], ...] = (
    QuestionnaireState,  # the answers, the result, the school chosen
    SelfCheckState,  # the situations ticked on a scale
    WriteState,  # the follow-up code shown once
    FollowUpState,  # the code and the conversation read
    SchoolSearchState,  # the school searched for
    EntWelcomeState,  # who signed in from the ENT, and from which schools
    SignalsState,  # what a professional observed about a child
    ReportDecisionState,  # a professional's answers about a child
)
KEEPS: dict[type[rx.State], str] = {
    ClockState: "the time only",
    SchoolState: "a school's public page, as its address says",
    PosterState: "a school's public poster",
    FailureState: "a fixed French message that something failed, nothing typed",
    AdminAuthState: "an adult's administration session (with its own sign-out), never a child's answers",
    AdminInvitationState: "an adult choosing their own password (the link is single-use), nothing about a child",
}
TOKEN = re.compile(r"^[0-9a-fA-F-]{8,64}$")
logger = logging.getLogger(__name__)


async def _held(app: rx.App, token: rx.BaseStateToken) -> bool:
    """Whether the server holds this state of this tab. Asking the state manager for it would create it: a
    flood of `/sortie` with made-up tokens would then fill the memory (or Redis) with empty tabs."""
    manager = app.state_manager
    if isinstance(manager, StateManagerMemory):
        return token.cache_key in manager.states
    if isinstance(manager, StateManagerRedis):
        return bool(await manager.redis.exists(str(token)))
    return True  # another manager: forget as before


async def forget_tab(app: rx.App, token: str) -> None:
    """Run `_forget()` on every sensitive state of one tab the server holds, each in its own lock (and, with
    Redis, its own read). An unknown token creates nothing."""
    for state_class in FORGETS:
        key = rx.BaseStateToken(ident=token, cls=state_class)
        if not await _held(app, key):
            continue
        async with app.modify_state(key) as root:
            root.get_substate(state_class.get_full_name().split(".")[1:])._forget()


def forget_route(app: rx.App) -> Route:
    """POST /sortie: the browser beacons its tab token when the quick exit is used; that tab's data is dropped."""

    async def forget(request: Request) -> Response:
        token = (await request.body()).decode("ascii", "ignore").strip()[:64]
        if TOKEN.match(token):
            try:
                await forget_tab(app, token)
            except Exception as error:  # forgetting must never fail loudly: the exit has already happened
                logger.warning("quick exit: state not cleared (%s)", error.__class__.__name__)
        return Response(status_code=204)

    return Route(routes.FORGET, forget, methods=["POST"])
