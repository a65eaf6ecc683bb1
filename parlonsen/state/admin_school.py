"""/admin/etablissement/<uai>: edit a school's trusted adults and welcome message, with a live preview.

Every action goes through `_act` (who is logged in, one service call, its refusal in French); the services
authorise the school and refuse a save made from an older version (« modifié entre-temps par … »).
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from parlonsen import routes, settings
from parlonsen.kernel import BAD_FORM, form_int
from parlonsen.services import admin, ent, ent_groups, messages, notify
from parlonsen.services.directory import CONTACT_ROLE_LABELS
from parlonsen.services.ent_groups import EntGroup
from parlonsen.state.admin_auth import LOGIN_REQUIRED, AdminAuthState
from parlonsen.state.ent import current_ent_login
from parlonsen.state.off_loop import off_loop
from parlonsen.state.views import ContactRow, contact_row

ENT_SIGN_IN_FIRST = (
    f"Pour vérifier, connectez-vous aussi par l'ENT dans ce navigateur ({routes.ENT_SIGN_IN}), puis revenez ici."
)
CONTACT_FORM_FIELDS = ("role", "name", "where", "when", "how", "phone", "email")  # what the editor's form sends
INVITATION_SENT = (
    "Une invitation est partie à {email} : avec ce lien, valable 48 heures, l'adulte choisit lui-même son mot de "
    "passe. Personne d'autre ne le connaîtra."
)
INVITATION_NOT_SENT = (
    "L'invitation n'a pas pu être envoyée à {email} : {reason}. L'exploitant du serveur peut afficher le lien "
    "d'invitation avec la commande « python -m parlonsen.cli invite {email} » et le transmettre à cet adulte."
)
NO_SMTP = "l'envoi d'e-mails n'est pas configuré sur ce serveur"
# An e-mailed link is built from PARLONSEN_PUBLIC_URL only, never from the request's Origin: the admin who sends
# the request chooses that header, and could point the adult's link (and their new password) at a site of theirs.
NO_PUBLIC_URL = "l'adresse publique du site (PARLONSEN_PUBLIC_URL) n'est pas configurée"
SMTP_FAILED = "le serveur d'e-mails ne l'a pas acceptée"
REACTIVATION_SENT = "Compte réactivé, avec son mot de passe. L'adulte en est prévenu à son adresse ({email})."
REACTIVATION_NOT_SENT = (
    "Compte réactivé, avec son mot de passe. L'adulte n'a pas pu en être prévenu par e-mail : prévenez-le "
    "vous-même ({email})."
)


@dataclass(frozen=True)
class ReferentRow:
    id: int
    email: str
    active: bool
    awaiting_password: bool = False  # invited, no password chosen yet: « Renvoyer l'invitation »


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
        self.referents = [ReferentRow(r.id, r.email, r.active, r.awaiting_password) for r in referents]

    def _run(self, action, success: str) -> None:
        self._act(action, success)
        self._reload()

    @rx.event
    @off_loop
    def load(self) -> None:
        self.uai = routes.param(self.router.url.path, "uai").upper()
        self.error = self.message = ""
        self._reload()

    @rx.event
    @off_loop
    def add_contact(self, form_data: dict) -> None:
        data = {k: form_data.get(k, "") for k in CONTACT_FORM_FIELDS} if isinstance(form_data, dict) else None
        self._run(lambda s, a: admin.add_contact(s, a, self.uai, data), "Adulte ajouté.")

    @rx.event
    @off_loop
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
    @off_loop
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
    @off_loop
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
    @off_loop
    def save_welcome(self, form_data: dict) -> None:
        if not isinstance(form_data, dict):
            self.error = BAD_FORM
            return
        version = form_int(form_data.get("version"))
        data = {"welcome": form_data.get("welcome", "")}
        self._run(lambda s, a: admin.set_welcome(s, a, self.uai, data, version), "Message d'accueil enregistré.")

    def _referent_id(self, user_id: str) -> int | None:
        """A referent listed on this page, or None (and BAD_FORM) for anything else a forged event names."""
        uid = form_int(user_id)
        if uid is None or not any(r.id == uid for r in self.referents):
            self.error = BAD_FORM
            return None
        return uid

    def _send_invitation(self, invited: messages.Invited) -> None:
        """E-mail the link to the adult's own address, the only place the token goes; say whether it went."""
        config = settings.current()
        if config.smtp is None:
            reason = NO_SMTP
        elif not config.public_url:
            reason = NO_PUBLIC_URL
        else:
            link = config.public_url + routes.admin_invitation(invited.token)
            sent = notify.send_invitation(
                invited.email, link, invited.school_name, invited.invited_by, invited.expires_at, config.smtp
            )
            if sent:
                self.message = f"{self.message} {INVITATION_SENT.format(email=invited.email)}".strip()
                return
            reason = SMTP_FAILED
        self.error = INVITATION_NOT_SENT.format(email=invited.email, reason=reason)

    @rx.event
    @off_loop
    def add_referent(self, form_data: dict) -> None:
        """Give an adult of the trusted group an account to read and answer the students' messages; they choose
        its password through the invitation sent to their own address. Any other field (a password) is ignored."""
        if not isinstance(form_data, dict):
            self.error = BAD_FORM
            return
        email = form_data.get("email")
        done, invited = self._act(lambda s, a: messages.add_referent(s, a, self.uai, email), "Compte ajouté au groupe.")
        if done and invited is not None:
            self._send_invitation(invited)
        self._reload()

    @rx.event
    @off_loop
    def resend_invitation(self, user_id: str) -> None:
        """A new link for an adult who has not chosen a password yet (the previous links stop working)."""
        uid = self._referent_id(user_id)
        if uid is None:
            return
        done, invited = self._act(
            lambda s, a: messages.resend_invitation(s, a, uid),
            "Nouvelle invitation : les liens précédents ne marchent plus.",
        )
        if done and invited is not None:
            self._send_invitation(invited)
        self._reload()

    @rx.event
    @off_loop
    def toggle_referent(self, user_id: str) -> None:
        uid = self._referent_id(user_id)
        if uid is None:
            return
        active = not next(r for r in self.referents if r.id == uid).active
        done, back = self._act(
            lambda s, a: messages.set_referent_active(s, a, uid, active),
            "Compte réactivé." if active else "Compte retiré du groupe.",
        )
        if done and back is not None:
            told = notify.send_reactivation_notice(back.email, back.school_name, back.by, settings.current().smtp)
            self.message = (REACTIVATION_SENT if told else REACTIVATION_NOT_SENT).format(email=back.email)
        self._reload()

    @rx.event
    @off_loop
    def save_ent_group(self, form_data: dict) -> None:
        if not isinstance(form_data, dict):
            self.error = BAD_FORM
            return
        version = form_int(form_data.get("version"))
        data = {"ent_group_id": form_data.get("ent_group_id", "")}
        self.ent_check = ""
        self._run(lambda s, a: admin.set_ent_group(s, a, self.uai, data, version), "Groupe ENT enregistré.")

    @rx.event
    @off_loop
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
