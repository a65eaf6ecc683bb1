"""The audit trail: one way to record who changed or read what, and how the journal shows it.

Every write of a service records an entry here, in the same transaction as the change: who (e-mail and
role), what (an action code from ACTION_LABELS), on which row, the fields before → after (changed fields
only), and the school and département it belongs to, so each admin sees only their scope's entries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, SQLModel, col, func, select

from parlonsen.display import paris_time
from parlonsen.kernel import FIELD_LABELS, Actor, Page, page_window
from parlonsen.models import AuditEntry, Departement, Etablissement
from parlonsen.roles import label as role_label
from parlonsen.roles import scope_audit
from parlonsen.services.directory import CONTACT_ROLE_LABELS, RESOURCE_KINDS

# Every action code a service records, as the journal names it.
ACTION_LABELS: dict[str, str] = {
    "contact.add": "Contact ajouté",
    "contact.edit": "Contact modifié",
    "contact.hide": "Contact masqué",
    "contact.show": "Contact affiché",
    "contact.move": "Contact déplacé",
    "welcome.edit": "Message d'accueil modifié",
    "ent_group.edit": "Groupe ENT modifié",
    "resource.add": "Ressource ajoutée",
    "resource.edit": "Ressource modifiée",
    "resource.hide": "Ressource masquée",
    "resource.show": "Ressource affichée",
    "referent.add": "Adulte de confiance ajouté ou réactivé",
    "referent.remove": "Adulte de confiance retiré du groupe",
    "referent.reactivate": "Adulte de confiance réactivé (mot de passe inchangé)",
    "referent.invite": "Invitation à choisir son mot de passe (lien à usage unique, 48 h)",
    "invitation.accept": "Mot de passe choisi par son titulaire (invitation utilisée)",
    "message.read": "Conversation lue",
    "message.take": "Conversation prise en charge",
    "message.reply": "Réponse envoyée",
    "message.close": "Conversation fermée",
}
# Display order too: what the thing is, then how to reach it, then its state.
JOURNAL_FIELDS = {
    "kind": "Type",
    "role": "Rôle",
    **FIELD_LABELS,
    "to_complete": "Coordonnées manquantes",
    "hidden": "Masqué",
    "position": "Position",
    "active": "Actif",
    "taken_by": "Pris en charge par",
}
VALUE_LABELS = {"role": CONTACT_ROLE_LABELS, "kind": RESOURCE_KINDS}
EMPTY = "(vide)"


def snapshot(row: SQLModel | None, fields: tuple[str, ...]) -> dict[str, Any]:
    """The audited fields of a row, as the journal compares them before and after."""
    return {} if row is None else {f: getattr(row, f) for f in fields}


def record(
    session: Session,
    actor: Actor,
    action: str,
    target_type: str,
    target_id: object,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    *,
    departement_code: str = "",
    uai: str = "",
) -> None:
    """Add one entry to the session's transaction: the changed fields only, before → after."""
    if action not in ACTION_LABELS:
        raise ValueError(f"unknown audit action {action!r}: add it to ACTION_LABELS")
    before, after = before or {}, after or {}
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    session.add(
        AuditEntry(
            actor_email=actor.email,
            actor_role=actor.role,
            action=action,
            target_type=target_type,
            target_id=str(target_id),
            departement_code=departement_code,
            uai=uai,
            before=json.dumps({k: before[k] for k in sorted(changed) if k in before}, ensure_ascii=False, default=str),
            after=json.dumps({k: after[k] for k in sorted(changed) if k in after}, ensure_ascii=False, default=str),
        )
    )


def last_editor(session: Session, target_type: str, target_id: object) -> str:
    """Who last changed this row, for « modifié entre-temps par … »."""
    entry = session.exec(
        select(AuditEntry)
        .where(AuditEntry.target_type == target_type, AuditEntry.target_id == str(target_id))
        .order_by(col(AuditEntry.id).desc())
    ).first()
    return entry.actor_email if entry else "un autre administrateur"


# --- The journal -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class JournalRow:
    id: int
    at: str
    who: str
    role: str
    action: str
    target: str
    changes: str


def _value(field: str, value: object) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "oui" if value else "non"
    return VALUE_LABELS.get(field, {}).get(str(value), str(value))


def _json_object(text: str) -> dict:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def changes_text(before: str, after: str) -> str:
    """One line per changed field, as plain text: « Nom : Mme Martin → Mme Durand ». An addition lists what was set."""
    old, new = _json_object(before), _json_object(after)
    order = list(JOURNAL_FIELDS)
    lines = []
    for field in sorted(set(old) | set(new), key=lambda f: (order.index(f) if f in order else len(order), f)):
        name = JOURNAL_FIELDS.get(field, field)
        if field in old:
            lines.append(f"{name} : {_value(field, old[field])} → {_value(field, new.get(field))}")
        elif new[field] not in ("", None, False) and field != "position":
            lines.append(f"{name} : {_value(field, new[field])}")
    return "\n".join(lines)


def _rows(session: Session, items: list[AuditEntry]) -> list[JournalRow]:
    """The entries as the journal shows them, with school and département names looked up in two queries."""
    uais = {e.uai for e in items if e.uai}
    codes = {e.departement_code for e in items if e.departement_code and not e.uai}
    schools = {s.uai: s.name for s in session.exec(select(Etablissement).where(col(Etablissement.uai).in_(uais)))}
    departements = {d.code: d.name for d in session.exec(select(Departement).where(col(Departement.code).in_(codes)))}
    rows = []
    for entry in items:
        if entry.uai:
            target = f"{schools.get(entry.uai, 'Établissement')} ({entry.uai})"
        elif entry.departement_code:
            name = departements.get(entry.departement_code, "")
            target = (
                f"Département {name} ({entry.departement_code})" if name else f"Département {entry.departement_code}"
            )
        else:
            target = ""
        rows.append(
            JournalRow(
                id=entry.id or 0,
                at=paris_time(entry.at),
                who=entry.actor_email,
                role=role_label(entry.actor_role) or entry.actor_role,
                action=ACTION_LABELS.get(entry.action, entry.action),
                target=target,
                changes=changes_text(entry.before, entry.after),
            )
        )
    return rows


def journal(session: Session, actor: Actor, page: object = 1) -> Page[JournalRow]:
    """National admins see everything; département admins see their département's entries. 20 a page."""
    statement = scope_audit(actor, select(AuditEntry))
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    number, pages, offset = page_window(total, page)
    items = list(session.exec(statement.order_by(col(AuditEntry.id).desc()).offset(offset).limit(20)))
    return Page(_rows(session, items), total, number, pages)
