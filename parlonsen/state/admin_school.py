"""/admin/etablissement/<uai>: edit a school's trusted adults and welcome message, with a live preview.

Every action goes through `_act` (who is logged in, one service call, its refusal in French); the services
authorise the school and refuse a save made from an older version (« modifié entre-temps par … »).
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from parlonsen import routes, settings
from parlonsen.kernel import BAD_FORM, form_int
from parlonsen.services import admin, ent, ent_groups, messages
from parlonsen.services.directory import CONTACT_ROLE_LABELS
from parlonsen.services.ent_groups import EntGroup
from parlonsen.state.admin_auth import LOGIN_REQUIRED, AdminAuthState
from parlonsen.state.ent import current_ent_login
from parlonsen.state.views import ContactRow, contact_row

ENT_SIGN_IN_FIRST = (
    f"Pour vérifier, connectez-vous aussi par l'ENT dans ce navigateur ({routes.ENT_SIGN_IN}), puis revenez ici."
)
CONTACT_FORM_FIELDS = ("role", "name", "where", "when", "how", "phone", "email")  # what the editor's form sends


@dataclass(frozen=True)
class ReferentRow:
    id: int
    email: str
    active: bool


class AdminSchoolState(AdminAuthState):
    allowed: bool = False
    uai: str = ""
    name: str = ""
    school_version: int = 0
    welcome: str = ""
    welcome_draft: str = ""
    contacts: list[ContactRow] = []
    referents: list[ReferentRow] = []
    ent_group_id: str = ""
    ent_check: str = ""
    ent_candidates: list[EntGroup] = []

    @rx.var
    def preview_adults(self) -> list[ContactRow]:
        """What students see: the visible adults, in order."""
        return [c for c in self.contacts if not c.hidden]

    @rx.var
    def role_options(self) -> list[list[str]]:
        return [[key, label] for key, label in CONTACT_ROLE_LABELS.items()]

    def _reload(self) -> None:
        """Show the school to an admin who may manage it; nothing otherwise. The last action's outcome stays."""
        outcome = (self.error, self.message)

        def read(session, actor):
            school, contacts = admin.school_editor(session, actor, self.uai)
            return school, contacts, messages.list_referents(session, actor, school.uai)

        done, found = self._act(read)
        if done:
            self.error, self.message = outcome
        if not done or found is None:
            self.allowed, self.name, self.contacts, self.welcome, self.referents = False, "", [], "", []
            return
        school, contacts, referents = found
        self.allowed, self.name = True, school.name
        self.welcome = self.welcome_draft = school.welcome
        self.ent_group_id, self.school_version = school.ent_group_id, school.version
        self.contacts = [contact_row(c) for c in contacts]
        self.referents = [ReferentRow(u.id or 0, u.email, u.active) for u in referents]

    def _run(self, action, success: str) -> None:
        self._act(action, success)
        self._reload()

    @rx.event
    def load(self) -> None:
        self.uai = routes.param(self.router.url.path, "uai").upper()
        self.error = self.message = ""
        self._reload()

    @rx.event
    def add_contact(self, form_data: dict) -> None:
        data = {k: form_data.get(k, "") for k in CONTACT_FORM_FIELDS} if isinstance(form_data, dict) else None
        self._run(lambda s, a: admin.add_contact(s, a, self.uai, data), "Adulte ajouté.")

    @rx.event
    def save_contact(self, form_data: dict) -> None:
        if not isinstance(form_data, dict):
            self.error = BAD_FORM
            return
        contact_id, version = form_int(form_data.get("contact_id")), form_int(form_data.get("version"))
        data = {k: form_data.get(k, "") for k in CONTACT_FORM_FIELDS}
        if contact_id is None:
            self.error = BAD_FORM
            return
        self._run(lambda s, a: admin.update_contact(s, a, contact_id, data, version), "Modification enregistrée.")

    @rx.event
    def toggle_contact(self, contact_id: str) -> None:
        cid = form_int(contact_id)
        row = next((c for c in self.contacts if c.id == cid), None)
        if cid is None or row is None:
            self.error = BAD_FORM
            return
        hide = not row.hidden
        self._run(
            lambda s, a: admin.set_contact_hidden(s, a, cid, hide), "Adulte masqué." if hide else "Adulte affiché."
        )

    @rx.event
    def move_contact(self, contact_id: str, direction: int) -> None:
        cid = form_int(contact_id)
        if cid is None:
            self.error = BAD_FORM
            return
        self._run(lambda s, a: admin.move_contact(s, a, cid, direction), "Ordre enregistré.")

    @rx.event
    def set_welcome_draft(self, value: str) -> None:
        """Live preview of the welcome message while typing (nothing is saved)."""
        if isinstance(value, str):
            self.welcome_draft = value[:600]

    @rx.event
    def save_welcome(self, form_data: dict) -> None:
        if not isinstance(form_data, dict):
            self.error = BAD_FORM
            return
        version = form_int(form_data.get("version"))
        data = {"welcome": form_data.get("welcome", "")}
        self._run(lambda s, a: admin.set_welcome(s, a, self.uai, data, version), "Message d'accueil enregistré.")

    @rx.event
    def add_referent(self, form_data: dict) -> None:
        """Give an adult of the trusted group an account to read and answer the students' messages."""
        if not isinstance(form_data, dict):
            self.error = BAD_FORM
            return
        email, password = form_data.get("email"), form_data.get("password")
        self._run(lambda s, a: messages.add_referent(s, a, self.uai, email, password), "Compte ajouté au groupe.")

    @rx.event
    def toggle_referent(self, user_id: str) -> None:
        uid = form_int(user_id)
        row = next((r for r in self.referents if r.id == uid), None)
        if uid is None or row is None:
            self.error = BAD_FORM
            return
        active = not row.active
        self._run(
            lambda s, a: messages.set_referent_active(s, a, uid, active),
            "Compte réactivé." if active else "Compte retiré du groupe.",
        )

    @rx.event
    def save_ent_group(self, form_data: dict) -> None:
        if not isinstance(form_data, dict):
            self.error = BAD_FORM
            return
        version = form_int(form_data.get("version"))
        data = {"ent_group_id": form_data.get("ent_group_id", "")}
        self.ent_check = ""
        self._run(lambda s, a: admin.set_ent_group(s, a, self.uai, data, version), "Groupe ENT enregistré.")

    @rx.event
    def check_ent_group(self) -> None:
        """Ask the ENT, with this admin's own ENT sign-in, whether the group is visible, and list candidates."""
        connector = settings.current().ent
        if connector is None:
            self.ent_check = "La connexion à l'ENT n'est pas configurée sur ce serveur."
            return

        def check(session, actor):
            login = current_ent_login(session, self.router)
            return None if login is None else ent_groups.check_group(session, actor, self.uai, login, connector)

        try:
            done, result = self._act(check)
        except ent.EntError as failure:
            self.ent_check = f"Vérification impossible : {failure}"
            return
        if not done:
            self.error = self.error or LOGIN_REQUIRED
            return
        if result is None:
            self.ent_check = ENT_SIGN_IN_FIRST
            return
        self.ent_candidates = result.candidates
        if not result.group_id:
            self.ent_check = (
                "Aucun groupe enregistré. Groupes manuels visibles depuis votre compte ENT : voir la liste."
            )
        elif result.visible:
            self.ent_check = (
                "Le groupe est visible depuis votre compte ENT. Pour les élèves, vérifiez dans la console "
                "d'administration de l'ENT qu'un lien de communication part des groupes d'élèves vers ce groupe : "
                "sinon l'ENT refusera leurs messages, et ils seront invités à utiliser Parlons-en."
            )
        else:
            self.ent_check = (
                "Ce groupe n'est PAS visible depuis votre compte ENT : il n'existe pas, est masqué ou vide, ou aucun "
                "lien de communication n'y mène. Les élèves ne pourront pas lui écrire par l'ENT."
            )
