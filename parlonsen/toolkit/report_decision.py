"""Information préoccupante or signalement: the decision helper.

Three questions (oui / non / je ne sais pas) lead, through rules written as data (first match wins,
the last rule matches everything), to one outcome: what to do now, who to inform, the legal basis in
plain words and what to tell the child. `decide()` is pure: the département's CRIP comes in as plain
data, fetched by the state.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from parlonsen.catalog import CONTENT_DIR, ContentError, NonEmpty, Source, Strict, _load_model, catalog
from parlonsen.toolkit.signals import Slug

REPORT_FILE = CONTENT_DIR / "outils" / "information_preoccupante.yaml"

QUESTION_IDS: tuple[str, ...] = ("danger", "crime", "famille")
ANSWERS: tuple[str, ...] = ("oui", "non", "nsp")
UNSURE = "nsp"
Answer = Literal["oui", "non", "nsp"]
QuestionId = Literal["danger", "crime", "famille"]
# Who an outcome can name. The head is informed in every case; the CRIP's details come from the database.
CONTACT_IDS: tuple[str, ...] = ("direction", "17", "112", "procureur", "crip", "119", "3018")
ContactId = Literal["direction", "17", "112", "procureur", "crip", "119", "3018"]
OutcomeKind = Literal["urgence", "signalement", "information_preoccupante", "conseil", "suivi"]
MAX_LINKS = 3  # ways to reach one contact shown on a card: phone, e-mail, web page


class Option(Strict):
    id: Answer
    label: NonEmpty


class DecisionQuestion(Strict):
    id: QuestionId
    text: NonEmpty
    hint: NonEmpty


class Condition(Strict):
    """Holds when every named question's answer is one of the listed ones; unnamed questions match anything."""

    danger: list[Answer] = []
    crime: list[Answer] = []
    famille: list[Answer] = []

    def holds(self, answers: Mapping[str, str]) -> bool:
        return all(not allowed or answers[q] in allowed for q, allowed in self._by_question().items())

    def _by_question(self) -> dict[str, list[str]]:
        return {"danger": list(self.danger), "crime": list(self.crime), "famille": list(self.famille)}

    def is_catch_all(self) -> bool:
        return not (self.danger or self.crime or self.famille)


class Rule(Strict):
    when: Condition
    outcome: Slug


class Extra(Strict):
    """An action (and contacts) added to whatever outcome applies, whenever `when` holds."""

    when: Condition
    action: NonEmpty
    contacts: list[ContactId] = []
    position: Literal["first", "last"] = "last"
    sources: list[Source] = Field(min_length=1)


class ContactRef(Strict):
    """Who to inform: a national channel of the catalog (`channel`), the CRIP, or a role named here."""

    name: str = ""
    detail: NonEmpty
    channel: str = ""
    sources: list[Source] = []


class OutcomeText(Strict):
    id: Slug
    kind: OutcomeKind
    title: NonEmpty
    summary: NonEmpty
    actions: list[NonEmpty] = Field(min_length=1)
    inform: list[ContactId] = Field(min_length=1)
    legal: list[NonEmpty] = Field(min_length=1)
    tell_child: list[NonEmpty] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _head_always_informed(self) -> OutcomeText:
        if "direction" not in self.inform:
            raise ValueError(f"outcome {self.id!r} must inform the head ('direction')")
        if "119" not in self.inform:
            raise ValueError(f"outcome {self.id!r} must offer the 119's advice")
        return self


class CripText(Strict):
    unknown: NonEmpty
    no_departement: NonEmpty


class ReportHelper(Strict):
    title: NonEmpty
    intro: NonEmpty
    options: list[Option] = Field(min_length=3, max_length=3)
    questions: list[DecisionQuestion] = Field(min_length=1)
    rules: list[Rule] = Field(min_length=1)
    extras: list[Extra] = []
    contacts: dict[ContactId, ContactRef]
    crip: CripText
    outcomes: list[OutcomeText] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> ReportHelper:
        if sorted(q.id for q in self.questions) != sorted(QUESTION_IDS):
            raise ValueError(f"'questions' must ask each of {list(QUESTION_IDS)} once")
        if sorted(o.id for o in self.options) != sorted(ANSWERS):
            raise ValueError(f"'options' must be exactly {list(ANSWERS)}")
        outcome_ids = [o.id for o in self.outcomes]
        if len(set(outcome_ids)) != len(outcome_ids):
            raise ValueError(f"duplicate outcome ids {outcome_ids}")
        for index, rule in enumerate(self.rules):
            if rule.outcome not in outcome_ids:
                raise ValueError(f"rule {index} names unknown outcome {rule.outcome!r}")
        if not self.rules[-1].when.is_catch_all():
            raise ValueError("the last rule must match every answer ('when: {}'), so every path ends somewhere")
        missing = [c for c in CONTACT_IDS if c not in self.contacts]
        if missing:
            raise ValueError(f"'contacts' misses {missing}")
        for contact_id, ref in self.contacts.items():
            if contact_id != "crip" and not ref.channel and not (ref.name and ref.sources):
                raise ValueError(f"contact {contact_id!r} needs a 'channel', or a 'name' and 'sources'")
        return self

    def outcome(self, outcome_id: str) -> OutcomeText:
        return next(o for o in self.outcomes if o.id == outcome_id)


@dataclass(frozen=True)
class Crip:
    """The département's CRIP as the database knows it. `known` is False when its contact is to complete."""

    departement_code: str
    departement_name: str
    name: str
    description: str = ""
    phone: str = ""
    email: str = ""
    url: str = ""
    known: bool = False


@dataclass(frozen=True)
class ContactLink:
    label: str
    href: str


@dataclass(frozen=True)
class ContactCard:
    id: str
    name: str
    detail: str
    links: tuple[ContactLink, ...]


@dataclass(frozen=True)
class Outcome:
    id: str
    kind: str
    title: str
    summary: str
    actions: tuple[str, ...]
    contacts: tuple[ContactCard, ...]
    legal: tuple[str, ...]
    tell_child: tuple[str, ...]
    sources: tuple[Source, ...]

    @property
    def contact_ids(self) -> list[str]:
        return [c.id for c in self.contacts]


def normalise_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """Every question answered: a missing answer counts as "je ne sais pas"; anything unknown raises ValueError."""
    unknown = [q for q in answers if q not in QUESTION_IDS]
    if unknown:
        raise ValueError(f"unknown questions {unknown}")
    bad = {q: a for q, a in answers.items() if a not in ANSWERS}
    if bad:
        raise ValueError(f"unknown answers {bad}")
    return {q: answers.get(q, UNSURE) for q in QUESTION_IDS}


def _crip_card(helper: ReportHelper, crip: Crip | None) -> ContactCard:
    ref = helper.contacts["crip"]
    if crip is None:
        return ContactCard("crip", "CRIP de votre département", f"{ref.detail} {helper.crip.no_departement}", ())
    if not crip.known:
        name = f"CRIP – {crip.departement_name} ({crip.departement_code})"
        call_119 = (ContactLink("Appeler le 119", "tel:119"),)
        return ContactCard("crip", name, f"{ref.detail} {helper.crip.unknown}", call_119)
    links = []
    phone = crip.phone.replace(" ", "")
    if re.fullmatch(r"\d{2,10}", phone):
        links.append(ContactLink(f"Appeler le {crip.phone}", f"tel:{phone}"))
    if "@" in crip.email:
        links.append(ContactLink("Écrire un e-mail", f"mailto:{crip.email}"))
    if crip.url.startswith("https://"):  # an admin typed it: never a javascript: or plain-http link
        links.append(ContactLink("Site du département", crip.url))
    return ContactCard("crip", crip.name, crip.description or ref.detail, tuple(links[:MAX_LINKS]))


def _contact_card(helper: ReportHelper, contact_id: str, crip: Crip | None) -> ContactCard:
    if contact_id == "crip":
        return _crip_card(helper, crip)
    ref = helper.contacts[contact_id]
    if ref.channel:
        channel = catalog().channels[ref.channel].in_voice("professionnel")  # a tool for professionals
        primary = channel.primary
        links = (ContactLink(str(primary.label), primary.href),) if primary else ()
        return ContactCard(contact_id, str(channel.name), ref.detail, links)
    return ContactCard(contact_id, ref.name, ref.detail, ())


def decide(answers: Mapping[str, str], crip: Crip | None = None, helper: ReportHelper | None = None) -> Outcome:
    """The outcome for these answers (missing ones count as "je ne sais pas"); the first matching rule wins."""
    helper = helper or report_helper()
    given = normalise_answers(answers)
    rule = next(r for r in helper.rules if r.when.holds(given))
    text = helper.outcome(rule.outcome)
    first = [e for e in helper.extras if e.position == "first" and e.when.holds(given)]
    last = [e for e in helper.extras if e.position == "last" and e.when.holds(given)]
    actions = [e.action for e in first] + list(text.actions) + [e.action for e in last]
    contact_ids = list(dict.fromkeys([c for e in first for c in e.contacts] + list(text.inform)))
    contact_ids += [c for e in last for c in e.contacts if c not in contact_ids]
    sources = list(text.sources) + [s for e in first + last for s in e.sources if s not in text.sources]
    return Outcome(
        id=text.id,
        kind=text.kind,
        title=text.title,
        summary=text.summary,
        actions=tuple(actions),
        contacts=tuple(_contact_card(helper, c, crip) for c in contact_ids),
        legal=tuple(text.legal),
        tell_child=tuple(text.tell_child),
        sources=tuple(dict.fromkeys(sources)),
    )


def _check_channels(helper: ReportHelper, path: Path) -> None:
    channels = catalog().channels
    for contact_id, ref in helper.contacts.items():
        if ref.channel and ref.channel not in channels:
            raise ContentError(
                f"{path}: field 'contacts.{contact_id}.channel' value {ref.channel!r}: no help channel has this id"
            )


def load_report(path: Path = REPORT_FILE) -> ReportHelper:
    helper = _load_model(ReportHelper, path)
    _check_channels(helper, path)
    return helper


@cache
def report_helper() -> ReportHelper:
    """The app's decision helper, loaded once per process."""
    return load_report()


def load_report_helper() -> None:
    """Load and validate this tool's content; raise ContentError naming file, field and value."""
    load_report()
