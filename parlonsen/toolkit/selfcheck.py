"""Students' self-check scales (harcélomètre, violentomètre): tick what you live, see where it sits.

Pure core, no Reflex. The situations are content (`content/outils/<scale>.yaml`), validated and
cross-checked against the questionnaire and the help channels. `assess()` turns ticked situations into
a level, a plain message, the help to show and the questionnaire's pre-filled answers. Nothing here
stores anything: the ticks live only in the tab's state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from parlonsen.catalog import (
    CONTENT_DIR,
    Catalog,
    ContentError,
    NonEmpty,
    Source,
    Strict,
    _load_model,
)
from parlonsen.catalog import catalog as default_catalog

TOOLS_DIR = CONTENT_DIR / "outils"
SCALE_IDS: tuple[str, ...] = ("harcelometre", "violentometre")
Level = Literal["vert", "orange", "rouge"]
LEVELS: tuple[str, ...] = ("vert", "orange", "rouge")
NOTHING = "aucun"  # the level when nothing is ticked: not "vert", we know nothing yet
EMERGENCY_FIRST: tuple[str, ...] = ("17", "112", "114")
SELF_HARM_FIRST: tuple[str, ...] = ("3114", "15")  # thoughts of self-harm: these first, after 17/112/114 if danger now
NOT_YOUR_FAULT = "pas de ta faute"
PREFILL_PROFILE = "eleve"


class LevelText(Strict):
    """What a zone of the scale says to the student once the ticks reach it."""

    label: NonEmpty  # short, shown on the scale: "Zone rouge : danger"
    title: NonEmpty
    message: NonEmpty


class ScaleSituation(Strict):
    """One situation, written as a student would say it."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9-]{1,40}$")]
    text: NonEmpty
    level: Level
    concern: NonEmpty | None = None  # an option of the questionnaire's `concern` question
    where: NonEmpty | None = None  # an option of the questionnaire's `where` question
    danger_now: bool = False  # immediate danger: the emergency numbers come first
    self_harm: bool = False  # thoughts of self-harm or suicide: the 3114 and the 15 come first, whatever else is ticked
    channels: list[NonEmpty] = []

    @model_validator(mode="after")
    def _self_harm_is_red(self) -> ScaleSituation:
        if self.self_harm and self.level != "rouge":
            raise ValueError(f"a self-harm situation is always in the red zone, not {self.level!r}")
        return self


class Scale(Strict):
    id: NonEmpty
    title: NonEmpty
    intro: NonEmpty
    question: NonEmpty  # the heading above the situations
    nothing_ticked: NonEmpty
    levels: dict[Level, LevelText]
    situations: list[ScaleSituation] = Field(min_length=6)
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete_and_kind(self) -> Scale:
        missing = [level for level in LEVELS if level not in self.levels]
        if missing:
            raise ValueError(f"'levels' needs a text for every zone, missing {missing}")
        for level in ("orange", "rouge"):
            if NOT_YOUR_FAULT not in self.levels[level].message:
                raise ValueError(f"'levels.{level}.message' must tell the student it is « {NOT_YOUR_FAULT} »")
        ids = [s.id for s in self.situations]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate situation ids {duplicates}")
        empty = [level for level in LEVELS if not any(s.level == level for s in self.situations)]
        if empty:
            raise ValueError(f"every zone needs at least one situation, none for {empty}")
        return self

    def situation(self, situation_id: str) -> ScaleSituation | None:
        return next((s for s in self.situations if s.id == situation_id), None)

    def situation_ids(self) -> list[str]:
        return [s.id for s in self.situations]


@dataclass(frozen=True)
class Assessment:
    """Where the ticked situations sit, what to say, which help to show, and what the questionnaire can skip."""

    level: str  # "aucun", "vert", "orange" or "rouge"
    title: str
    message: str
    ticked: tuple[str, ...]
    channels: tuple[str, ...]
    danger_now: bool
    self_harm: bool = False
    prefill: dict[str, list[str]] = field(default_factory=dict)


def _problem(path: Path, where: str, value: object, message: str) -> ContentError:
    return ContentError(f"{path}: field '{where}' value {value!r}: {message}")


def _check_references(scale: Scale, path: Path, cat: Catalog) -> None:
    """Every concern, place and channel a situation names exists in the questionnaire and the catalog."""
    options = {}
    for question_id in ("concern", "where", "self_harm"):
        question = cat.questionnaire.get(question_id)
        if question is None or PREFILL_PROFILE not in question.profiles:
            raise ContentError(f"{path}: the questionnaire has no student question {question_id!r} to pre-fill")
        options[question_id] = [o for o in question.option_ids() if o != "ne_sais_pas"]
    if "oui" not in options["self_harm"]:
        raise ContentError(f"{path}: the questionnaire's 'self_harm' question has no 'oui' option to pre-fill")
    for index, situation in enumerate(scale.situations):
        for question_id in ("concern", "where"):
            value = getattr(situation, question_id)
            if value is not None and value not in options[question_id]:
                raise _problem(
                    path,
                    f"situations.{index}.{question_id}",
                    value,
                    f"not an option of the questionnaire's {question_id!r} question {options[question_id]}",
                )
        for channel_index, channel_id in enumerate(situation.channels):
            if channel_id not in cat.channels:
                raise _problem(
                    path, f"situations.{index}.channels.{channel_index}", channel_id, "no help channel has this id"
                )
        if situation.level == "rouge" and not situation.channels:
            raise _problem(path, f"situations.{index}.channels", [], "a red situation must name the help to show")


def load_scale(path: Path, cat: Catalog | None = None) -> Scale:
    """Load one scale file and cross-check it; raise ContentError naming file, field and value."""
    scale = _load_model(Scale, path)
    if scale.id != path.stem:
        raise _problem(path, "id", scale.id, f"must match the file name {path.stem!r}")
    _check_references(scale, path, cat or default_catalog())
    return scale


def load_scales(root: Path = TOOLS_DIR, cat: Catalog | None = None) -> dict[str, Scale]:
    """Every scale, validated: the app calls this at start and `check-content` before a build."""
    return {scale_id: load_scale(root / f"{scale_id}.yaml", cat) for scale_id in SCALE_IDS}


@cache
def scales() -> dict[str, Scale]:
    """The app's scales, loaded once per process."""
    return load_scales()


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def prefill(scale: Scale, ticked: list[ScaleSituation], cat: Catalog | None = None) -> dict[str, list[str]]:
    """The student questionnaire's answers the ticks already give: for me, thoughts of self-harm if ticked, what
    happens, and every place named. The signal of self-harm survives the hand-over to the questionnaire."""
    cat = cat or default_catalog()
    answers: dict[str, list[str]] = {"who": ["moi"]}
    if any(s.self_harm for s in ticked):
        answers["self_harm"] = ["oui"]
    for question_id, named in (("concern", {s.concern for s in ticked}), ("where", {s.where for s in ticked})):
        question = cat.questionnaire.get(question_id)
        if question is not None and named - {None}:
            answers[question_id] = [o for o in question.option_ids() if o in named]  # the questionnaire's order
    return answers


def assess(scale: Scale, ticked_ids: Iterable[str], cat: Catalog | None = None) -> Assessment:
    """The highest zone among the ticked situations, its message, the help to show and the questionnaire pre-fill.

    Raises ValueError on a situation id the scale does not have: callers validate what a student sends.
    """
    wanted = set(ticked_ids)
    unknown = sorted(wanted - set(scale.situation_ids()))
    if unknown:
        raise ValueError(f"scale {scale.id!r} has no situation {unknown}")
    ticked = [s for s in scale.situations if s.id in wanted]  # in the scale's order
    if not ticked:
        return Assessment(
            NOTHING, "Tu n'as rien coché", scale.nothing_ticked, (), (), False, prefill=prefill(scale, [], cat)
        )
    level = max((s.level for s in ticked), key=LEVELS.index)
    text = scale.levels[level]
    danger_now = any(s.danger_now for s in ticked)
    self_harm = any(s.self_harm for s in ticked)
    channels = [c for s in sorted(ticked, key=lambda s: -LEVELS.index(s.level)) for c in s.channels]
    first = [*(EMERGENCY_FIRST if danger_now else ()), *(SELF_HARM_FIRST if self_harm else ())]
    return Assessment(
        level=level,
        title=text.title,
        message=text.message,
        ticked=tuple(s.id for s in ticked),
        channels=tuple(_dedupe([*first, *channels])),
        danger_now=danger_now,
        self_harm=self_harm,
        prefill=prefill(scale, ticked, cat),
    )
