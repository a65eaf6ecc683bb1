"""Who may do what: the roles, their labels, every `may_*` rule, and how a query is narrowed to what an
actor may see. The only module that compares roles; services, states, pages and the CLI ask it.

- national: everything; départemental: its département's resources and schools, and its journal;
- établissement: its own school (adults, order, welcome message, the trusted group's accounts);
- référent: an adult of a school's trusted group, who reads and answers that school's messages, nothing else.
Everyone but a référent sees only counts of messages.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from sqlmodel.sql.expression import SelectOfScalar

from parlonsen.kernel import Actor, Forbidden
from parlonsen.models import AdminUser, AuditEntry, Conversation, Etablissement


class Role(StrEnum):
    NATIONAL = "national"
    DEPARTEMENT = "departement"
    ETABLISSEMENT = "etablissement"
    REFERENT = "referent"


LABELS: dict[str, str] = {
    Role.NATIONAL: "Administrateur national",
    Role.DEPARTEMENT: "Administrateur du département",
    Role.ETABLISSEMENT: "Administrateur d'établissement",
    Role.REFERENT: "Adulte de confiance (messages des élèves)",
}
ADMIN_ROLES: tuple[Role, ...] = (Role.NATIONAL, Role.DEPARTEMENT, Role.ETABLISSEMENT)  # created from the CLI
SCHOOL_ROLES: tuple[Role, ...] = (Role.ETABLISSEMENT, Role.REFERENT)  # accounts tied to one school
TRUSTED_ADULT = Role.REFERENT  # the accounts a school's admins give to its trusted group


def label(role: str) -> str:
    return LABELS.get(role, "")


# --- What an account is tied to ------------------------------------------------------------------------
def scope_problem(role: str, departement_code: str | None, uai: str | None) -> str | None:
    """Why an account's département and school do not fit its role (a French sentence), or None."""
    if role == Role.NATIONAL and (departement_code or uai):
        return "Un compte national ne doit indiquer ni département ni établissement."
    if role == Role.DEPARTEMENT and not departement_code:
        return "Un compte départemental doit indiquer son département."
    if role == Role.DEPARTEMENT and uai:
        return "Un compte départemental ne doit pas indiquer d'établissement."
    if role in SCHOOL_ROLES and not uai:
        return "Un compte d'établissement doit indiquer son UAI."
    return None


def tied_to_departement(role: str) -> bool:
    return role == Role.DEPARTEMENT


def tied_to_school(role: str) -> bool:
    return role in SCHOOL_ROLES


def is_trusted_adult(user: AdminUser) -> bool:
    """A member of a school's trusted group (a référent account)."""
    return user.role == Role.REFERENT


# --- What an actor may do --------------------------------------------------------------------------------
def may_manage_etablissement(actor: Actor, etablissement: Etablissement) -> bool:
    if actor.role == Role.NATIONAL:
        return True
    if actor.role == Role.DEPARTEMENT:
        return etablissement.departement_code == actor.departement_code
    return actor.role == Role.ETABLISSEMENT and etablissement.uai == actor.uai


def may_manage_schools(actor: Actor) -> bool:
    """Manages at least one school: every admin, not a trusted adult."""
    return actor.role in ADMIN_ROLES


def may_manage_departement(actor: Actor, code: str) -> bool:
    return actor.role == Role.NATIONAL or (actor.role == Role.DEPARTEMENT and actor.departement_code == code)


def may_manage_referents(actor: Actor, etablissement: Etablissement) -> bool:
    """The trusted group's accounts: the school's admins, never a member of the group."""
    return actor.role != Role.REFERENT and may_manage_etablissement(actor, etablissement)


def may_read_audit(actor: Actor) -> bool:
    return actor.role in (Role.NATIONAL, Role.DEPARTEMENT)


def may_read_messages(actor: Actor) -> bool:
    """Only a référent reads messages, and only their own school's (`messages_school`)."""
    return actor.role == Role.REFERENT and bool(actor.uai)


def messages_school(actor: Actor) -> str:
    """The school whose messages this actor may read; Forbidden for anyone else."""
    if not may_read_messages(actor):
        raise Forbidden()
    return actor.uai or ""


def managed_departements(actor: Actor, served: list[str]) -> list[str]:
    """The départements whose resources this admin edits (the menu links to them): every served one for a
    national admin, its own for a départemental one, none for anyone else."""
    if actor.role == Role.NATIONAL:
        return served
    if actor.role == Role.DEPARTEMENT and actor.departement_code:
        return [actor.departement_code]
    return []


# --- Queries narrowed to what an actor may see -------------------------------------------------------------
S = TypeVar("S", bound=SelectOfScalar)


def scope_etablissements(actor: Actor, statement: S) -> S:
    """Schools an admin may manage; Forbidden for a référent or an unknown role."""
    if actor.role == Role.DEPARTEMENT:
        return statement.where(Etablissement.departement_code == actor.departement_code)
    if actor.role == Role.ETABLISSEMENT:
        return statement.where(Etablissement.uai == actor.uai)
    if actor.role == Role.NATIONAL:
        return statement
    raise Forbidden()


def scope_audit(actor: Actor, statement: S) -> S:
    """Journal entries: everything for a national admin, its département's for a départemental one."""
    if not may_read_audit(actor):
        raise Forbidden()
    if actor.role == Role.DEPARTEMENT:
        return statement.where(AuditEntry.departement_code == actor.departement_code)
    return statement


def scope_trusted_group(uai: str, statement: S) -> S:
    """The accounts of one school's trusted group (référents), active or not."""
    return statement.where(AdminUser.uai == uai, AdminUser.role == Role.REFERENT)


def scope_conversations(actor: Actor, statement: S) -> S:
    """Conversations whose counts an actor may see: all, its département's, or its school's."""
    if actor.role == Role.DEPARTEMENT:
        return statement.join(Etablissement).where(Etablissement.departement_code == actor.departement_code)
    if actor.role in SCHOOL_ROLES:
        return statement.where(Conversation.uai == actor.uai)
    if actor.role == Role.NATIONAL:
        return statement
    raise Forbidden()
