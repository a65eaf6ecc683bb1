"""/admin/etablissement/<uai>: edit a school's trusted adults and welcome message, with a live preview.

Every handler re-checks the admin (`_actor`) and lets the service authorise the school; forms
carry the version they were opened at, so a stale save is refused with "modifié entre-temps par …".
"""

import reflex as rx

from parlonsen.models import Etablissement
from parlonsen.services import admin, ent, ent_sessions, messages
from parlonsen.services.directory import ROLE_LABELS, school_contacts
from parlonsen.state.admin_auth import BAD_FORM, LOGIN_REQUIRED, AdminAuthState, form_int
from parlonsen.state.ent import current_ent_login
from parlonsen.state.routing import route_param
from parlonsen.state.views import contact_row

ENT_SIGN_IN_FIRST = (
    "Pour vérifier, connectez-vous aussi par l'ENT dans ce navigateur (/ent/connexion), puis revenez ici."
)
CONTACT_FIELDS = ("role", "name", "where", "when", "how", "phone", "email")


class AdminSchoolState(AdminAuthState):
    allowed: bool = False
    uai: str = ""
    name: str = ""
    school_version: str = ""
    welcome: str = ""
    welcome_draft: str = ""
    contacts: list[dict[str, str]] = []
    referents: list[dict[str, str]] = []
    ent_group_id: str = ""
    ent_check: str = ""
    ent_candidates: list[dict[str, str]] = []
    error: str = ""
    message: str = ""

    @rx.var
    def preview_adults(self) -> list[dict[str, str]]:
        """What students see: the visible adults, in order."""
        return [c for c in self.contacts if not c["hidden"]]

    @rx.var
    def role_options(self) -> list[list[str]]:
        return [[key, label] for key, label in ROLE_LABELS.items()]

    def _reload(self, actor: admin.Actor) -> None:
        with rx.session() as session:
            school = session.get(Etablissement, self.uai) if self.uai else None
            if school is None or not admin.may_manage_etablissement(actor, school):
                self.allowed, self.name, self.contacts, self.welcome, self.referents = False, "", [], "", []
                return
            self.allowed, self.name = True, school.name
            self.welcome = self.welcome_draft = school.welcome
            self.ent_group_id = school.ent_group_id
            self.school_version = str(school.version)
            self.contacts = [contact_row(c) for c in school_contacts(session, school.uai, include_hidden=True)]
            self.referents = [
                {"id": str(u.id), "email": u.email, "active": "1" if u.active else ""}
                for u in messages.list_referents(session, actor, school.uai)
            ]

    def _run(self, action, success: str) -> None:
        """Authenticate, run a service call with a fresh session, turn refusals into French messages."""
        actor = self._actor()
        if actor is None:
            self.error, self.message = LOGIN_REQUIRED, ""
            return
        try:
            with rx.session() as session:
                action(session, actor)
        except (admin.Forbidden, admin.InvalidInput, admin.Conflict) as refusal:
            self.error, self.message = str(refusal), ""
        else:
            self.error, self.message = "", success
        self._reload(actor)

    @rx.event
    def load(self) -> None:
        self.uai = route_param(self.router.url.path, "/admin/etablissement/").upper()
        self.error = self.message = ""
        actor = self._actor()
        if actor is None:
            self.allowed = False
            return
        self._reload(actor)

    @rx.event
    def add_contact(self, form_data: dict) -> None:
        data = {k: form_data.get(k, "") for k in CONTACT_FIELDS} if isinstance(form_data, dict) else None
        self._run(lambda s, a: admin.add_contact(s, a, self.uai, data), "Adulte ajouté.")

    @rx.event
    def save_contact(self, form_data: dict) -> None:
        if not isinstance(form_data, dict):
            self.error = BAD_FORM
            return
        contact_id, version = form_int(form_data.get("contact_id")), form_int(form_data.get("version"))
        data = {k: form_data.get(k, "") for k in CONTACT_FIELDS}
        if contact_id is None:
            self.error = BAD_FORM
            return
        self._run(lambda s, a: admin.update_contact(s, a, contact_id, data, version), "Modification enregistrée.")

    @rx.event
    def toggle_contact(self, contact_id: str) -> None:
        cid = form_int(contact_id)
        row = next((c for c in self.contacts if c["id"] == str(cid)), None)
        if cid is None or row is None:
            self.error = BAD_FORM
            return
        hide = not row["hidden"]
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
        row = next((r for r in self.referents if r["id"] == str(uid)), None)
        if uid is None or row is None:
            self.error = BAD_FORM
            return
        active = not row["active"]
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
        actor = self._actor()
        if actor is None:
            self.error = LOGIN_REQUIRED
            return
        settings = ent.EntSettings.from_env()
        if settings is None:
            self.ent_check = "La connexion à l'ENT n'est pas configurée sur ce serveur."
            return
        try:
            with rx.session() as session:
                school = session.get(Etablissement, self.uai)
                if school is None or not admin.may_manage_etablissement(actor, school):
                    self.error = admin.FORBIDDEN
                    return
                login = current_ent_login(session, self.router)
                if login is None:
                    self.ent_check = ENT_SIGN_IN_FIRST
                    return
                group = school.ent_group_id
                visible = bool(group) and ent_sessions.with_token(
                    session, settings, login, lambda token: ent.is_visible(settings, token, group)
                )
                groups = ent_sessions.with_token(
                    session, settings, login, lambda token: ent.visible_groups(settings, token)
                )
        except ent.EntError as failure:
            self.ent_check = f"Vérification impossible : {failure}"
            return
        self.ent_candidates = [g for g in groups if g.get("profile") == "Manual"]
        if not group:
            self.ent_check = (
                "Aucun groupe enregistré. Groupes manuels visibles depuis votre compte ENT : voir la liste."
            )
        elif visible:
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
