"""Rows turned into flat string dicts for the browser: only what a page shows, never a secret."""

from parlonsen.catalog import HelpChannel
from parlonsen.models import Etablissement, Resource, SchoolContact
from parlonsen.orientation import SchoolAdult
from parlonsen.services.directory import RESOURCE_KINDS, ROLE_LABELS, TYPE_LABELS


def _phone_href(phone: str) -> str:
    return f"tel:{phone}" if phone else ""


def adult_view(adult: SchoolAdult | SchoolContact) -> dict[str, str]:
    role = ROLE_LABELS.get(adult.role, adult.role)
    return {
        "role": role,
        "name": adult.name,
        "where": adult.where,
        "when": adult.when,
        "how": adult.how,
        "phone": adult.phone,
        "phone_href": _phone_href(adult.phone),
        "email": adult.email,
        "email_href": f"mailto:{adult.email}" if adult.email else "",
    }


def contact_row(contact: SchoolContact) -> dict[str, str]:
    """An editable contact for the admin editor (ids and versions as strings)."""
    return {
        **adult_view(contact),
        "id": str(contact.id),
        "version": str(contact.version),
        "role_id": contact.role,
        "hidden": "1" if contact.hidden else "",
    }


def resource_view(resource: Resource) -> dict[str, str]:
    return {
        "kind": RESOURCE_KINDS.get(resource.kind, resource.kind),
        "name": resource.name,
        "description": resource.description,
        "address": resource.address,
        "hours": resource.hours,
        "phone": resource.phone,
        "phone_href": _phone_href(resource.phone),
        "email": resource.email,
        "email_href": f"mailto:{resource.email}" if resource.email else "",
        "url": resource.url,
        "to_complete": "1" if resource.to_complete else "",
    }


def crip_view(channel: HelpChannel) -> dict[str, str]:
    """The département's CRIP as the orientation shows it for a known school."""
    by_kind = {c.kind: c for c in channel.contacts}
    return {
        "name": channel.name,
        "short": channel.short,
        "note": channel.status_note,
        "hours": channel.hours.summary,
        "phone": by_kind["phone"].value if "phone" in by_kind else "",
        "phone_href": by_kind["phone"].href if "phone" in by_kind else "",
        "email_href": by_kind["email"].href if "email" in by_kind else "",
        "url": by_kind["web"].value if "web" in by_kind else "",
        "what_happens": channel.what_happens,
    }


def resource_row(resource: Resource) -> dict[str, str]:
    """An editable resource for the admin editor (ids and versions as strings)."""
    return {
        **resource_view(resource),
        "id": str(resource.id),
        "version": str(resource.version),
        "kind_id": resource.kind,
        "hidden": "1" if resource.hidden else "",
    }


def school_place(school: Etablissement, detail: str = "") -> str:
    """'Lycée · Arras', with an optional detail in brackets: 'Lycée · Arras (62000)'."""
    place = f"{TYPE_LABELS.get(school.type, school.type)} · {school.commune}"
    return f"{place} ({detail})" if detail else place
