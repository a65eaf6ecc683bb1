"""The questionnaire's session state: one question per screen, then the orientation.

Answers live only here, in this tab's state: never in the URL, the database or the logs. Every
handler is a public endpoint, so each validates its payload and leaves the state unchanged (with
a French message) when it is wrong.
"""

from collections.abc import Mapping

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from parlonsen import routes
from parlonsen.catalog import PROFILES, catalog, voice_of
from parlonsen.orientation import UNKNOWN, SchoolContext, next_question_id, normalise, orient, questions_for
from parlonsen.routes import QUESTIONNAIRE, RESULT, question_path
from parlonsen.services.directory import normalise_uai, school_context, school_page
from parlonsen.state.off_loop import off_loop
from parlonsen.state.views import NO_CRIP, AdultView, CripView, ResourceView, adult_view, crip_view, resource_view

UNKNOWN_PROFILE = "Ce profil n'existe pas. Choisis « élève », « parent » ou « je travaille avec des enfants »."
UNKNOWN_SCHOOL = "Cet établissement est introuvable. Cherche-le par son nom ou sa ville."
UNKNOWN_ANSWER = "Cette réponse n'est pas proposée. Choisis une des réponses affichées."
NOT_ON_SCREEN = "Cette question n'est plus à l'écran. Réponds à la question affichée."
PREFILL_REFUSED = "Tes réponses n'ont pas pu être reprises. Réponds aux questions ci-dessous, ou recommence."
DANGER = "danger"  # never pre-filled: asked every time, safety first
# After each screen change: back to the top, focus on the new content (for screen readers too).


class ProfileChoice(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    profile: str = Field(max_length=20)


class StepChoice(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    profile: str = Field(max_length=20)
    number: int = Field(ge=1, le=20)


class AnswerChoice(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    question_id: str = Field(max_length=40)
    option_id: str = Field(max_length=40)


class QuestionnaireState(rx.State):
    profile: str = ""
    current: str = ""
    answers: dict[str, list[str]] = {}
    history: list[str] = []
    error: str = ""
    finished: bool = False
    urgent: bool = False
    self_harm: bool = False
    result_ids: list[str] = []
    first_ids: list[str] = []  # the few helps a result shows first
    more_ids: list[str] = []  # the others, behind « Voir d'autres aides »
    reasons: dict[str, str] = {}
    topics: list[str] = []
    next_steps: list[str] = []
    journey_id: str = ""
    school_uai: str = ""
    school_name: str = ""
    school_adults: list[AdultView] = []
    crip: CripView = NO_CRIP  # the département's CRIP, once the school is known
    _school: SchoolContext | None = None  # the school's adults and CRIP, read once when the questionnaire began
    local_resources: list[ResourceView] = []

    @rx.var
    def voice(self) -> str:
        """Whom the words address: a student asking for a friend reads the witness's wording."""
        who = self.answers.get("who", [])
        return voice_of(self.profile, who[0] if who else None) if self.profile else ""

    @rx.var
    def screen(self) -> str:
        """Which static question screen to show: 'voice:question'."""
        return f"{self.voice}:{self.current}" if self.current else ""

    @rx.var
    def step_label(self) -> str:
        if not self.profile or not self.current:
            return ""
        ids = [q.id for q in questions_for(self.profile)]
        return f"Étape {ids.index(self.current) + 1} sur {len(ids)}" if self.current in ids else ""

    @rx.var
    def selected(self) -> list[str]:
        """The options ticked on the question on screen."""
        return self.answers.get(self.current, [])

    @rx.var
    def ticked(self) -> list[str]:
        """Every option given so far, as 'question:option': each question's page shows its own answers."""
        return [f"{question}:{option}" for question, options in self.answers.items() for option in options]

    @rx.var
    def first_channel(self) -> str:
        return self.result_ids[0] if self.result_ids else ""

    def _path(self) -> str:
        """Where the tab is: the result, the question on screen, or the choice of profile."""
        if self.finished:
            return RESULT
        if self.profile and self.current:
            ids = [q.id for q in questions_for(self.profile)]
            return question_path(self.profile, ids.index(self.current) + 1)
        return QUESTIONNAIRE

    def _go_to(self, number: int) -> bool:
        """Show question `number` of the profile: back to one already seen (answers kept), or forward through
        questions already answered (the browser's Forward). False when it cannot be reached from here."""
        ids = [q.id for q in questions_for(self.profile)]
        if number > len(ids):
            return False
        target = ids[number - 1]
        seen = [*self.history, *([] if self.finished else [self.current])]
        if target in seen:
            if self.finished:
                self.finished = False
                self.result_ids, self.reasons, self.topics, self.next_steps = [], {}, [], []
                self.first_ids, self.more_ids = [], []
            self.history, self.current = seen[: seen.index(target)], target
            return True
        while not self.finished and self.current != target and self.current in self.answers:
            self._advance()
        return not self.finished and self.current == target

    def _engine_answers(self) -> dict[str, str | list[str]]:
        multiple = {q.id for q in questions_for(self.profile) if q.multiple}
        return {qid: (values if qid in multiple else values[0]) for qid, values in self.answers.items() if values}

    def _clear_error(self) -> None:
        """Only a var that changes goes into the delta sent back: most steps have no error to clear."""
        if self.error:
            self.error = ""

    def _forget(self) -> None:
        """Quick exit: every answer, the result and the school are dropped from this tab."""
        self._reset()

    def _reset(self) -> None:
        self.profile, self.current, self.error, self.journey_id = "", "", "", ""
        self.answers, self.history, self.result_ids, self.topics, self.next_steps = {}, [], [], [], []
        self.first_ids, self.more_ids = [], []
        self.reasons, self.finished, self.urgent, self.self_harm = {}, False, False, False
        self.school_uai, self.school_name, self.school_adults, self.crip, self.local_resources = "", "", [], NO_CRIP, []
        self._school = None

    def _advance(self) -> None:
        following = next_question_id(self.profile, self._engine_answers(), self.current)
        self.history = [*self.history, self.current]
        if following is None:
            self._finish()
        else:
            self.current = following

    def _finish(self) -> None:
        """The orientation, from the answers and the school read when the questionnaire began: no database here,
        so a step never waits on it."""
        context = self._school if self.school_uai else None
        result = orient(self.profile, self._engine_answers(), context)
        crip = next((a.channel for a in result.channels if a.id == "crip"), None)
        self.crip = crip_view(crip) if context is not None and crip is not None else NO_CRIP
        self.current, self.finished, self.urgent, self.self_harm = "", True, result.urgent, result.self_harm
        self.result_ids = result.channel_ids
        self.first_ids = [a.id for a in result.first]
        self.more_ids = [a.id for a in result.more]
        self.reasons = {advice.id: advice.reason for advice in result.channels}
        self.topics = result.topics
        self.next_steps = result.next_steps
        self.journey_id = result.journey.id

    def _valid_answer(self, question_id: object, option_id: object) -> AnswerChoice | None:
        try:
            choice = AnswerChoice.model_validate({"question_id": question_id, "option_id": option_id})
        except ValidationError:
            self.error = UNKNOWN_ANSWER
            return None
        if not self.current or choice.question_id != self.current:
            self.error = NOT_ON_SCREEN
            return None
        question = catalog().questionnaire.get(choice.question_id)
        if question is None or choice.option_id not in question.option_ids():
            self.error = UNKNOWN_ANSWER
            return None
        return choice

    def _begin(self, profile: object) -> bool:
        """Reset and open the first question of a valid profile; otherwise a French error, state unchanged."""
        try:
            choice = ProfileChoice.model_validate({"profile": profile})
        except ValidationError:
            self.error = UNKNOWN_PROFILE
            return False
        if choice.profile not in PROFILES:
            self.error = UNKNOWN_PROFILE
            return False
        self._reset()
        self.profile = choice.profile
        self.current = questions_for(choice.profile)[0].id
        return True

    def _begin_prefilled(self, answers: Mapping[str, list[str]]) -> None:
        """Begin the student questionnaire with answers a self-check scale already gave, on the danger question.

        The questions before it go in the history, so "Retour" shows them with their answers; later ones
        show their pre-filled options ticked (a signal of self-harm among them). Raises ValueError on answers
        the questionnaire does not have, and the state stays unchanged: callers say so in French.
        """
        questions = questions_for("eleve")
        ids = [q.id for q in questions]
        multiple = {q.id for q in questions if q.multiple}
        if DANGER in answers:
            raise ValueError(f"question {DANGER!r} is never pre-filled: the student answers it")
        for question_id, values in answers.items():
            if question_id not in ids:
                raise ValueError(f"unknown question {question_id!r} for profile 'eleve'")
            if not isinstance(values, list) or not values or (question_id not in multiple and len(values) != 1):
                raise ValueError(f"question {question_id!r}: expected a list of option ids, got {values!r}")
        normalise("eleve", {qid: (v if qid in multiple else v[0]) for qid, v in answers.items()})  # unknown options
        self._reset()
        self.profile = "eleve"
        self.answers = {question_id: list(values) for question_id, values in answers.items()}
        self.history = ids[: ids.index(DANGER)]
        self.current = DANGER

    @rx.event
    def start(self, profile: str):
        """Begin the questionnaire afresh for a profile."""
        return rx.redirect(self._path()) if self._begin(profile) else None

    @rx.event
    def open_question(self, profile: str, number: int):
        """On loading `/questionnaire/<profile>/<number>` (a link, Back, Forward): show that question.

        A first visit begins the profile's questionnaire; Back and Forward move through the questions, every
        answer kept; a question that cannot be reached yet sends the tab to the one it is on."""
        try:
            step = StepChoice.model_validate({"profile": profile, "number": number})
        except ValidationError:
            self.error = UNKNOWN_PROFILE
            return None
        if step.profile not in PROFILES:
            self.error = UNKNOWN_PROFILE
            return None
        if self.profile != step.profile or not (self.current or self.finished):
            keep = self.profile in ("", step.profile)
            school = (self.school_uai, self.school_name, self._school, self.school_adults, self.local_resources)
            self._begin(step.profile)
            if keep:
                self.school_uai, self.school_name, self._school, self.school_adults, self.local_resources = school
        elif self._go_to(step.number):
            self._clear_error()
            return None
        here = self._path()
        return None if here == question_path(step.profile, step.number) else rx.redirect(here, replace=True)

    @rx.event
    def open_result(self):
        """On loading the result's page: without an orientation yet, back to the question the tab is on."""
        return None if self.finished else rx.redirect(self._path(), replace=True)

    @rx.event
    def open_questionnaire(self):
        """On loading `/questionnaire`: a questionnaire under way resumes where it was."""
        return None if self._path() == QUESTIONNAIRE else rx.redirect(self._path(), replace=True)

    @rx.event
    @off_loop
    def start_for_school(self, profile: str, uai: str):
        """Begin the questionnaire from a school's page: the orientation shows that school's adults and CRIP."""
        canonical = normalise_uai(uai) if isinstance(uai, str) else None
        if canonical is None:
            self.error = UNKNOWN_SCHOOL
            return None
        with rx.session() as session:
            page = school_page(session, canonical)
            context = school_context(session, canonical)
        if page is None or context is None:
            self.error = UNKNOWN_SCHOOL
            return None
        if not self._begin(profile):
            return None
        self.school_uai, self.school_name, self._school = page.etablissement.uai, context.name, context
        self.school_adults = [adult_view(a) for a in context.adults]
        self.local_resources = [resource_view(r) for r in page.resources if r.kind != "crip"]
        return rx.redirect(self._path())

    @rx.event
    def choose(self, question_id: str, option_id: str):
        """Single choice: record and go on to the next question's page. Multiple choice: tick or untick."""
        choice = self._valid_answer(question_id, option_id)
        if choice is None:
            return None
        self._clear_error()
        question = catalog().questionnaire.get(choice.question_id)
        if question is not None and question.multiple:
            ticked = [v for v in self.answers.get(choice.question_id, []) if v != choice.option_id]
            if choice.option_id not in self.answers.get(choice.question_id, []):
                ticked = [v for v in ticked if v != UNKNOWN] if choice.option_id != UNKNOWN else []
                ticked.append(choice.option_id)
            self.answers = {**self.answers, choice.question_id: ticked}
            return None
        self.answers = {**self.answers, choice.question_id: [choice.option_id]}
        self._advance()
        return rx.redirect(self._path())

    @rx.event
    def next(self):
        """Continue after a multiple-choice question (nothing ticked counts as "je ne sais pas")."""
        if not self.current:
            self.error = NOT_ON_SCREEN
            return None
        self._clear_error()
        self._advance()
        return rx.redirect(self._path())

    @rx.event
    def skip(self):
        """Pass the question on screen: it counts as "je ne sais pas"."""
        if not self.current:
            self.error = NOT_ON_SCREEN
            return None
        self._clear_error()
        if self.current in self.answers:
            self.answers = {k: v for k, v in self.answers.items() if k != self.current}
        self._advance()
        return rx.redirect(self._path())

    @rx.event
    def back(self):
        """One screen back, keeping every answer given so far."""
        self._clear_error()
        if not self.history:
            self._reset()
            return rx.redirect(QUESTIONNAIRE)
        self._go_to(len(self.history))  # the previous question's number
        return rx.redirect(self._path())

    @rx.event
    def restart(self):
        """Forget every answer and go back to the start."""
        self._reset()
        return rx.redirect(routes.HOME)
