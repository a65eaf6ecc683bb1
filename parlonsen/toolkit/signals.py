"""Weak signals checklist for professionals: signs by place and age group, and what to do about them.

`advise()` is a pure function: ticked sign ids in, one piece of advice out. A single ordinary sign
proves nothing; several, lasting ones are shared with the team; any `alerter` sign goes to the head.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from parlonsen.catalog import CONTENT_DIR, NonEmpty, Source, Strict, _load_model

SIGNALS_FILE = CONTENT_DIR / "outils" / "signaux_faibles.yaml"

AgeGroup = Literal["elementaire", "college", "lycee"]
AGE_GROUPS: tuple[str, ...] = ("elementaire", "college", "lycee")
SignalPlace = Literal["comportement", "corps", "travail_scolaire", "en_ligne"]
PLACES: tuple[str, ...] = ("comportement", "corps", "travail_scolaire", "en_ligne")
Weight = Literal["observer", "partager", "alerter"]
Level = Literal["rien", "isole", "partager", "alerter"]
LEVELS: tuple[str, ...] = ("rien", "isole", "partager", "alerter")
Slug = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=40)]
InternalHref = Annotated[str, Field(pattern=r"^/pro/[a-z0-9-]+$")]


class Signal(Strict):
    """One observable sign, the age groups it applies to, and how much it weighs on its own."""

    id: Slug
    label: NonEmpty
    ages: list[AgeGroup] = Field(min_length=1)
    weight: Weight


class PlaceGroup(Strict):
    """The signs seen in one place (behaviour, body, school work, online), with their sources."""

    id: SignalPlace
    title: NonEmpty
    signals: list[Signal] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)


class InternalLink(Strict):
    label: NonEmpty
    href: InternalHref


class AdviceText(Strict):
    title: NonEmpty
    actions: list[NonEmpty] = Field(min_length=1)
    links: list[InternalLink] = []


class SingleSign(Strict):
    """What one sign does and does not mean: shown with every piece of advice."""

    does: NonEmpty
    does_not: NonEmpty
    sources: list[Source] = Field(min_length=1)


class SignalGuide(Strict):
    title: NonEmpty
    intro: NonEmpty
    ages: dict[AgeGroup, NonEmpty]
    places: list[PlaceGroup] = Field(min_length=1)
    single_sign: SingleSign
    advice: dict[Level, AdviceText]

    @model_validator(mode="after")
    def _complete_and_unique(self) -> SignalGuide:
        missing = [a for a in AGE_GROUPS if a not in self.ages]
        if missing:
            raise ValueError(f"'ages' needs a label for every age group, missing {missing}")
        places = [p.id for p in self.places]
        if sorted(places) != sorted(PLACES):
            raise ValueError(f"'places' must list each of {list(PLACES)} once, got {places}")
        ids = [s.id for p in self.places for s in p.signals]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate signal ids {duplicates}")
        for place in self.places:
            for age in AGE_GROUPS:
                if not any(age in s.ages for s in place.signals):
                    raise ValueError(f"place {place.id!r} has no sign for age group {age!r}")
        missing = [level for level in LEVELS if level not in self.advice]
        if missing:
            raise ValueError(f"'advice' needs a text for every level, missing {missing}")
        if not any(s.weight == "alerter" for p in self.places for s in p.signals):
            raise ValueError("at least one sign must weigh 'alerter'")
        return self

    def signal(self, signal_id: str) -> Signal | None:
        return next((s for p in self.places for s in p.signals if s.id == signal_id), None)

    def ids_for_age(self, age: str) -> list[str]:
        """Every sign id for an age group; '' means every age."""
        return [s.id for p in self.places for s in p.signals if not age or age in s.ages]


@dataclass(frozen=True)
class Advice:
    level: str
    title: str
    actions: tuple[str, ...]
    links: tuple[InternalLink, ...]


def advise(guide: SignalGuide, ticked: Iterable[str], lasting: bool = False) -> Advice:
    """What to do about the ticked signs; unknown ids raise ValueError (the state validates first)."""
    signals = []
    for signal_id in dict.fromkeys(ticked):
        signal = guide.signal(signal_id)
        if signal is None:
            raise ValueError(f"unknown signal id {signal_id!r}")
        signals.append(signal)
    if not signals:
        level = "rien"
    elif any(s.weight == "alerter" for s in signals):
        level = "alerter"
    elif len(signals) > 1 or lasting or any(s.weight == "partager" for s in signals):
        level = "partager"
    else:
        level = "isole"
    text = guide.advice[level]
    return Advice(level=level, title=text.title, actions=tuple(text.actions), links=tuple(text.links))


def load_signal_guide(path: Path = SIGNALS_FILE) -> SignalGuide:
    return _load_model(SignalGuide, path)


@cache
def signal_guide() -> SignalGuide:
    """The app's weak-signals guide, loaded once per process."""
    return load_signal_guide()


def load_signals() -> None:
    """Load and validate this tool's content; raise ContentError naming file, field and value."""
    load_signal_guide()
