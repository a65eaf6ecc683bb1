"""What a page shows of a row, as small typed views: only what is shown, never a secret.

States hold these (not database rows, not loose dicts); pages read their fields by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from parlonsen.catalog import HelpChannel, Source
from parlonsen.display import french_date
from parlonsen.models import Etablissement, Resource, SchoolContact
from parlonsen.orientation import SchoolAdult
from parlonsen.services.directory import CONTACT_ROLE_LABELS, RESOURCE_KINDS, TYPE_LABELS
from parlonsen.toolkit.report_decision import MAX_LINKS, ContactCard


def _phone_href(phone: str) -> str:
    return f"tel:{phone}" if phone else ""


def _email_href(email: str) -> str:
    return f"mailto:{email}" if email else ""


@dataclass(frozen=True)
class AdultView:
    """A trusted adult of a school, as students see them."""

    role: str
    name: str = ""
    where: str = ""
    when: str = ""
    how: str = ""
    phone: str = ""
    phone_href: str = ""
    email: str = ""
    email_href: str = ""


@dataclass(frozen=True)
class ContactRow(AdultView):
    """A trusted adult in the admin editor: what is shown, and what a save needs."""

    id: int = 0
    version: int = 0
    role_id: str = ""
    hidden: bool = False


@dataclass(frozen=True)
class ResourceView:
    """A departmental resource (CRIP, Maison des adolescents…) as the public sees it."""

    kind: str
    name: str
    description: str = ""
    address: str = ""
    hours: str = ""
    phone: str = ""
    phone_href: str = ""
    email: str = ""
    email_href: str = ""
    url: str = ""
    no_contact_yet: bool = False  # the site has no way to reach it yet: the page says what to do instead


@dataclass(frozen=True)
class ResourceRow(ResourceView):
    """A departmental resource in the admin editor."""

    id: int = 0
    version: int = 0
    kind_id: str = ""
    hidden: bool = False


@dataclass(frozen=True)
class CripView:
    """The département's CRIP, as the orientation shows it once the school is known."""

    name: str
    short: str = ""
    note: str = ""
    hours: str = ""
    phone: str = ""
    phone_href: str = ""
    email_href: str = ""
    url: str = ""
    what_happens: str = ""


NO_CRIP = CripView(name="")  # no school chosen yet: the result shows the national CRIP card


@dataclass(frozen=True)
class SchoolRow:
    """A school in a list: found by a search, or one an admin manages."""

    uai: str
    name: str
    place: str
    href: str = ""
    edit_href: str = ""


@dataclass(frozen=True)
class SourceView:
    """A source behind a fact, with the day a person checked it."""

    title: str
    url: str
    verified: str  # dd/mm/yyyy


@dataclass(frozen=True)
class ContactCardView:
    """Someone to inform, in the professionals' decision helper: up to three ways to reach them."""

    id: str
    name: str
    detail: str
    link0_label: str = ""
    link0_href: str = ""
    link1_label: str = ""
    link1_href: str = ""
    link2_label: str = ""
    link2_href: str = ""


@dataclass(frozen=True)
class DepartementOption:
    code: str
    label: str  # « Nord (59) »


@dataclass(frozen=True)
class ThreadLine:
    """One message of a conversation, as the student or the trusted adult reads it."""

    who: str
    author: str  # "eleve" or "adulte": which side of the thread
    body: str
    at: str


@dataclass(frozen=True)
class ConversationRow:
    """A conversation in a trusted adult's list: never its text."""

    id: int
    urgent: bool
    status: str
    waiting: bool
    taken_by: str
    last: str
    count: int
    burst: int  # begun with others in a short time (a class, or a flood): 0 when alone


def source_view(source: Source) -> SourceView:
    return SourceView(source.title, source.url, french_date(source.verified))


def contact_card_view(card: ContactCard) -> ContactCardView:
    links = {}
    for index, link in enumerate(card.links[:MAX_LINKS]):
        links[f"link{index}_label"], links[f"link{index}_href"] = link.label, link.href
    return ContactCardView(id=card.id, name=card.name, detail=card.detail, **links)


def adult_view(adult: SchoolAdult | SchoolContact) -> AdultView:
    return AdultView(
        role=CONTACT_ROLE_LABELS.get(adult.role, adult.role),
        name=adult.name,
        where=adult.where,
        when=adult.when,
        how=adult.how,
        phone=adult.phone,
        phone_href=_phone_href(adult.phone),
        email=adult.email,
        email_href=_email_href(adult.email),
    )


def contact_row(contact: SchoolContact) -> ContactRow:
    shown = adult_view(contact)
    return ContactRow(
        **shown.__dict__, id=contact.id or 0, version=contact.version, role_id=contact.role, hidden=contact.hidden
    )


def resource_view(resource: Resource) -> ResourceView:
    return ResourceView(
        kind=RESOURCE_KINDS.get(resource.kind, resource.kind),
        name=resource.name,
        description=resource.description,
        address=resource.address,
        hours=resource.hours,
        phone=resource.phone,
        phone_href=_phone_href(resource.phone),
        email=resource.email,
        email_href=_email_href(resource.email),
        url=resource.url,
        no_contact_yet=resource.to_complete,
    )


def resource_row(resource: Resource) -> ResourceRow:
    shown = resource_view(resource)
    return ResourceRow(
        **shown.__dict__, id=resource.id or 0, version=resource.version, kind_id=resource.kind, hidden=resource.hidden
    )


def crip_view(channel: HelpChannel) -> CripView:
    """The département's CRIP (a channel already read in the result's voice)."""
    by_kind = {c.kind: c for c in channel.contacts}
    return CripView(
        name=str(channel.name),
        short=str(channel.short),
        note=str(channel.status_note),
        hours=str(channel.hours.summary),
        phone=by_kind["phone"].value if "phone" in by_kind else "",
        phone_href=by_kind["phone"].href if "phone" in by_kind else "",
        email_href=by_kind["email"].href if "email" in by_kind else "",
        url=by_kind["web"].value if "web" in by_kind else "",
        what_happens=str(channel.what_happens),
    )


def school_place(school: Etablissement, detail: str = "") -> str:
    """'Lycée · Arras', with an optional detail in brackets: 'Lycée · Arras (62000)'."""
    place = f"{TYPE_LABELS.get(school.type, school.type)} · {school.commune}"
    return f"{place} ({detail})" if detail else place


def school_row(school: Etablissement, detail: str = "", href: str = "", edit_href: str = "") -> SchoolRow:
    return SchoolRow(school.uai, school.name, school_place(school, detail), href, edit_href)
