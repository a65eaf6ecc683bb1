"""The weak-signals checklist's tab state: the age group shown, the signs ticked, and the advice.

Ticks live only here, in this tab's state: never in the URL, the database or the logs. Every handler
validates its payload and leaves the state unchanged (with a French message) when it is wrong.
"""

from typing import Literal

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from parlonsen.toolkit.signals import advise, signal_guide

UNKNOWN_AGE = "Ce niveau n'existe pas. Choisissez école élémentaire, collège, lycée ou tous les niveaux."
UNKNOWN_SIGNAL = "Ce signe n'est pas dans la liste affichée. Cochez un des signes affichés."


class AgeChoice(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    age: Literal["", "elementaire", "college", "lycee"]


class SignalChoice(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    signal_id: str = Field(min_length=1, max_length=40)


class SignalsState(rx.State):
    age: str = ""
    ticked: list[str] = []
    lasting: bool = False
    error: str = ""

    def _forget(self) -> None:
        """Quick exit: what was observed about a child is dropped from this tab."""
        self.age, self.ticked, self.lasting, self.error = "", [], False, ""

    @rx.var
    def visible(self) -> list[str]:
        """The sign ids shown for the chosen age group (every sign when none is chosen)."""
        return signal_guide().ids_for_age(self.age)

    @rx.var
    def advice_level(self) -> str:
        return advise(signal_guide(), self.ticked, self.lasting).level

    @rx.var
    def advice_title(self) -> str:
        return advise(signal_guide(), self.ticked, self.lasting).title

    @rx.var
    def advice_actions(self) -> list[str]:
        return list(advise(signal_guide(), self.ticked, self.lasting).actions)

    @rx.var
    def ticked_count(self) -> str:
        count = len(self.ticked)
        if count == 0:
            return "Aucun signe coché"
        return "1 signe coché" if count == 1 else f"{count} signes cochés"

    @rx.event
    def choose_age(self, age: str) -> None:
        """Show the signs of one age group; ticks on signs that disappear are dropped with them."""
        try:
            choice = AgeChoice.model_validate({"age": age})
        except ValidationError:
            self.error = UNKNOWN_AGE
            return
        self.error = ""
        self.age = choice.age
        shown = set(signal_guide().ids_for_age(choice.age))
        self.ticked = [t for t in self.ticked if t in shown]

    @rx.event
    def toggle(self, signal_id: str) -> None:
        """Tick or untick one sign shown on screen."""
        try:
            choice = SignalChoice.model_validate({"signal_id": signal_id})
        except ValidationError:
            self.error = UNKNOWN_SIGNAL
            return
        if choice.signal_id not in signal_guide().ids_for_age(self.age):
            self.error = UNKNOWN_SIGNAL
            return
        self.error = ""
        if choice.signal_id in self.ticked:
            self.ticked = [t for t in self.ticked if t != choice.signal_id]
        else:
            self.ticked = [*self.ticked, choice.signal_id]

    @rx.event
    def toggle_lasting(self) -> None:
        """Whether the signs last or repeat over several weeks."""
        self.error = ""
        self.lasting = not self.lasting

    @rx.event
    def clear(self) -> None:
        """Untick everything (the age group stays)."""
        self.ticked, self.lasting, self.error = [], False, ""
