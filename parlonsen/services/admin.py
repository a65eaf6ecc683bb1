"""Local administration: who may change what, validated input, no lost edits, an audit trail.

Every function takes the acting admin (`Actor`), checks authorisation itself, validates with
pydantic, writes in one transaction with an audit entry, and refuses a save made from an older
version of the row. National channels are content files: nothing here can change them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from math import ceil
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import func, update
from sqlmodel import Session, SQLModel, col, select

from parlonsen.models import AdminUser, AuditEntry, Etablissement, Resource, SchoolContact, utcnow
from parlonsen.services.directory import RESOURCE_KINDS, ROLE_LABELS
from parlonsen.services.transaction import transaction
from parlonsen.text import fold

PER_PAGE = 20
FORBIDDEN = "Action non autorisée."


class Forbidden(Exception):
    """The actor may not do this; nothing was changed."""

    def __init__(self) -> None:
        super().__init__(FORBIDDEN)


class InvalidInput(ValueError):
    """User input was refused; the message is French and names the field."""


class Conflict(Exception):
    """Someone saved this row since the form was opened."""


@dataclass(frozen=True)
class Actor:
    user_id: int
    email: str
    role: str
    departement_code: str | None = None
    uai: str | None = None

    @classmethod
    def of(cls, user: AdminUser) -> Actor:
        return cls(user.id or 0, user.email, user.role, user.departement_code, user.uai)


# --- Authorisation ---------------------------------------------------------------------------------
def may_manage_etablissement(actor: Actor, etablissement: Etablissement) -> bool:
    if actor.role == "national":
        return True
    if actor.role == "departement":
        return etablissement.departement_code == actor.departement_code
    return actor.role == "etablissement" and etablissement.uai == actor.uai


def may_manage_departement(actor: Actor, code: str) -> bool:
    return actor.role == "national" or (actor.role == "departement" and actor.departement_code == code)


def may_read_audit(actor: Actor) -> bool:
    return actor.role in ("national", "departement")


def _school(session: Session, actor: Actor, uai: str) -> Etablissement:
    etablissement = session.get(Etablissement, uai) if isinstance(uai, str) else None
    if etablissement is None or not may_manage_etablissement(actor, etablissement):
        raise Forbidden()
    return etablissement


# --- Validation --------------------------------------------------------------------------------------
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PHONE = re.compile(r"^(0[1-9]\d{8}|1[5-9]|11\d|116\d{3}|3\d{3})$")  # 10 digits, or 15–19, 11x, 116xxx, 3xxx
EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$", re.IGNORECASE)


def plain_text(value: str) -> str:
    """Plain text only: trimmed, no control characters. It is always displayed as text, never as HTML."""
    if CONTROL.search(value):
        raise ValueError("caractères de contrôle interdits")
    return value.strip()


def _phone(value: str) -> str:
    digits = re.sub(r"[\s.\-]", "", value)
    if digits and not PHONE.match(digits):
        raise ValueError("numéro invalide : 10 chiffres commençant par 0, ou un numéro court (119, 3018…)")
    return digits


def _email(value: str) -> str:
    value = value.strip()
    if value and not EMAIL.match(value):
        raise ValueError("adresse e-mail invalide")
    return value.lower()


def _https(value: str) -> str:
    value = value.strip()
    if value and not re.match(r"^https://[^\s<>\"']+$", value):
        raise ValueError("adresse web invalide : elle doit commencer par https://")
    return value


Text = Annotated[str, AfterValidator(plain_text)]
Phone = Annotated[str, AfterValidator(_phone)]
Email = Annotated[str, AfterValidator(_email)]
Https = Annotated[str, AfterValidator(_https)]

FIELD_LABELS = {
    "role": "Rôle",
    "name": "Nom",
    "where": "Où le trouver",
    "when": "Quand",
    "how": "Comment",
    "phone": "Téléphone",
    "email": "E-mail",
    "url": "Site web",
    "description": "Description",
    "address": "Adresse",
    "hours": "Horaires",
    "kind": "Type",
    "welcome": "Message d'accueil",
    "ent_group_id": "Identifiant du groupe ENT",
    "body": "Message",
    "contact_hint": "Comment te retrouver",
    "danger": "Danger",
}
MESSAGES = {
    "string_too_long": "trop long ({max_length} caractères au plus)",
    "string_too_short": "obligatoire",
    "literal_error": "valeur non proposée",
    "string_type": "texte attendu",
    "missing": "obligatoire",
    "extra_forbidden": "champ inconnu",
    "string_pattern_mismatch": "format invalide (lettres, chiffres et tirets seulement)",
}


class Form(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ContactInput(Form):
    role: Literal[tuple(ROLE_LABELS)]  # type: ignore[valid-type]
    name: Text = Field(default="", max_length=120)
    where: Text = Field(default="", max_length=300)
    when: Text = Field(default="", max_length=300)
    how: Text = Field(default="", max_length=300)
    phone: Phone = Field(default="", max_length=20)
    email: Email = Field(default="", max_length=200)


class ResourceInput(Form):
    kind: Literal[tuple(RESOURCE_KINDS)]  # type: ignore[valid-type]
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


def french_errors(error: ValidationError) -> str:
    """One French line per problem, naming the field: « Téléphone : numéro invalide… »."""
    lines = []
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        template = MESSAGES.get(problem["type"])
        if template is not None:
            message = template.format(**problem.get("ctx", {}))
        else:
            message = str(problem.get("ctx", {}).get("error", problem["msg"]))
        lines.append(f"{FIELD_LABELS.get(field, field)} : {message}")
    return "\n".join(lines)


M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def validated(model: type[M], data: object) -> M:
    if not isinstance(data, dict):
        raise InvalidInput("Formulaire invalide.")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(french_errors(error)) from None


# --- Audit -------------------------------------------------------------------------------------------
def _snapshot(row: SQLModel | None, fields: tuple[str, ...]) -> dict[str, Any]:
    return {} if row is None else {f: getattr(row, f) for f in fields}


def _audit(
    session: Session,
    actor: Actor,
    action: str,
    target: SQLModel,
    target_id: object,
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    departement_code: str = "",
    uai: str = "",
) -> None:
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    session.add(
        AuditEntry(
            actor_email=actor.email,
            actor_role=actor.role,
            action=action,
            target_type=type(target).__name__,
            target_id=str(target_id),
            departement_code=departement_code,
            uai=uai,
            before=json.dumps({k: before[k] for k in sorted(changed) if k in before}, ensure_ascii=False),
            after=json.dumps({k: after[k] for k in sorted(changed) if k in after}, ensure_ascii=False),
        )
    )


def _last_editor(session: Session, target_type: str, target_id: object) -> str:
    entry = session.exec(
        select(AuditEntry)
        .where(AuditEntry.target_type == target_type, AuditEntry.target_id == str(target_id))
        .order_by(col(AuditEntry.id).desc())
    ).first()
    return entry.actor_email if entry else "un autre administrateur"


def _save_versioned(session: Session, row: SQLModel, expected_version: object, values: dict[str, Any]) -> None:
    """UPDATE … WHERE version = expected: the check and the write are one statement, so two saves can't both win."""
    model = type(row)
    if not isinstance(expected_version, int) or isinstance(expected_version, bool):
        raise InvalidInput("Version du formulaire manquante : rechargez la page.")
    key = "uai" if model is Etablissement else "id"
    statement = (
        update(model)
        .where(getattr(model, key) == getattr(row, key), model.version == expected_version)  # type: ignore[attr-defined]
        .values(**values, version=expected_version + 1)
    )
    if session.execute(statement).rowcount != 1:
        editor = _last_editor(session, model.__name__, getattr(row, key))
        raise Conflict(
            f"Impossible d'enregistrer : modifié entre-temps par {editor}. "
            "Rechargez la page pour voir sa version, puis refaites votre modification."
        )
    session.refresh(row)


CONTACT_FIELDS = ("role", "name", "where", "when", "how", "phone", "email", "position", "hidden")
RESOURCE_FIELDS = ("kind", "name", "description", "phone", "email", "url", "address", "hours", "hidden", "position")


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
        _audit(
            session,
            actor,
            "contact.add",
            contact,
            contact.id,
            {},
            _snapshot(contact, CONTACT_FIELDS),
            departement_code=school.departement_code,
            uai=school.uai,
        )
    session.refresh(contact)
    return contact


def update_contact(session: Session, actor: Actor, contact_id: object, data: object, expected_version: object) -> None:
    with transaction(session):
        contact, school = _contact(session, actor, contact_id)
        values = validated(ContactInput, data).model_dump()
        before = _snapshot(contact, CONTACT_FIELDS)
        _save_versioned(session, contact, expected_version, values)
        _audit(
            session,
            actor,
            "contact.edit",
            contact,
            contact.id,
            before,
            _snapshot(contact, CONTACT_FIELDS),
            departement_code=school.departement_code,
            uai=school.uai,
        )


def _set_hidden(
    session: Session, actor: Actor, row: SQLModel, fields: tuple[str, ...], hidden: bool, kind: str, scope: dict
) -> None:
    """Hide or show a contact or a resource: versioned like any edit, audited as `<kind>.hide` / `<kind>.show`."""
    before = _snapshot(row, fields)
    _save_versioned(session, row, row.version, {"hidden": hidden})  # type: ignore[attr-defined]
    action = f"{kind}.hide" if hidden else f"{kind}.show"
    _audit(session, actor, action, row, row.id, before, _snapshot(row, fields), **scope)  # type: ignore[attr-defined]


def set_contact_hidden(session: Session, actor: Actor, contact_id: object, hidden: object) -> None:
    if not isinstance(hidden, bool):
        raise InvalidInput("Valeur invalide.")
    with transaction(session):
        contact, school = _contact(session, actor, contact_id)
        scope = {"departement_code": school.departement_code, "uai": school.uai}
        _set_hidden(session, actor, contact, CONTACT_FIELDS, hidden, "contact", scope)


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
        other_index = index + int(direction)  # type: ignore[call-overload]
        if not 0 <= other_index < len(siblings):
            return
        order = [c.id for c in siblings]
        order[index], order[other_index] = order[other_index], order[index]
        for position, cid in enumerate(order):
            row = siblings[[c.id for c in siblings].index(cid)]
            if row.position != position:
                _save_versioned(session, row, row.version, {"position": position})
        _audit(
            session,
            actor,
            "contact.move",
            contact,
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
        _audit(
            session, actor, action, school, school.uai, before, values,
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
        _audit(
            session,
            actor,
            "resource.add",
            resource,
            resource.id,
            {},
            _snapshot(resource, RESOURCE_FIELDS),
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
        before = _snapshot(resource, RESOURCE_FIELDS)
        complete = resource.to_complete and bool(values["phone"] or values["email"] or values["url"])
        _save_versioned(
            session, resource, expected_version, {**values, "to_complete": resource.to_complete and not complete}
        )
        _audit(
            session,
            actor,
            "resource.edit",
            resource,
            resource.id,
            before,
            _snapshot(resource, RESOURCE_FIELDS),
            departement_code=resource.departement_code,
        )


def set_resource_hidden(session: Session, actor: Actor, resource_id: object, hidden: object) -> None:
    if not isinstance(hidden, bool):
        raise InvalidInput("Valeur invalide.")
    with transaction(session):
        resource = _resource(session, actor, resource_id)
        scope = {"departement_code": resource.departement_code}
        _set_hidden(session, actor, resource, RESOURCE_FIELDS, hidden, "resource", scope)


# --- Lists -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    pages: int


def _page_number(page: object) -> int:
    return page if isinstance(page, int) and not isinstance(page, bool) and page >= 1 else 1


def manageable_etablissements(session: Session, actor: Actor, query: str = "", page: object = 1) -> Page[Etablissement]:
    """The schools this admin may manage, filtered by name/commune/UAI, 20 a page."""
    statement = select(Etablissement)
    if actor.role == "departement":
        statement = statement.where(Etablissement.departement_code == actor.departement_code)
    elif actor.role == "etablissement":
        statement = statement.where(Etablissement.uai == actor.uai)
    elif actor.role != "national":
        raise Forbidden()
    for word in fold(query if isinstance(query, str) else "").split()[:6]:
        statement = statement.where(col(Etablissement.search_key).contains(word) | (Etablissement.uai == word.upper()))
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    number = min(_page_number(page), max(1, ceil(total / PER_PAGE)))
    rows = session.exec(statement.order_by(Etablissement.name).offset((number - 1) * PER_PAGE).limit(PER_PAGE))
    return Page(list(rows), total, number, max(1, ceil(total / PER_PAGE)))


def audit_log(session: Session, actor: Actor, page: object = 1) -> Page[AuditEntry]:
    """National admins see everything; département admins see their département's entries."""
    if not may_read_audit(actor):
        raise Forbidden()
    statement = select(AuditEntry)
    if actor.role == "departement":
        statement = statement.where(AuditEntry.departement_code == actor.departement_code)
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    number = min(_page_number(page), max(1, ceil(total / PER_PAGE)))
    rows = session.exec(statement.order_by(col(AuditEntry.id).desc()).offset((number - 1) * PER_PAGE).limit(PER_PAGE))
    return Page(list(rows), total, number, max(1, ceil(total / PER_PAGE)))
