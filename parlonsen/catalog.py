"""The content catalog: loads `parlonsen/content/` into validated pydantic models.

A broken content file must stop the app at start with a message naming the file, the field and
the bad value, so a typo in a phone number never reaches a child.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

CONTENT_DIR = Path(__file__).parent / "content"

Profile = Literal["eleve", "parent", "professionnel"]
PROFILES: tuple[str, ...] = ("eleve", "parent", "professionnel")
# Who a text speaks to. A student writing about a friend is a witness: the same profile, another voice.
Voice = Literal["eleve", "temoin", "parent", "professionnel"]
VOICES: tuple[str, ...] = ("eleve", "temoin", "parent", "professionnel")
VOICES_OF_PROFILE: dict[str, tuple[str, ...]] = {
    "eleve": ("eleve", "temoin"),
    "parent": ("parent",),
    "professionnel": ("professionnel",),
}
# A worded text is one string for everyone, or one per voice; `adulte` speaks to parents and professionals
# alike ("vous"). A voice reads the first key of its chain that the text has.
WordKey = Literal["eleve", "temoin", "adulte", "parent", "professionnel"]
WORD_CHAIN: dict[str, tuple[str, ...]] = {
    "eleve": ("eleve",),
    "temoin": ("temoin", "eleve"),
    "parent": ("parent", "adulte"),
    "professionnel": ("professionnel", "adulte"),
}
Day = Literal["lun", "mar", "mer", "jeu", "ven", "sam", "dim"]
DAYS: tuple[str, ...] = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")
Place = Literal["ecole", "maison", "en_ligne"]
NonEmpty = Annotated[str, Field(min_length=1)]
Worded = NonEmpty | dict[WordKey, NonEmpty]
HHMM = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")]

CHANNEL_IDS: tuple[str, ...] = (
    "119", "3018", "3020", "17", "112", "114", "15", "3919", "fil-sante-jeunes",
    "116006", "3114", "pharos", "school-adults", "crip", "espace-mineurs",
)  # fmt: skip
VIOLENCE_IDS: tuple[str, ...] = (
    "harcelement", "cyberviolence", "physique", "psychologique", "sexuelle",
    "intrafamiliale", "negligence", "discrimination",
)  # fmt: skip


M = TypeVar("M", bound=BaseModel)


class ContentError(Exception):
    """A content file is missing or invalid; the message names file, field and value."""


def say(text: Worded | None, voice: str) -> str | None:
    """The text as `voice` reads it: the string itself, or the first key of the voice's chain; None if absent."""
    if text is None or isinstance(text, str):
        return text
    return next((text[key] for key in WORD_CHAIN[voice] if key in text), None)


def _check_worded(fields: dict[str, Worded | None], voices: list[str]) -> None:
    """Every worded field that is set speaks to every voice that will read it."""
    for name, text in fields.items():
        if text is None or text == "":
            continue
        missing = [v for v in voices if say(text, v) is None]
        if missing:
            raise ValueError(f"field {name!r} has no wording for {missing} (keys {list(text)})")


def voices_of(profiles: list[str] | tuple[str, ...]) -> list[str]:
    return [voice for profile in profiles for voice in VOICES_OF_PROFILE[profile]]


def voice_of(profile: str, who: str | None = None) -> str:
    """Whom the words address: a student asking for a friend reads the witness's wording."""
    return "temoin" if profile == "eleve" and who == "ami" else profile


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where a fact comes from, and when a person last checked it."""

    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    title: NonEmpty
    verified: date


class OpeningSlot(Strict):
    """Open on these days from `start` to `end` (Europe/Paris). `end` before `start` runs past midnight."""

    days: list[Day] = Field(min_length=1)
    start: HHMM
    end: HHMM

    @model_validator(mode="after")
    def _not_empty(self) -> OpeningSlot:
        if self.start == self.end:
            raise ValueError(f"start and end are both {self.start!r}: use 'always: true' for 24h/24")
        return self


class OpeningHours(Strict):
    always: bool = False
    slots: list[OpeningSlot] = []
    closed_on_public_holidays: bool = False
    unknown: bool = False
    summary: Worded

    @model_validator(mode="after")
    def _one_kind(self) -> OpeningHours:
        kinds = sum([self.always, bool(self.slots), self.unknown])
        if kinds != 1:
            raise ValueError("opening hours need exactly one of 'always: true', 'slots' or 'unknown: true'")
        return self


class Contact(Strict):
    """One way to reach a channel. `value` is a phone number, an SMS number, a URL or a page of this site.

    `hours`, when a contact keeps its own (the 119's chat is shorter than its phone line), is shown and
    checked for "open now" like a channel's.
    """

    kind: Literal["phone", "sms", "chat", "app", "form", "email", "web", "page", "in_person"]
    label: Worded
    value: str = ""
    note: Worded = ""
    hours: OpeningHours | None = None

    @model_validator(mode="after")
    def _value_matches_kind(self) -> Contact:
        if self.kind in ("phone", "sms") and not re.fullmatch(r"\d{2,10}", self.value.replace(" ", "")):
            raise ValueError(f"a {self.kind} contact needs digits in 'value', got {self.value!r}")
        if self.kind in ("chat", "app", "form", "web") and not self.value.startswith("https://"):
            raise ValueError(f"a {self.kind} contact needs an https:// URL in 'value', got {self.value!r}")
        if self.kind == "email" and "@" not in self.value:
            raise ValueError(f"an email contact needs an address in 'value', got {self.value!r}")
        if self.kind == "page" and not re.fullmatch(r"/[a-z0-9/-]*", self.value):
            raise ValueError(f"a page contact needs a path of this site in 'value', got {self.value!r}")
        return self

    @property
    def href(self) -> str:
        """The link a phone can follow: tel:, sms:, mailto: or the URL itself."""
        digits = self.value.replace(" ", "")
        return {"phone": f"tel:{digits}", "sms": f"sms:{digits}", "email": f"mailto:{self.value}"}.get(
            self.kind, self.value
        )


class HelpChannel(Strict):
    """A way to get help: a national line, an emergency number, or a local resource.

    Its texts are worded per voice where they differ (a student reads "tu", a parent "vous"): read a
    channel through `in_voice()`, which gives the same channel with plain strings.
    """

    id: NonEmpty
    name: Worded
    short: Worded
    status: Literal["active", "merged", "local"] = "active"
    status_note: Worded = ""
    emergency: bool = False
    contacts: list[Contact] = []
    hours: OpeningHours
    free: bool
    anonymous: bool
    confidential: bool
    audience: Worded
    profiles: list[Profile] = Field(min_length=1)
    what_happens: Worded
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _merged_says_why(self) -> HelpChannel:
        if self.status == "merged" and not self.status_note:
            raise ValueError("a merged channel needs a 'status_note' saying where it went")
        voices = voices_of(self.profiles)
        _check_worded(self._worded_fields(), voices)
        return self

    def _worded_fields(self) -> dict[str, Worded | None]:
        fields: dict[str, Worded | None] = {
            name: getattr(self, name) for name in ("name", "short", "status_note", "audience", "what_happens")
        }
        fields["hours.summary"] = self.hours.summary
        for index, contact in enumerate(self.contacts):
            fields[f"contacts.{index}.label"] = contact.label
            fields[f"contacts.{index}.note"] = contact.note
            if contact.hours is not None:
                fields[f"contacts.{index}.hours.summary"] = contact.hours.summary
        return fields

    def in_voice(self, voice: str) -> HelpChannel:
        """This channel as `voice` reads it: every worded field a plain string."""

        def hours(h: OpeningHours) -> OpeningHours:
            return h.model_copy(update={"summary": say(h.summary, voice) or ""})

        contacts = [
            c.model_copy(
                update={
                    "label": say(c.label, voice) or "",
                    "note": say(c.note, voice) or "",
                    "hours": hours(c.hours) if c.hours is not None else None,
                }
            )
            for c in self.contacts
        ]
        update = {name: say(getattr(self, name), voice) or "" for name in ("name", "short", "status_note")}
        update |= {name: say(getattr(self, name), voice) or "" for name in ("audience", "what_happens")}
        return self.model_copy(update={**update, "contacts": contacts, "hours": hours(self.hours)})

    def speaks_to(self, voice: str) -> bool:
        return voice in voices_of(self.profiles)

    @property
    def primary(self) -> Contact | None:
        return self.contacts[0] if self.contacts else None


class Example(Strict):
    place: Place
    items: list[NonEmpty] = Field(min_length=1)


class ViolenceForm(Strict):
    """One form of violence, explained for each profile."""

    id: NonEmpty
    title: NonEmpty
    summary: NonEmpty
    definition: NonEmpty
    examples: list[Example] = Field(min_length=1)
    signs: list[NonEmpty] = Field(min_length=1)
    what_to_do: dict[Profile, list[NonEmpty]]
    channels: list[NonEmpty] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)

    @field_validator("what_to_do")
    @classmethod
    def _every_profile(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        missing = [p for p in PROFILES if not value.get(p)]
        if missing:
            raise ValueError(f"'what_to_do' needs advice for every profile, missing {missing}")
        return value


class JourneyStep(Strict):
    title: NonEmpty
    body: NonEmpty


class Link(Strict):
    label: NonEmpty
    url: Annotated[str, Field(pattern=r"^https://\S+$")]
    kind: Literal["aide", "formation", "information"]
    description: NonEmpty
    source: Source


class Journey(Strict):
    """A path through the content for one profile (and, for students, victim or witness)."""

    id: NonEmpty
    profile: Profile
    title: NonEmpty
    intro: NonEmpty
    steps: list[JourneyStep] = Field(min_length=1)
    now: list[NonEmpty] = Field(min_length=1)
    pistes_action: list[NonEmpty] = Field(min_length=1)
    channels: list[NonEmpty] = Field(min_length=1)
    links: list[Link] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)


class Option(Strict):
    id: NonEmpty
    label: dict[WordKey, NonEmpty]


class Question(Strict):
    """One screen of the questionnaire. `text`, `hint` and option labels are worded per voice.

    A witness (`temoin`) reads the student's wording unless the question has its own: after "Pour un·e
    ami·e", the questions speak about the other person.
    """

    id: NonEmpty
    multiple: bool = False
    profiles: list[Profile] = Field(min_length=1)
    text: dict[WordKey, NonEmpty]
    hint: dict[WordKey, NonEmpty] = {}
    options: list[Option] = Field(min_length=2)
    end_if: list[NonEmpty] = []

    @model_validator(mode="after")
    def _worded_for_its_profiles(self) -> Question:
        voices = voices_of(self.profiles)
        for voice in voices:
            if say(self.text, voice) is None:
                raise ValueError(f"question {self.id!r} has no text for voice {voice!r}")
            for option in self.options:
                if say(option.label, voice) is None:
                    raise ValueError(f"option {option.id!r} has no label for voice {voice!r}")
        ids = [o.id for o in self.options]
        if "ne_sais_pas" not in ids:
            raise ValueError(f"question {self.id!r} needs a 'ne_sais_pas' option")
        if len(set(ids)) != len(ids):
            raise ValueError(f"question {self.id!r} has duplicate option ids {ids}")
        for option_id in self.end_if:
            if option_id not in ids:
                raise ValueError(f"'end_if' names unknown option {option_id!r}")
        return self

    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    def text_for(self, voice: str) -> str:
        return say(self.text, voice) or ""

    def hint_for(self, voice: str) -> str:
        return (say(self.hint, voice) or "") if self.hint else ""

    def label_for(self, option: Option, voice: str) -> str:
        return say(option.label, voice) or ""


class Questionnaire(Strict):
    questions: list[Question] = Field(min_length=1)

    def for_profile(self, profile: str) -> list[Question]:
        return [q for q in self.questions if profile in q.profiles]

    def get(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


class OrientationRule(Strict):
    """When predicate `when` holds, recommend `channel` with `weight` (higher ranks first), for `reason`.

    The reason is this channel's own, in the words of each voice it applies to: a voice with no reason is
    not concerned by the rule. A rule that speaks to a student speaks to a witness too, in other words.
    """

    channel: NonEmpty
    when: NonEmpty
    weight: int = Field(ge=0)
    reason: dict[Voice, NonEmpty] = Field(min_length=1)

    @model_validator(mode="after")
    def _student_and_witness_together(self) -> OrientationRule:
        if ("eleve" in self.reason) != ("temoin" in self.reason):
            raise ValueError("a reason for 'eleve' needs one for 'temoin' too (and the other way round)")
        return self


class Message(Strict):
    title: NonEmpty
    body: NonEmpty


class OrientationRules(Strict):
    rules: list[OrientationRule] = Field(min_length=1)
    urgent_steps: dict[Voice, list[NonEmpty]]
    self_harm: dict[Voice, Message]  # said first, warmly, when thoughts of self-harm are signalled

    @model_validator(mode="after")
    def _every_voice(self) -> OrientationRules:
        for name in ("urgent_steps", "self_harm"):
            missing = [v for v in VOICES if v not in getattr(self, name)]
            if missing:
                raise ValueError(f"'{name}' needs a text for every voice, missing {missing}")
        return self


class Catalog(Strict):
    """Everything the public side shows, validated and cross-checked."""

    channels: dict[str, HelpChannel]
    violences: dict[str, ViolenceForm]
    journeys: dict[str, Journey]
    questionnaire: Questionnaire
    orientation: OrientationRules

    def journey_for(self, profile: str, who: str = "moi") -> Journey:
        """The journey that fits a profile; students who write about a friend get the witness one."""
        if profile == "eleve":
            return self.journeys["eleve-temoin" if who == "ami" else "eleve-victime"]
        return self.journeys[profile]


def _field_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(file)"


def _describe(path: Path, error: ValidationError) -> str:
    lines = []
    for problem in error.errors():
        value = problem.get("input")
        shown = repr(value) if not isinstance(value, dict) else "{…}"
        lines.append(f"{path}: field '{_field_path(problem['loc'])}' value {shown}: {problem['msg']}")
    return "\n".join(lines)


def _read_yaml(path: Path) -> object:
    if not path.exists():
        raise ContentError(f"{path}: file is missing")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML: {exc}") from exc


def _load_model(model: type[M], path: Path) -> M:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path}: expected a mapping of fields, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(_describe(path, exc)) from None


def _load_dir(model: type[M], folder: Path) -> dict[str, M]:
    items: dict[str, M] = {}
    for path in sorted(folder.glob("*.yaml")):
        item = _load_model(model, path)
        if item.id != path.stem:
            raise ContentError(f"{path}: field 'id' value {item.id!r}: must match the file name {path.stem!r}")
        items[item.id] = item
    return items


def _check_references(catalog: Catalog, root: Path) -> None:
    """Every id named somewhere exists, and every required id is present."""
    missing = [c for c in CHANNEL_IDS if c not in catalog.channels]
    if missing:
        raise ContentError(f"{root / 'channels'}: missing help channel files for ids {missing}")
    missing = [v for v in VIOLENCE_IDS if v not in catalog.violences]
    if missing:
        raise ContentError(f"{root / 'violences'}: missing violence form files for ids {missing}")
    for journey_id in ("eleve-victime", "eleve-temoin", "parent", "professionnel"):
        if journey_id not in catalog.journeys:
            raise ContentError(f"{root / 'parcours'}: missing journey file {journey_id}.yaml")
    for journey in catalog.journeys.values():
        voice = "temoin" if journey.id == "eleve-temoin" else journey.profile
        for index, channel_id in enumerate(journey.channels):
            channel = catalog.channels.get(channel_id)
            if channel is not None and not channel.speaks_to(voice):
                raise ContentError(
                    f"{root / 'parcours' / (journey.id + '.yaml')}: field 'channels.{index}' value {channel_id!r}: "
                    f"this help has no wording for the journey's readers ({voice!r}; its profiles: {channel.profiles})"
                )
    for kind, items in (("violences", catalog.violences), ("parcours", catalog.journeys)):
        for item in items.values():
            for index, channel_id in enumerate(item.channels):
                if channel_id not in catalog.channels:
                    raise ContentError(
                        f"{root / kind / (item.id + '.yaml')}: field 'channels.{index}' value {channel_id!r}: "
                        "no help channel has this id"
                    )
    for index, rule in enumerate(catalog.orientation.rules):
        if rule.channel not in catalog.channels:
            raise ContentError(
                f"{root / 'orientation.yaml'}: field 'rules.{index}.channel' value {rule.channel!r}: "
                "no help channel has this id"
            )
        channel = catalog.channels[rule.channel]
        for voice in rule.reason:
            if not channel.speaks_to(voice):
                raise ContentError(
                    f"{root / 'orientation.yaml'}: field 'rules.{index}.reason' value {voice!r}: "
                    f"channel {rule.channel!r} has no wording for this voice (its profiles: {channel.profiles})"
                )
    concern = catalog.questionnaire.get("concern")
    if concern is not None:
        for option in concern.option_ids():
            if option != "ne_sais_pas" and option not in catalog.violences:
                raise ContentError(
                    f"{root / 'questionnaire.yaml'}: question 'concern' option {option!r}: no violence form has this id"
                )


def load_catalog(root: Path = CONTENT_DIR) -> Catalog:
    """Load and cross-check every content file under `root`; raise ContentError on the first problem."""
    questionnaire_path = root / "questionnaire.yaml"
    catalog = Catalog(
        channels=_load_dir(HelpChannel, root / "channels"),
        violences=_load_dir(ViolenceForm, root / "violences"),
        journeys=_load_dir(Journey, root / "parcours"),
        questionnaire=_load_model(Questionnaire, questionnaire_path),
        orientation=_load_model(OrientationRules, root / "orientation.yaml"),
    )
    _check_references(catalog, root)
    return catalog


@cache
def catalog() -> Catalog:
    """The app's catalog, loaded once per process."""
    return load_catalog()
