"""The self-check scales' tab state: which situations are ticked, and where they sit.

The ticks live only here, in this tab's memory: never in the URL, the database or the logs, and the
quick exit (`/sortie`) forgets them. Every handler is a public endpoint, so each validates its payload
and leaves the state unchanged (with a French message) when it is wrong.
"""

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from parlonsen.state.questionnaire import PREFILL_REFUSED, QuestionnaireState
from parlonsen.toolkit.selfcheck import NOTHING, assess, scales

UNKNOWN_SCALE = "Cet outil n'existe pas. Choisis le harcélomètre ou le violentomètre."
UNKNOWN_SITUATION = "Cette phrase n'est pas dans la liste. Touche une des phrases affichées."


class ScaleChoice(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    scale_id: str = Field(max_length=40)


class SituationChoice(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    situation_id: str = Field(max_length=40)


class SelfCheckState(rx.State):
    scale_id: str = ""
    ticked: list[str] = []
    level: str = NOTHING
    title: str = ""
    message: str = ""
    channel_ids: list[str] = []
    danger_now: bool = False
    self_harm: bool = False
    error: str = ""

    def _clear_ticks(self) -> None:
        """Drop every tick (another scale, "Tout décocher")."""
        self.ticked, self.error = [], ""
        self._refresh()

    def _forget(self) -> None:
        """Quick exit: forget the ticks and which scale was open."""
        self.scale_id = ""
        self._clear_ticks()

    def _refresh(self) -> None:
        scale = scales().get(self.scale_id)
        if scale is None:
            self.level, self.title, self.message, self.channel_ids = NOTHING, "", "", []
            self.danger_now = self.self_harm = False
            return
        result = assess(scale, self.ticked)
        self.ticked = list(result.ticked)  # the scale's order
        self.level, self.title, self.message = result.level, result.title, result.message
        self.channel_ids, self.danger_now, self.self_harm = list(result.channels), result.danger_now, result.self_harm

    def _open(self, scale_id: object) -> bool:
        """Show this scale; another scale's ticks are dropped, this one's are kept. False (said) if unknown."""
        try:
            choice = ScaleChoice.model_validate({"scale_id": scale_id})
        except ValidationError:
            self.error = UNKNOWN_SCALE
            return False
        if choice.scale_id not in scales():
            self.error = UNKNOWN_SCALE
            return False
        if choice.scale_id != self.scale_id:
            self.scale_id = choice.scale_id
            self._clear_ticks()
        return True

    @rx.event
    def load(self, scale_id: str) -> None:
        """On page load: show this scale (its ticks are kept after "Retour")."""
        if self._open(scale_id):
            self.error = ""
            self._refresh()

    @rx.event
    def toggle(self, situation_id: str, scale_id: str = "") -> None:
        """Tick or untick one situation. The page names its scale: a tap that reaches the server before the
        page's on_load (a quick tap on a slow phone) opens the scale itself instead of being lost."""
        try:
            choice = SituationChoice.model_validate({"situation_id": situation_id})
        except ValidationError:
            self.error = UNKNOWN_SITUATION
            return
        if scale_id != "" and not self._open(scale_id):
            return
        scale = scales().get(self.scale_id)
        if scale is None or scale.situation(choice.situation_id) is None:
            self.error = UNKNOWN_SITUATION
            return
        self.error = ""
        if choice.situation_id in self.ticked:
            self.ticked = [s for s in self.ticked if s != choice.situation_id]
        else:
            self.ticked = [*self.ticked, choice.situation_id]
        self._refresh()

    @rx.event
    def untick_all(self) -> None:
        """The « Tout décocher » button."""
        self._clear_ticks()

    @rx.event
    async def continue_to_questionnaire(self):
        """Open the student questionnaire on the danger question, with what the ticks already said."""
        scale = scales().get(self.scale_id)
        if scale is None:
            self.error = UNKNOWN_SCALE
            return None
        try:
            answers = assess(scale, self.ticked).prefill
            questionnaire = await self.get_state(QuestionnaireState)
            questionnaire._begin_prefilled(answers)
        except ValueError:  # ticks the scale no longer has, or answers the questionnaire does not take
            self.error = PREFILL_REFUSED
            return None
        return rx.redirect(questionnaire._path())
