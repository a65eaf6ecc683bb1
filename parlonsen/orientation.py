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
    voice_of,
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
    self_harm: str
    concerns: frozenset[str]
    places: frozenset[str]

    @property
    def voice(self) -> str:
        return voice_of(self.profile, self.who)


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
    """The ranked helps, and how a result shows them: the emergency numbers as big buttons when there is danger
    now, then the few most useful helps (`first`), what to do now, and the others behind « Voir d'autres aides »."""

    profile: str
    voice: str
    urgent: bool
    self_harm: bool
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

    @property
    def cards(self) -> list[ChannelAdvice]:
        """The helps shown as cards: with danger now, the emergency numbers are the buttons above them instead."""
        return [a for a in self.channels if not (self.urgent and a.id in EMERGENCY_NUMBERS)]

    @property
    def first(self) -> list[ChannelAdvice]:
        return self.cards[:SHOWN_FIRST]

    @property
    def more(self) -> list[ChannelAdvice]:
        return self.cards[SHOWN_FIRST:]


# --- The predicates named by content/orientation.yaml -------------------------------------------
HURT = {"physique", "sexuelle"}
EMERGENCY_NUMBERS = ("17", "112", "114")  # one row of big call buttons when there is danger now
SHOWN_FIRST = 3  # a result fits on a phone: three helps, then what to do now, then the others on demand


def danger_now(s: Situation) -> bool:
    return s.danger == "oui"


def self_harm(s: Situation) -> bool:
    return s.self_harm == "oui"


def danger_now_and_hurt(s: Situation) -> bool:
    return danger_now(s) and bool(s.concerns & HURT)


def adult_victim(s: Situation) -> bool:
    return s.profile == "parent" and s.who == "moi"


def professional(s: Situation) -> bool:
    return s.profile == "professionnel"


def at_home(s: Situation) -> bool:
    return "maison" in s.places or "intrafamiliale" in s.concerns or "negligence" in s.concerns


def school_bullying(s: Situation) -> bool:
    return "harcelement" in s.concerns or "ecole" in s.places


def bullying_seen_by_professional(s: Situation) -> bool:
    return professional(s) and school_bullying(s)


def online(s: Situation) -> bool:
    return "en_ligne" in s.places or "cyberviolence" in s.concerns


def online_and_sexual(s: Situation) -> bool:
    return online(s) and "sexuelle" in s.concerns


def student(s: Situation) -> bool:
    return s.profile == "eleve"


def parent_of_child(s: Situation) -> bool:
    return s.profile == "parent" and s.who != "moi"


def parent_facing_family_violence(s: Situation) -> bool:
    """A parent worried about violence at home: the 3919 also listens to those close to a victim."""
    return parent_of_child(s) and ("intrafamiliale" in s.concerns or "maison" in s.places)


def offence_victim(s: Situation) -> bool:
    """Blows or sexual violence: offences for which victim support (116 006) helps with the next steps."""
    return bool(s.concerns & HURT)


def minor_facing_offence(s: Situation) -> bool:
    """A student facing violence the police can act on: the minors' chat with police and gendarmes."""
    return student(s) and (bool(s.concerns & (HURT | {"intrafamiliale"})) or online_and_sexual(s))


def student_low_mood(s: Situation) -> bool:
    """What weighs on a student's morale (put-downs, threats, dark thoughts): Fil Santé Jeunes (12–25) listens."""
    return student(s) and ("psychologique" in s.concerns or self_harm(s))


def always(s: Situation) -> bool:
    return True


PREDICATES: dict[str, Callable[[Situation], bool]] = {
    f.__name__: f
    for f in (
        danger_now, self_harm, danger_now_and_hurt, adult_victim, professional, at_home, school_bullying,
        bullying_seen_by_professional, online, online_and_sexual, student, parent_of_child,
        parent_facing_family_violence, offence_victim, minor_facing_offence, student_low_mood, always,
    )
}  # fmt: skip

FALLBACK_TOPICS = {"ecole": "harcelement", "maison": "intrafamiliale", "en_ligne": "cyberviolence"}


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

    def ticked(question_id: str) -> frozenset[str]:
        values = clean.get(question_id, [UNKNOWN])
        return frozenset(v for v in ([values] if isinstance(values, str) else values) if v != UNKNOWN)

    return Situation(
        profile=profile,
        who=str(clean.get("who", "moi" if profile == "eleve" else UNKNOWN)),
        danger=str(clean.get("danger", UNKNOWN)),
        self_harm=str(clean.get("self_harm", UNKNOWN)),
        concerns=ticked("concern"),
        places=ticked("where"),
    )


# --- The orientation -------------------------------------------------------------------------------
def rank_channels(s: Situation, cat: Catalog) -> list[tuple[str, str]]:
    """(channel id, reason) pairs, best first: each channel ranks at its highest applicable weight, with that
    rule's reason, in the situation's voice."""
    best: dict[str, tuple[int, int, str]] = {}
    voice = s.voice
    for order, rule in enumerate(cat.orientation.rules):
        reason = rule.reason.get(voice)
        if reason is None or not PREDICATES[rule.when](s):
            continue
        if rule.channel not in best or rule.weight > best[rule.channel][0]:
            best[rule.channel] = (rule.weight, -order, reason)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1]))
    return [(channel_id, reason) for channel_id, (_, _, reason) in ranked]


def _topics(s: Situation) -> list[str]:
    if s.concerns:
        return [c for c in VIOLENCE_IDS if c in s.concerns]
    wanted = {FALLBACK_TOPICS[p] for p in s.places if p in FALLBACK_TOPICS}
    return [t for t in VIOLENCE_IDS if t in wanted]


_VOICED: dict[tuple[int, str], tuple[HelpChannel, HelpChannel]] = {}


def _in_voice(channel: HelpChannel, voice: str, cat: Catalog) -> HelpChannel:
    """`channel.in_voice(voice)`, computed once per catalog channel and voice (a school's CRIP each time)."""
    if cat.channels.get(channel.id) is not channel:
        return channel.in_voice(voice)
    key = (id(channel), voice)
    cached = _VOICED.get(key)
    if cached is None or cached[0] is not channel:
        cached = _VOICED[key] = (channel, channel.in_voice(voice))
    return cached[1]


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
    voice = s.voice
    channels = []
    for channel_id, reason in rank_channels(s, cat):
        channel = cat.channels[channel_id]
        if channel_id == "crip" and etablissement is not None and etablissement.crip is not None:
            channel = etablissement.crip
        channel = _in_voice(channel, voice, cat)
        channels.append(ChannelAdvice(channel=channel, reason=reason, status=status_at(channel.hours, moment)))
    journey = cat.journey_for(profile, s.who)
    topics = _topics(s)
    urgent = danger_now(s)
    steps = _dedupe([*(cat.orientation.urgent_steps[voice] if urgent else []), *journey.now])
    return Orientation(
        profile=profile,
        voice=voice,
        urgent=urgent,
        self_harm=self_harm(s),
        channels=channels,
        topics=topics,
        reading=[cat.violences[t] for t in topics],
        journey=journey,
        next_steps=steps,
        school=etablissement,
        answers=clean,
    )
