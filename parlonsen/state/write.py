"""/etablissement/<uai>/ecrire: a student writes to their school's trusted adults and gets a follow-up code.

The code is shown once and never stored in clear. Nothing is lost: either the message is stored and
the code shown, or the student is told it was not sent and their text stays on screen.
"""

import logging
import threading

import reflex as rx

from parlonsen.models import Etablissement
from parlonsen.services import ent, ent_sessions, messages
from parlonsen.services.admin import InvalidInput, validated
from parlonsen.services.directory import school_page
from parlonsen.services.messages import StudentMessage
from parlonsen.services.notify import notify_new_message
from parlonsen.state.ent import current_ent_login
from parlonsen.state.routing import public_base_url, route_param
from parlonsen.state.views import adult_view

NOT_SENT = (
    "Ton message n'a pas pu être envoyé. Il est toujours là : réessaie dans un instant. "
    "Si c'est urgent, appelle le 119 (gratuit, 24h/24)."
)
FIELDS = ("body", "contact_hint", "danger")
ENT_FAILED = (
    " Ton message est toujours là : tu peux l'envoyer par Parlons-en à la place (choisis-le ci-dessous), "
    "ou appeler le 119 (gratuit, 24h/24)."
)  # the browser also sends element ids: keep only the form's fields
DANGER_LINE = "L'élève indique être en danger maintenant."
logger = logging.getLogger(__name__)


def _notify_in_background(uai: str, urgent: bool, link: str) -> None:
    """E-mail the group without making the student wait; a failure never reaches the student."""

    def run() -> None:
        try:
            with rx.session() as session:
                recipients = messages.group_emails(session, uai)
            notify_new_message(recipients, link, urgent=urgent)
        except Exception as error:
            logger.warning("notification not sent: %s", error.__class__.__name__)

    threading.Thread(target=run, daemon=True).start()


class WriteState(rx.State):
    loaded: bool = False
    found: bool = False
    uai: str = ""
    school_name: str = ""
    readers: list[str] = []
    error: str = ""
    code: str = ""
    urgent: bool = False
    ent_available: bool = False
    ent_name: str = ""
    ent_sent: bool = False

    @rx.event
    def load(self) -> None:
        self.code, self.error, self.urgent, self.ent_sent = "", "", False, False
        uai = route_param(self.router.url.path, "/etablissement/")
        with rx.session() as session:
            page = school_page(session, uai)
            self.found = page is not None
            if page is not None:
                self.uai, self.school_name = page.etablissement.uai, page.etablissement.name
                self.readers = list(dict.fromkeys(adult_view(c)["role"] for c in page.contacts))
                login = current_ent_login(session, self.router)
                self.ent_available = bool(
                    login is not None
                    and page.etablissement.ent_group_id
                    and page.etablissement.uai in ent_sessions.uais(login)
                    and ent.EntSettings.from_env() is not None
                )
                self.ent_name = ent_sessions.display_name(login) if self.ent_available and login else ""
        self.loaded = True

    def _dashboard_link(self) -> str:
        return f"{public_base_url(self.router.headers.origin)}/admin/messages"

    @rx.event
    def send(self, form_data: dict) -> None:
        if self.code or self.ent_sent:
            return  # already sent from this screen: a double tap must not send twice
        fields = {k: form_data.get(k, "") for k in FIELDS} if isinstance(form_data, dict) else None
        if isinstance(form_data, dict) and form_data.get("via") == "ent":
            self._send_through_ent(fields)
            return
        try:
            with rx.session() as session:
                sent = messages.send_message(session, self.uai, fields)
        except InvalidInput as refusal:
            self.error = str(refusal)
            return
        except Exception as error:
            logger.warning("message not stored: %s", error.__class__.__name__)
            self.error = NOT_SENT
            return
        self.error, self.code, self.urgent = "", sent.code, sent.urgent
        _notify_in_background(sent.uai, sent.urgent, self._dashboard_link())

    def _send_through_ent(self, fields: dict | None) -> None:
        """Send with the ENT's messaging, as the signed-in student, to the school's ENT group."""
        try:
            form = validated(StudentMessage, fields)
        except InvalidInput as refusal:
            self.error = str(refusal)
            return
        settings = ent.EntSettings.from_env()
        body = (DANGER_LINE + "\n\n" if form.danger == "oui" else "") + form.body
        try:
            with rx.session() as session:
                login = current_ent_login(session, self.router)
                school = session.get(Etablissement, self.uai)
                if settings is None or login is None or school is None or not school.ent_group_id:
                    raise ent.NotAllowed("L'envoi par l'ENT n'est pas possible depuis cette page.")
                ent_sessions.with_token(
                    session, settings, login, lambda token: ent.send_message(settings, token, school.ent_group_id, body)
                )
        except ent.EntError as failure:
            logger.warning("ENT send failed: %s", failure.__class__.__name__)
            self.error = str(failure) + ENT_FAILED
            return
        self.error, self.ent_sent, self.urgent = "", True, form.danger == "oui"
