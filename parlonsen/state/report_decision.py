"""The decision helper's tab state: one question per screen, then the outcome with the département's CRIP.

Answers live only here, in this tab's state: never in the URL, the database or the logs. Every handler
validates its payload and leaves the state unchanged (with a French message) when it is wrong. The CRIP
is read from the directory (`directory.departement_crip`, the same rule as the orientation's) and handed
to the pure `decide()`.
"""

from urllib.parse import parse_qs, urlsplit

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from parlonsen.models import Etablissement
from parlonsen.services.directory import departement_crip, normalise_uai
from parlonsen.services.reference import served_departements
from parlonsen.state.off_loop import off_loop
from parlonsen.state.views import (
    ContactCardView,
    DepartementOption,
    SourceView,
    contact_card_view,
    source_view,
)
from parlonsen.toolkit.report_decision import ANSWERS, QUESTION_IDS, Crip, decide

UNKNOWN_DECISION_ANSWER = "Cette réponse n'est pas proposée. Choisissez « oui », « non » ou « je ne sais pas »."
NOT_ON_SCREEN = "Cette question n'est plus à l'écran. Répondez à la question affichée."
UNKNOWN_DEPARTEMENT = "Ce département n'est pas proposé. Choisissez-en un dans la liste."


class DecisionAnswer(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    question_id: str = Field(max_length=20)
    option_id: str = Field(max_length=10)


class DepartementChoice(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    code: str = Field(max_length=3)


class ReportDecisionState(rx.State):
    current: str = QUESTION_IDS[0]
    answers: dict[str, str] = {}
    history: list[str] = []
    finished: bool = False
    departement: str = ""
    departements: list[DepartementOption] = []  # the départements the site serves, from the database
    _crip: Crip | None = None
    error: str = ""
    outcome_id: str = ""
    outcome_kind: str = ""
    title: str = ""
    summary: str = ""
    actions: list[str] = []
    contacts: list[ContactCardView] = []
    legal: list[str] = []
    tell_child: list[str] = []
    sources: list[SourceView] = []

    @rx.var
    def step_label(self) -> str:
        if self.current not in QUESTION_IDS:
            return ""
        return f"Question {QUESTION_IDS.index(self.current) + 1} sur {len(QUESTION_IDS)}"

    @rx.var
    def selected(self) -> str:
        return self.answers.get(self.current, "")

    def _show_outcome(self) -> None:
        outcome = decide(self.answers, self._crip)
        self.outcome_id, self.outcome_kind = outcome.id, outcome.kind
        self.title, self.summary = outcome.title, outcome.summary
        self.actions, self.legal, self.tell_child = list(outcome.actions), list(outcome.legal), list(outcome.tell_child)
        self.contacts = [contact_card_view(card) for card in outcome.contacts]
        self.sources = [source_view(s) for s in outcome.sources]

    def _clear_outcome(self) -> None:
        self.finished, self.outcome_id, self.outcome_kind, self.title, self.summary = False, "", "", "", ""
        self.actions, self.contacts, self.legal, self.tell_child, self.sources = [], [], [], [], []

    def _reset(self) -> None:
        self.current, self.answers, self.history, self.error = QUESTION_IDS[0], {}, [], ""
        self._clear_outcome()

    def _forget(self) -> None:
        """Quick exit: the answers about a child, and where they are, are dropped from this tab."""
        self._reset()
        self.departement, self._crip = "", None

    @rx.event
    @off_loop
    def load(self) -> None:
        """On page load: the département from `?uai=` when it names a known school.

        The answers stay, as the questionnaire's do: a reload or a return to the page resumes where the
        adult was ("Recommencer" and the quick exit forget them), and an answer tapped before this
        on_load arrives is not undone.
        """
        self.error = ""
        query = parse_qs(urlsplit(str(self.router.url)).query)
        uai = normalise_uai((query.get("uai") or [""])[0])
        with rx.session() as session:
            self.departements = [
                DepartementOption(d.code, f"{d.name} ({d.code})") for d in served_departements(session)
            ]
            school = session.get(Etablissement, uai) if uai else None
            if school is not None:
                self.departement = school.departement_code
                self._crip = departement_crip(session, school.departement_code)
        if school is not None and self.finished:
            self._show_outcome()

    @rx.event
    def answer(self, question_id: str, option_id: str) -> None:
        """Record the answer to the question on screen and go on; "oui" to immediate danger ends at once."""
        try:
            choice = DecisionAnswer.model_validate({"question_id": question_id, "option_id": option_id})
        except ValidationError:
            self.error = UNKNOWN_DECISION_ANSWER
            return
        if self.finished or choice.question_id != self.current:
            self.error = NOT_ON_SCREEN
            return
        if choice.option_id not in ANSWERS:
            self.error = UNKNOWN_DECISION_ANSWER
            return
        self.error = ""
        self.answers = {**self.answers, choice.question_id: choice.option_id}
        self.history = [*self.history, choice.question_id]
        position = QUESTION_IDS.index(choice.question_id)
        urgent = choice.question_id == "danger" and choice.option_id == "oui"
        if urgent or position + 1 == len(QUESTION_IDS):
            self.current, self.finished = "", True
            self._show_outcome()
        else:
            self.current = QUESTION_IDS[position + 1]

    @rx.event
    def back(self) -> None:
        """One screen back, keeping the answers given so far."""
        self.error = ""
        if not self.history:
            return
        *rest, previous = self.history
        self.history, self.current = rest, previous
        self._clear_outcome()

    @rx.event
    def restart(self) -> None:
        """Forget every answer (the département stays)."""
        self._reset()

    @rx.event
    @off_loop
    def choose_departement(self, code: str) -> None:
        """Show the CRIP of another département; '' means none chosen."""
        try:
            choice = DepartementChoice.model_validate({"code": code})
        except ValidationError:
            self.error = UNKNOWN_DEPARTEMENT
            return
        crip = None
        if choice.code:
            with rx.session() as session:
                served = {d.code for d in served_departements(session)}
                crip = departement_crip(session, choice.code) if choice.code in served else None
            if crip is None:
                self.error = UNKNOWN_DEPARTEMENT
                return
        self.error = ""
        self.departement, self._crip = choice.code, crip
        if self.finished:
            self._show_outcome()
