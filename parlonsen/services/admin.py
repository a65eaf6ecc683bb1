"""Local administration: who may change what, validated input, no lost edits, an audit trail.

Every function takes the acting admin (`Actor`), checks authorisation itself, validates with
pydantic, writes in one transaction with an audit entry, and refuses a save made from an older
version of the row. National channels are content files: nothing here can change them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field
from sqlalchemy import func, update
from sqlmodel import Session, SQLModel, col, select

from parlonsen import audit
from parlonsen.kernel import (
    Actor,
    Conflict,
    Email,
    Forbidden,
    Form,
    Https,
    InvalidInput,
    Page,
    Phone,
    Text,
    page_window,
    validated,
)
from parlonsen.models import Departement, Etablissement, Resource, SchoolContact, utcnow
from parlonsen.roles import may_manage_departement, may_manage_etablissement, scope_etablissements
from parlonsen.services.directory import CONTACT_ROLE_LABELS, RESOURCE_KINDS, departement_resources, school_contacts
from parlonsen.services.transaction import transaction
from parlonsen.text import fold


def _school(session: Session, actor: Actor, uai: str) -> Etablissement:
    etablissement = session.get(Etablissement, uai) if isinstance(uai, str) else None
    if etablissement is None or not may_manage_etablissement(actor, etablissement):
        raise Forbidden()
    return etablissement


ContactRole = Literal[tuple(CONTACT_ROLE_LABELS)]
ResourceKind = Literal[tuple(RESOURCE_KINDS)]


class ContactInput(Form):
    role: ContactRole
    name: Text = Field(default="", max_length=120)
    where: Text = Field(default="", max_length=300)
    when: Text = Field(default="", max_length=300)
    how: Text = Field(default="", max_length=300)
    phone: Phone = Field(default="", max_length=20)
    email: Email = Field(default="", max_length=200)


class ResourceInput(Form):
    kind: ResourceKind
    name: Text = Field(min_length=1, max_length=200)
    description: Text = Field(default="", max_length=1000)
    phone: Phone = Field(default="", max_length=20)
    email: Email = Field(default="", max_length=200)
    url: Https = Field(default="", max_length=300)
    address: Text = Field(default="", max_length=300)
    hours: Text = Field(default="", max_length=300)


class EntGroupInput(Form):
    ent_group_id: str = Field(default="", max_length=100, pattern=r"^([A-Za-z0-9][A-Za-z0-9._:-]*)?$")


class WelcomeInput(Form):
    welcome: Text = Field(default="", max_length=500)


def _save_versioned(session: Session, row: SQLModel, expected_version: object, values: dict[str, Any]) -> None:
    """UPDATE … WHERE version = expected: the check and the write are one statement, so two saves can't both win."""
    model = type(row)
    if not isinstance(expected_version, int) or isinstance(expected_version, bool):
        raise InvalidInput("Version du formulaire manquante : rechargez la page.")
    key = "uai" if model is Etablissement else "id"
    statement = (
        update(model)
        .where(getattr(model, key) == getattr(row, key), model.version == expected_version)
        .values(**values, version=expected_version + 1)
    )
    if session.execute(statement).rowcount != 1:
        editor = audit.last_editor(session, model.__name__, getattr(row, key))
        raise Conflict(
            f"Impossible d'enregistrer : modifié entre-temps par {editor}. "
            "Rechargez la page pour voir sa version, puis refaites votre modification."
        )
    session.refresh(row)


# The fields the journal compares, before and after an edit.
CONTACT_AUDITED = ("role", "name", "where", "when", "how", "phone", "email", "position", "hidden")
RESOURCE_AUDITED = ("kind", "name", "description", "phone", "email", "url", "address", "hours", "hidden", "position")


# --- School contacts ------------------------------------------------------------------------------
def _contact(session: Session, actor: Actor, contact_id: object) -> tuple[SchoolContact, Etablissement]:
    contact = session.get(SchoolContact, contact_id) if isinstance(contact_id, int) else None
    if contact is None:
        raise Forbidden()
    return contact, _school(session, actor, contact.uai)


def add_contact(session: Session, actor: Actor, uai: str, data: object) -> SchoolContact:
    with transaction(session):
        school = _school(session, actor, uai)
        values = validated(ContactInput, data).model_dump()
        last = session.exec(select(func.max(SchoolContact.position)).where(SchoolContact.uai == school.uai)).one()
        contact = SchoolContact(uai=school.uai, position=(last or 0) + 1, **values)
        session.add(contact)
        session.flush()
        audit.record(
            session,
            actor,
            "contact.add",
            type(contact).__name__,
            contact.id,
            {},
            audit.snapshot(contact, CONTACT_AUDITED),
            departement_code=school.departement_code,
            uai=school.uai,
        )
    session.refresh(contact)
    return contact


def update_contact(session: Session, actor: Actor, contact_id: object, data: object, expected_version: object) -> None:
    with transaction(session):
        contact, school = _contact(session, actor, contact_id)
        values = validated(ContactInput, data).model_dump()
        before = audit.snapshot(contact, CONTACT_AUDITED)
        _save_versioned(session, contact, expected_version, values)
        audit.record(
            session,
            actor,
            "contact.edit",
            type(contact).__name__,
            contact.id,
            before,
            audit.snapshot(contact, CONTACT_AUDITED),
            departement_code=school.departement_code,
            uai=school.uai,
        )


def _set_hidden(
    session: Session, actor: Actor, row: SQLModel, fields: tuple[str, ...], hidden: bool, kind: str, scope: dict
) -> None:
    """Hide or show a contact or a resource: versioned like any edit, audited as `<kind>.hide` / `<kind>.show`."""
    before = audit.snapshot(row, fields)
    _save_versioned(session, row, row.version, {"hidden": hidden})
    action = f"{kind}.hide" if hidden else f"{kind}.show"
    audit.record(session, actor, action, type(row).__name__, row.id, before, audit.snapshot(row, fields), **scope)


def set_contact_hidden(session: Session, actor: Actor, contact_id: object, hidden: object) -> None:
    if not isinstance(hidden, bool):
        raise InvalidInput("Valeur invalide.")
    with transaction(session):
        contact, school = _contact(session, actor, contact_id)
        scope = {"departement_code": school.departement_code, "uai": school.uai}
        _set_hidden(session, actor, contact, CONTACT_AUDITED, hidden, "contact", scope)


def move_contact(session: Session, actor: Actor, contact_id: object, direction: object) -> None:
    """Swap a contact with its neighbour above (-1) or below (+1)."""
    if direction not in (-1, 1) or isinstance(direction, bool):
        raise InvalidInput("Sens de déplacement invalide.")
    with transaction(session):
        contact, school = _contact(session, actor, contact_id)
        siblings = list(
            session.exec(
                select(SchoolContact)
                .where(SchoolContact.uai == school.uai)
                .order_by(SchoolContact.position, SchoolContact.id)
            )
        )
        index = siblings.index(contact)
        other_index = index + int(direction)
        if not 0 <= other_index < len(siblings):
            return
        order = [c.id for c in siblings]
        order[index], order[other_index] = order[other_index], order[index]
        for position, cid in enumerate(order):
            row = siblings[[c.id for c in siblings].index(cid)]
            if row.position != position:
                _save_versioned(session, row, row.version, {"position": position})
        audit.record(
            session,
            actor,
            "contact.move",
            type(contact).__name__,
            contact.id,
            {"position": index},
            {"position": other_index},
            departement_code=school.departement_code,
            uai=school.uai,
        )


def _set_school_field(
    session: Session, actor: Actor, uai: str, form: type[Form], data: object, expected_version: object, action: str
) -> None:
    """Save one validated field of a school (its form has exactly one), versioned and audited."""
    with transaction(session):
        school = _school(session, actor, uai)
        values = validated(form, data).model_dump()
        before = {field: getattr(school, field) for field in values}
        _save_versioned(session, school, expected_version, {**values, "updated_at": utcnow()})
        audit.record(
            session,
            actor,
            action,
            type(school).__name__, school.uai, before, values,
            departement_code=school.departement_code, uai=school.uai,
        )  # fmt: skip


def set_welcome(session: Session, actor: Actor, uai: str, data: object, expected_version: object) -> None:
    _set_school_field(session, actor, uai, WelcomeInput, data, expected_version, "welcome.edit")


def set_ent_group(session: Session, actor: Actor, uai: str, data: object, expected_version: object) -> None:
    """The ENT manual group of the school's trusted adults, where ENT-signed students' messages go."""
    _set_school_field(session, actor, uai, EntGroupInput, data, expected_version, "ent_group.edit")


# --- Departmental resources ---------------------------------------------------------------------------
def _resource(session: Session, actor: Actor, resource_id: object) -> Resource:
    resource = session.get(Resource, resource_id) if isinstance(resource_id, int) else None
    if resource is None or not may_manage_departement(actor, resource.departement_code):
        raise Forbidden()
    return resource


def add_resource(session: Session, actor: Actor, departement_code: str, data: object) -> Resource:
    with transaction(session):
        if not isinstance(departement_code, str) or not may_manage_departement(actor, departement_code):
            raise Forbidden()
        values = validated(ResourceInput, data).model_dump()
        resource = Resource(departement_code=departement_code, position=100, **values)
        session.add(resource)
        session.flush()
        audit.record(
            session,
            actor,
            "resource.add",
            type(resource).__name__,
            resource.id,
            {},
            audit.snapshot(resource, RESOURCE_AUDITED),
            departement_code=departement_code,
        )
    session.refresh(resource)
    return resource


def update_resource(
    session: Session, actor: Actor, resource_id: object, data: object, expected_version: object
) -> None:
    with transaction(session):
        resource = _resource(session, actor, resource_id)
        values = validated(ResourceInput, data).model_dump()
        before = audit.snapshot(resource, RESOURCE_AUDITED)
        complete = resource.to_complete and bool(values["phone"] or values["email"] or values["url"])
        _save_versioned(
            session, resource, expected_version, {**values, "to_complete": resource.to_complete and not complete}
        )
        audit.record(
            session,
            actor,
            "resource.edit",
            type(resource).__name__,
            resource.id,
            before,
            audit.snapshot(resource, RESOURCE_AUDITED),
            departement_code=resource.departement_code,
        )


def set_resource_hidden(session: Session, actor: Actor, resource_id: object, hidden: object) -> None:
    if not isinstance(hidden, bool):
        raise InvalidInput("Valeur invalide.")
    with transaction(session):
        resource = _resource(session, actor, resource_id)
        scope = {"departement_code": resource.departement_code}
        _set_hidden(session, actor, resource, RESOURCE_AUDITED, hidden, "resource", scope)


# --- Lists and editors --------------------------------------------------------------------------------
def manageable_etablissements(session: Session, actor: Actor, query: str = "", page: object = 1) -> Page[Etablissement]:
    """The schools this admin may manage, filtered by name/commune/UAI, 20 a page."""
    statement = scope_etablissements(actor, select(Etablissement))
    for word in fold(query if isinstance(query, str) else "").split()[:6]:
        statement = statement.where(col(Etablissement.search_key).contains(word) | (Etablissement.uai == word.upper()))
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    number, pages, offset = page_window(total, page)
    rows = session.exec(statement.order_by(Etablissement.name).offset(offset).limit(20))
    return Page(list(rows), total, number, pages)


def school_editor(session: Session, actor: Actor, uai: object) -> tuple[Etablissement, list[SchoolContact]]:
    """A school and all its trusted adults (hidden ones too), for an admin who may manage it."""
    school = _school(session, actor, uai)
    return school, school_contacts(session, school.uai, include_hidden=True)


def departement_editor(session: Session, actor: Actor, code: object) -> tuple[Departement, list[Resource]]:
    """A département and all its resources (hidden ones too), for an admin who may manage it."""
    if not isinstance(code, str) or not may_manage_departement(actor, code):
        raise Forbidden()
    departement = session.get(Departement, code)
    if departement is None:
        raise InvalidInput("Ce département n'existe pas.")
    return departement, departement_resources(session, departement.code, include_hidden=True)


def toggle_resource(session: Session, actor: Actor, resource_id: object) -> bool:
    """Hide a shown resource, show a hidden one; returns whether it is hidden now."""
    with transaction(session):
        resource = _resource(session, actor, resource_id)
        scope = {"departement_code": resource.departement_code}
        _set_hidden(session, actor, resource, RESOURCE_AUDITED, not resource.hidden, "resource", scope)
        return resource.hidden
