"""/admin/journal: who changed what, when, 20 entries a page, for national and département admins."""

import json
from datetime import UTC, datetime

import reflex as rx
from sqlmodel import Session, col, select

from parlonsen.hours import PARIS
from parlonsen.models import AuditEntry, Departement, Etablissement
from parlonsen.services import admin
from parlonsen.services.directory import RESOURCE_KINDS, ROLE_LABELS
from parlonsen.state.admin_auth import LOGIN_REQUIRED, AdminAuthState, form_int
from parlonsen.state.admin_auth import ROLE_LABELS as ADMIN_ROLE_LABELS

ACTION_LABELS = {
    "contact.add": "Contact ajouté",
    "contact.edit": "Contact modifié",
    "contact.hide": "Contact masqué",
    "contact.show": "Contact affiché",
    "contact.move": "Contact déplacé",
    "welcome.edit": "Message d'accueil modifié",
    "resource.add": "Ressource ajoutée",
    "resource.edit": "Ressource modifiée",
    "resource.hide": "Ressource masquée",
    "resource.show": "Ressource affichée",
}
# Display order too: what the thing is, then how to reach it, then its state.
FIELD_LABELS = {
    "kind": "Type",
    "role": "Rôle",
    **admin.FIELD_LABELS,
    "to_complete": "À compléter",
    "hidden": "Masqué",
    "position": "Position",
}
VALUE_LABELS = {"role": ROLE_LABELS, "kind": RESOURCE_KINDS}
EMPTY = "(vide)"


def paris_time(moment: datetime) -> str:
    """24/11/2026 10:32 in Europe/Paris; SQLite gives back naive datetimes, which are UTC here."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return aware.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


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
    order = list(FIELD_LABELS)
    lines = []
    for field in sorted(set(old) | set(new), key=lambda f: (order.index(f) if f in order else len(order), f)):
        label = FIELD_LABELS.get(field, field)
        if field in old:
            lines.append(f"{label} : {_value(field, old[field])} → {_value(field, new.get(field))}")
        elif new[field] not in ("", None, False) and field != "position":
            lines.append(f"{label} : {_value(field, new[field])}")
    return "\n".join(lines)


def entry_rows(session: Session, items: list[AuditEntry]) -> list[dict[str, str]]:
    """The page's entries as plain strings, with school and département names looked up in two queries."""
    uais = {e.uai for e in items if e.uai}
    codes = {e.departement_code for e in items if e.departement_code and not e.uai}
    schools = (
        {s.uai: s.name for s in session.exec(select(Etablissement).where(col(Etablissement.uai).in_(uais)))}
        if uais
        else {}
    )
    departements = (
        {d.code: d.name for d in session.exec(select(Departement).where(col(Departement.code).in_(codes)))}
        if codes
        else {}
    )
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
            {
                "id": str(entry.id),
                "at": paris_time(entry.at),
                "who": entry.actor_email,
                "role": ADMIN_ROLE_LABELS.get(entry.actor_role, entry.actor_role),
                "action": ACTION_LABELS.get(entry.action, entry.action),
                "target": target,
                "changes": changes_text(entry.before, entry.after),
            }
        )
    return rows


class AdminJournalState(AdminAuthState):
    allowed: bool = False
    entries: list[dict[str, str]] = []
    page_number: int = 1
    pages: int = 1
    total: int = 0
    error: str = ""

    @rx.var
    def page_label(self) -> str:
        return f"Page {self.page_number} sur {self.pages}"

    def _show(self, page: int) -> None:
        self.allowed, self.entries, self.total, self.pages = False, [], 0, 1
        actor = self._actor()
        if actor is None:
            self.error, self.page_number = LOGIN_REQUIRED, 1
            return
        try:
            with rx.session() as session:
                result = admin.audit_log(session, actor, page)
                self.entries = entry_rows(session, result.items)
        except admin.Forbidden as refusal:
            self.error, self.page_number = str(refusal), 1
            return
        self.allowed, self.error = True, ""
        self.page_number, self.pages, self.total = result.page, result.pages, result.total

    @rx.event
    def load(self) -> None:
        self._show(1)

    @rx.event
    def go_to_page(self, page: int) -> None:
        number = form_int(page)
        if number is None:
            self.error = "Numéro de page invalide."
            return
        self._show(number)
