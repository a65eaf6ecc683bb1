"""The decision helper's tab state: one question per screen, then the outcome with the département's CRIP.

Answers live only here, in this tab's state: never in the URL, the database or the logs. Every handler
validates its payload and leaves the state unchanged (with a French message) when it is wrong. The CRIP
is read from the directory (the département's `crip` resource) and handed to the pure `decide()`.
"""

from dataclasses import asdict
from urllib.parse import parse_qs, urlsplit

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session

from parlonsen.models import Departement, Etablissement
from parlonsen.services.directory import departement_resources, normalise_uai
from parlonsen.services.seed import DEPARTEMENTS
from parlonsen.toolkit.report_decision import ANSWERS, MAX_LINKS, QUESTION_IDS, Crip, decide

UNKNOWN_ANSWER = "Cette réponse n'est pas proposée. Choisissez « oui », « non » ou « je ne sais pas »."
NOT_ON_SCREEN = "Cette question n'est plus à l'écran. Répondez à la question affichée."
UNKNOWN_DEPARTEMENT = "Ce département n'est pas proposé. Choisissez-en un dans la liste."
DEPARTEMENT_CODES: tuple[str, ...] = tuple(code for code, _ in DEPARTEMENTS)


class AnswerChoice(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    question_id: str = Field(max_length=20)
    option_id: str = Field(max_length=10)


class DepartementChoice(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    code: str = Field(max_length=3)


def crip_for(session: Session, code: str) -> Crip | None:
    """The département's CRIP from the directory; `known` only when an admin has filled in a way to reach it."""
    departement = session.get(Departement, code)
    if departement is None:
        return None
    resource = next((r for r in departement_resources(session, code) if r.kind == "crip"), None)
    if resource is None:
        return Crip(code, departement.name, f"CRIP – {departement.name}")
    reachable = bool(resource.phone or resource.email or resource.url.startswith("https://"))
    return Crip(
        departement_code=code,
        departement_name=departement.name,
        name=resource.name,
        description=resource.description,
        phone=resource.phone,
        email=resource.email,
        url=resource.url,
        known=reachable and not resource.to_complete,
    )


def _contact_view(card) -> dict[str, str]:
    view = {"id": card.id, "name": card.name, "detail": card.detail}
    for index in range(MAX_LINKS):
        link = card.links[index] if index < len(card.links) else None
        view[f"link{index}_label"] = link.label if link else ""
        view[f"link{index}_href"] = link.href if link else ""
    return view


class ReportDecisionState(rx.State):
    current: str = QUESTION_IDS[0]
    answers: dict[str, str] = {}
    history: list[str] = []
    finished: bool = False
    departement: str = ""
    crip: dict[str, str] = {}
    error: str = ""
    outcome_id: str = ""
    outcome_kind: str = ""
    title: str = ""
    summary: str = ""
    actions: list[str] = []
    contacts: list[dict[str, str]] = []
    legal: list[str] = []
    tell_child: list[str] = []
    sources: list[dict[str, str]] = []

    @rx.var
    def step_label(self) -> str:
        if self.current not in QUESTION_IDS:
            return ""
        return f"Question {QUESTION_IDS.index(self.current) + 1} sur {len(QUESTION_IDS)}"

    @rx.var
    def selected(self) -> str:
        return self.answers.get(self.current, "")

    def _crip(self) -> Crip | None:
        if not self.crip:
            return None
        return Crip(**{k: v for k, v in self.crip.items() if k != "known"}, known=self.crip.get("known") == "1")

    def _set_crip(self, crip: Crip | None) -> None:
        if crip is None:
            self.crip = {}
            return
        self.crip = {k: ("1" if v else "") if k == "known" else str(v) for k, v in asdict(crip).items()}

    def _show_outcome(self) -> None:
        outcome = decide(self.answers, self._crip())
        self.outcome_id, self.outcome_kind = outcome.id, outcome.kind
        self.title, self.summary = outcome.title, outcome.summary
        self.actions, self.legal, self.tell_child = list(outcome.actions), list(outcome.legal), list(outcome.tell_child)
        self.contacts = [_contact_view(card) for card in outcome.contacts]
        self.sources = [
            {"title": s.title, "url": s.url, "verified": s.verified.strftime("%d/%m/%Y")} for s in outcome.sources
        ]

    def _clear_outcome(self) -> None:
        self.finished, self.outcome_id, self.outcome_kind, self.title, self.summary = False, "", "", "", ""
        self.actions, self.contacts, self.legal, self.tell_child, self.sources = [], [], [], [], []

    def _reset(self) -> None:
        self.current, self.answers, self.history, self.error = QUESTION_IDS[0], {}, [], ""
        self._clear_outcome()

    @rx.event
    def load(self) -> None:
        """On page load: the département from `?uai=` when it names a known school.

        The answers stay, as the questionnaire's do: a reload or a return to the page resumes where the
        adult was ("Recommencer" and the quick exit forget them), and an answer tapped before this
        on_load arrives is not undone.
        """
        self.error = ""
        query = parse_qs(urlsplit(str(self.router.url)).query)
        uai = normalise_uai((query.get("uai") or [""])[0])
        if uai is None:
            return
        with rx.session() as session:
            school = session.get(Etablissement, uai)
            if school is not None:
                self.departement = school.departement_code
                self._set_crip(crip_for(session, school.departement_code))
        if self.finished:
            self._show_outcome()

    @rx.event
    def answer(self, question_id: str, option_id: str) -> None:
        """Record the answer to the question on screen and go on; "oui" to immediate danger ends at once."""
        try:
            choice = AnswerChoice.model_validate({"question_id": question_id, "option_id": option_id})
        except ValidationError:
            self.error = UNKNOWN_ANSWER
            return
        if self.finished or choice.question_id != self.current:
            self.error = NOT_ON_SCREEN
            return
        if choice.option_id not in ANSWERS:
            self.error = UNKNOWN_ANSWER
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
    def choose_departement(self, code: str) -> None:
        """Show the CRIP of another département; '' means none chosen."""
        try:
            choice = DepartementChoice.model_validate({"code": code})
        except ValidationError:
            self.error = UNKNOWN_DEPARTEMENT
            return
        if choice.code and choice.code not in DEPARTEMENT_CODES:
            self.error = UNKNOWN_DEPARTEMENT
            return
        crip = None
        if choice.code:
            with rx.session() as session:
                crip = crip_for(session, choice.code)
            if crip is None:
                self.error = UNKNOWN_DEPARTEMENT
                return
        self.error = ""
        self.departement = choice.code
        self._set_crip(crip)
        if self.finished:
            self._show_outcome()
