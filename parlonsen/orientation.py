"""The orientation engine: answers in, an ordered list of who to contact out.

Pure functions over the catalog: no Reflex, no database. The questionnaire's order and the
ranking rules are data (`content/questionnaire.yaml`, `content/orientation.yaml`); this module
holds the small predicates those rules name, and the one function the rest of the app calls,
`orient()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from parlonsen.catalog import (
    PROFILES,
    VIOLENCE_IDS,
    Catalog,
    ContentError,
    HelpChannel,
    Journey,
    Question,
    ViolenceForm,
)
from parlonsen.catalog import (
    catalog as default_catalog,
)
from parlonsen.hours import OpenStatus, now_paris, status_at

UNKNOWN = "ne_sais_pas"
Answers = Mapping[str, str | list[str] | tuple[str, ...] | None]


@dataclass(frozen=True)
class SchoolAdult:
    """A trusted adult of a school, by role; the name is optional."""

    role: str
    name: str = ""
    where: str = ""
    when: str = ""
    how: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class SchoolContext:
    """What the orientation needs to know about the student's school (plain data, no ORM)."""

    uai: str
    name: str
    adults: tuple[SchoolAdult, ...] = ()
    crip: HelpChannel | None = None


@dataclass(frozen=True)
class Situation:
    """The answers, normalised: every question of the profile has a value."""

    profile: str
    who: str
    danger: str
    concerns: frozenset[str]
    where: str


@dataclass(frozen=True)
class ChannelAdvice:
    channel: HelpChannel
    reason: str
    status: OpenStatus

    @property
    def id(self) -> str:
        return self.channel.id


@dataclass(frozen=True)
class Orientation:
    profile: str
    urgent: bool
    channels: list[ChannelAdvice]
    topics: list[str]
    reading: list[ViolenceForm]
    journey: Journey
    next_steps: list[str]
    school: SchoolContext | None = None
    answers: dict[str, str | list[str]] = field(default_factory=dict)

    @property
    def channel_ids(self) -> list[str]:
        return [advice.id for advice in self.channels]


# --- The predicates named by content/orientation.yaml -------------------------------------------
HURT = {"physique", "sexuelle"}
HARM_AT_HOME = {"intrafamiliale", "physique", "psychologique", "sexuelle", "negligence"}


def danger_now(s: Situation) -> bool:
    return s.danger == "oui"


def danger_now_and_hurt(s: Situation) -> bool:
    return danger_now(s) and bool(s.concerns & HURT)


def adult_victim(s: Situation) -> bool:
    return s.profile == "parent" and s.who == "moi"


def professional(s: Situation) -> bool:
    return s.profile == "professionnel"


def at_home(s: Situation) -> bool:
    return s.where == "maison" or "intrafamiliale" in s.concerns or "negligence" in s.concerns


def school_bullying(s: Situation) -> bool:
    return "harcelement" in s.concerns or s.where == "ecole"


def bullying_seen_by_professional(s: Situation) -> bool:
    return professional(s) and school_bullying(s)


def online(s: Situation) -> bool:
    return s.where == "en_ligne" or "cyberviolence" in s.concerns


def online_and_sexual(s: Situation) -> bool:
    return online(s) and "sexuelle" in s.concerns


def student(s: Situation) -> bool:
    return s.profile == "eleve"


def parent_of_child(s: Situation) -> bool:
    return s.profile == "parent" and s.who != "moi"


def crime_victim(s: Situation) -> bool:
    return bool(s.concerns & (HURT | {"harcelement", "cyberviolence", "discrimination"}))


def always(s: Situation) -> bool:
    return True


PREDICATES: dict[str, Callable[[Situation], bool]] = {
    f.__name__: f
    for f in (
        danger_now, danger_now_and_hurt, adult_victim, professional, at_home, school_bullying,
        bullying_seen_by_professional,
        online, online_and_sexual, student, parent_of_child, crime_victim, always,
    )
}  # fmt: skip

EMERGENCY_FIRST = ("17", "112", "114")
FALLBACK_TOPICS = {"ecole": ["harcelement"], "maison": ["intrafamiliale"], "en_ligne": ["cyberviolence"]}


def check_rules(cat: Catalog) -> None:
    """Fail at start if orientation.yaml names a predicate this module does not define."""
    for index, rule in enumerate(cat.orientation.rules):
        if rule.when not in PREDICATES:
            raise ContentError(
                f"orientation.yaml: field 'rules.{index}.when' value {rule.when!r}: "
                f"unknown predicate, expected one of {sorted(PREDICATES)}"
            )


# --- The questionnaire ---------------------------------------------------------------------------
def questions_for(profile: str, cat: Catalog | None = None) -> list[Question]:
    """The questions a profile is asked, in order."""
    cat = cat or default_catalog()
    _check_profile(profile)
    return cat.questionnaire.for_profile(profile)


def next_question_id(profile: str, answers: Answers, current: str | None, cat: Catalog | None = None) -> str | None:
    """The question after `current` (None = the first), or None when the questionnaire is over."""
    questions = questions_for(profile, cat)
    ids = [q.id for q in questions]
    if current is None:
        return ids[0]
    if current not in ids:
        raise ValueError(f"unknown question {current!r} for profile {profile!r}")
    question = questions[ids.index(current)]
    if _chosen(question, answers.get(current)) & set(question.end_if):
        return None
    position = ids.index(current) + 1
    return ids[position] if position < len(ids) else None


def _check_profile(profile: str) -> None:
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}, expected one of {list(PROFILES)}")


def _chosen(question: Question, value: object) -> set[str]:
    """The option ids chosen for `question`, validated; unanswered means `ne_sais_pas`."""
    if value is None or value == [] or value == ():
        return {UNKNOWN}
    if isinstance(value, str):
        values = [value]
    elif isinstance(value, list | tuple | set | frozenset) and question.multiple:
        values = list(value)
    else:
        raise ValueError(f"question {question.id!r}: expected one option id, got {value!r}")
    allowed = question.option_ids()
    for option in values:
        if not isinstance(option, str) or option not in allowed:
            raise ValueError(f"question {question.id!r}: unknown option {option!r}, expected one of {allowed}")
    chosen = set(values)
    return chosen - {UNKNOWN} or {UNKNOWN}


def normalise(profile: str, answers: Answers, cat: Catalog | None = None) -> dict[str, str | list[str]]:
    """Validate answers against the profile's questions; raise ValueError naming what is wrong."""
    questions = {q.id: q for q in questions_for(profile, cat)}
    for question_id in answers:
        if question_id not in questions:
            raise ValueError(f"unknown question {question_id!r} for profile {profile!r}")
    clean: dict[str, str | list[str]] = {}
    for question_id, question in questions.items():
        chosen = _chosen(question, answers.get(question_id))
        options = [o for o in question.option_ids() if o in chosen]
        clean[question_id] = options if question.multiple else options[0]
    return clean


def situation(profile: str, clean: Mapping[str, str | list[str]]) -> Situation:
    """The situation from already normalised answers (see `normalise`)."""
    concerns = clean.get("concern", [UNKNOWN])
    return Situation(
        profile=profile,
        who=str(clean.get("who", "moi" if profile == "eleve" else UNKNOWN)),
        danger=str(clean.get("danger", UNKNOWN)),
        concerns=frozenset(c for c in concerns if c != UNKNOWN),
        where=str(clean.get("where", UNKNOWN)),
    )


# --- The orientation -------------------------------------------------------------------------------
def rank_channels(s: Situation, cat: Catalog) -> list[tuple[str, str]]:
    """(channel id, reason) pairs, best first: each channel ranks at its highest applicable weight."""
    best: dict[str, tuple[int, int, str]] = {}
    for order, rule in enumerate(cat.orientation.rules):
        if not PREDICATES[rule.when](s):
            continue
        reason = rule.reason.get(s.profile)  # type: ignore[call-overload]
        if reason is None:
            continue
        for channel_id, weight in rule.channels.items():
            if channel_id not in best or weight > best[channel_id][0]:
                best[channel_id] = (weight, -order, reason)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1]))
    return [(channel_id, reason) for channel_id, (_, _, reason) in ranked]


def _topics(s: Situation) -> list[str]:
    if s.concerns:
        return [c for c in VIOLENCE_IDS if c in s.concerns]
    return FALLBACK_TOPICS.get(s.where, [])


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def orient(
    profile: str,
    answers: Answers,
    etablissement: SchoolContext | None = None,
    *,
    now: datetime | None = None,
    cat: Catalog | None = None,
) -> Orientation:
    """Turn a profile's answers into an orientation. Unknown profile/question/option → ValueError."""
    cat = cat or default_catalog()
    _check_profile(profile)
    clean = normalise(profile, answers, cat)
    s = situation(profile, clean)
    moment = now or now_paris()
    channels = []
    for channel_id, reason in rank_channels(s, cat):
        channel = cat.channels[channel_id]
        if channel_id == "crip" and etablissement is not None and etablissement.crip is not None:
            channel = etablissement.crip
        channels.append(ChannelAdvice(channel=channel, reason=reason, status=status_at(channel.hours, moment)))
    journey = cat.journey_for(profile, s.who)
    topics = _topics(s)
    urgent = danger_now(s)
    steps = _dedupe([*(cat.orientation.urgent_steps.get(profile, []) if urgent else []), *journey.now])  # type: ignore[call-overload]
    return Orientation(
        profile=profile,
        urgent=urgent,
        channels=channels,
        topics=topics,
        reading=[cat.violences[t] for t in topics],
        journey=journey,
        next_steps=steps,
        school=etablissement,
        answers=clean,
    )
