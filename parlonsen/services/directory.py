"""The directory: find a school, and read what its page and its orientation show.

Three levels merge here, top-down: national channels (content files), the département's resources
(CRIP, Maisons des adolescents…) and the school's own trusted adults. Admins edit the last two
through `services.admin`; everything public reads them through this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from parlonsen.catalog import Contact, HelpChannel, OpeningHours, Source, catalog
from parlonsen.models import Departement, Etablissement, Resource, SchoolContact
from parlonsen.orientation import SchoolAdult, SchoolContext
from parlonsen.text import fold
from parlonsen.toolkit.report_decision import Crip

UAI_PATTERN = re.compile(r"^\d{7}[A-Z]$")
SEARCH_LIMIT = 20

CONTACT_ROLE_LABELS: dict[str, str] = {
    "cpe": "CPE (conseiller·ère principal·e d'éducation)",
    "infirmier": "Infirmier·ère scolaire",
    "assistant_social": "Assistant·e social·e",
    "psychologue": "Psychologue de l'Éducation nationale",
    "referent_harcelement": "Référent·e harcèlement (équipe pHARe)",
    "chef_etablissement": "Chef·fe d'établissement",
    "professeur_principal": "Professeur·e principal·e",
    "autre": "Autre adulte de confiance",
}
RESOURCE_KINDS: dict[str, str] = {
    "crip": "Cellule de recueil des informations préoccupantes (CRIP)",
    "mda": "Maison des adolescents",
    "autre": "Autre ressource locale",
}
TYPE_LABELS = {"college": "Collège", "lycee": "Lycée", "lp": "Lycée professionnel", "erea": "EREA"}
# What to do when a département's CRIP has no contact on the site yet: never a placeholder, a way through.
CRIP_UNKNOWN = {
    "eleve": "Ses coordonnées ne sont pas sur ce site. Demande à un adulte de ton établissement de la prévenir, "
    "ou appelle le 119 : il transmet à la CRIP, jour et nuit.",
    "adulte": "Demandez les coordonnées de la CRIP à la direction de l'établissement. À toute heure, le 119 "
    "transmet aussi l'information à la CRIP du département.",
}


@dataclass(frozen=True)
class SchoolPage:
    """Everything the public page of a school shows."""

    etablissement: Etablissement
    departement: Departement
    contacts: list[SchoolContact]
    resources: list[Resource]


def normalise_uai(uai: str) -> str | None:
    """A valid UAI in canonical form, or None: the URL may carry anything."""
    candidate = (uai or "").strip().upper()
    return candidate if UAI_PATTERN.match(candidate) else None


def search_etablissements(session: Session, query: str, limit: int = SEARCH_LIMIT) -> list[Etablissement]:
    """Schools whose name, commune or postcode contain every word of the query (accents and case ignored)."""
    uai = normalise_uai(query)
    if uai:
        found = session.get(Etablissement, uai)
        return [found] if found else []
    words = fold(query).split()
    if not words or sum(len(w) for w in words) < 2:
        return []
    statement = select(Etablissement)
    for word in words[:6]:
        statement = statement.where(col(Etablissement.search_key).contains(word))
    return list(session.exec(statement.order_by(Etablissement.name).limit(limit)))


def school_contacts(session: Session, uai: str, include_hidden: bool = False) -> list[SchoolContact]:
    statement = select(SchoolContact).where(SchoolContact.uai == uai)
    if not include_hidden:
        statement = statement.where(col(SchoolContact.hidden).is_(False))
    return list(session.exec(statement.order_by(SchoolContact.position, SchoolContact.id)))


def departement_resources(session: Session, code: str, include_hidden: bool = False) -> list[Resource]:
    statement = select(Resource).where(Resource.departement_code == code)
    if not include_hidden:
        statement = statement.where(col(Resource.hidden).is_(False))
    kind_order = {"crip": 0, "mda": 1}
    rows = session.exec(statement.order_by(Resource.position, Resource.id))
    return sorted(rows, key=lambda r: kind_order.get(r.kind, 2))


def school_page(session: Session, uai: str) -> SchoolPage | None:
    canonical = normalise_uai(uai)
    etablissement = session.get(Etablissement, canonical) if canonical else None
    if etablissement is None:
        return None
    departement = session.get(Departement, etablissement.departement_code)
    if departement is None:
        return None
    return SchoolPage(
        etablissement=etablissement,
        departement=departement,
        contacts=school_contacts(session, etablissement.uai),
        resources=departement_resources(session, departement.code),
    )


def resource_contacts(resource: Resource) -> list[Contact]:
    """A resource's phone, e-mail and web page as channel contacts (links a phone can follow)."""
    contacts = []
    if resource.phone:
        contacts.append(Contact(kind="phone", label=f"Appeler le {resource.phone}", value=resource.phone))
    if resource.email:
        contacts.append(Contact(kind="email", label="Écrire un e-mail", value=resource.email))
    if resource.url:
        contacts.append(Contact(kind="web", label="Site du département", value=resource.url))
    return contacts


def crip_reachable(resource: Resource | None) -> bool:
    """The one rule for "this département's CRIP can be shown": an admin filled in a way to reach it.

    The orientation result and the professionals' decision helper both ask this; otherwise they say how to
    reach the CRIP anyway (the school's head, the 119), never a placeholder.
    """
    if resource is None or resource.to_complete:
        return False
    return bool(resource.phone or resource.email or resource.url.startswith("https://"))


def departement_crip(session: Session, code: str) -> Crip | None:
    """The département's CRIP for the decision helper; None for a département the site does not know."""
    departement = session.get(Departement, code) if isinstance(code, str) else None
    if departement is None:
        return None
    resource = next((r for r in departement_resources(session, code) if r.kind == "crip"), None)
    if resource is None:
        return Crip(code, departement.name, f"CRIP – {departement.name}")
    return Crip(
        departement_code=code,
        departement_name=departement.name,
        name=resource.name,
        description=resource.description,
        phone=resource.phone,
        email=resource.email,
        url=resource.url,
        known=crip_reachable(resource),
    )


def crip_channel(resource: Resource | None, departement: Departement) -> HelpChannel:
    """The national `crip` channel, made local with the département's own CRIP resource."""
    national = catalog().channels["crip"]
    if resource is None or not crip_reachable(resource):
        return national.model_copy(
            update={
                "name": f"CRIP – {departement.name} ({departement.code})",
                "status_note": CRIP_UNKNOWN,
                "contacts": [],  # the Nord's pages are not this département's
            }
        )
    source = (
        [Source(url=resource.source_url, title=f"CRIP – {departement.name}", verified=national.sources[0].verified)]
        if resource.source_url.startswith("http")
        else national.sources
    )
    return national.model_copy(
        update={
            "name": resource.name,
            "short": resource.description or national.short,
            "contacts": resource_contacts(resource),
            "hours": OpeningHours(unknown=True, summary=resource.hours or national.hours.summary),
            "status_note": "",
            "sources": source,
        }
    )


def school_context(session: Session, uai: str) -> SchoolContext | None:
    """What the orientation engine needs for a school: its adults and its département's CRIP."""
    page = school_page(session, uai)
    if page is None:
        return None
    crip = next((r for r in page.resources if r.kind == "crip"), None)
    return SchoolContext(
        uai=page.etablissement.uai,
        name=page.etablissement.name,
        adults=tuple(
            SchoolAdult(
                role=CONTACT_ROLE_LABELS.get(c.role, c.role),
                name=c.name,
                where=c.where,
                when=c.when,
                how=c.how,
                phone=c.phone,
                email=c.email,
            )
            for c in page.contacts
        ),
        crip=crip_channel(crip, page.departement),
    )
