"""/etablissement/<uai>/ecrire: a student writes to their school's trusted adults and gets a follow-up code.

The code is shown once and never stored in clear. Nothing is lost: either the message is stored and
the code shown, or the student is told it was not sent and their text stays on screen.
"""

import logging
import threading

import reflex as rx

from parlonsen import routes, settings
from parlonsen.kernel import InvalidInput
from parlonsen.services import ent, ent_sessions, messages
from parlonsen.services.directory import school_page
from parlonsen.services.notify import notify_new_message
from parlonsen.state.client import sender
from parlonsen.state.ent import current_ent_login
from parlonsen.state.off_loop import off_loop
from parlonsen.state.views import adult_view

NOT_SENT = (
    "Ton message n'a pas pu être envoyé. Il est toujours là : réessaie dans un instant. "
    "Si c'est urgent, appelle le 119 (gratuit, 24h/24)."
)
FIELDS = ("body", "contact_hint", "danger")  # the browser also sends element ids: keep only the form's fields
ENT_FAILED = (
    " Ton message est toujours là : tu peux l'envoyer par Parlons-en à la place (choisis-le ci-dessous), "
    "ou appeler le 119 (gratuit, 24h/24)."
)
logger = logging.getLogger(__name__)


def _notify_in_background(uai: str, urgent: bool, link: str) -> None:
    """E-mail the group without making the student wait; a failure never reaches the student."""

    def run() -> None:
        try:
            with rx.session() as session:
                recipients = messages.group_emails(session, uai)
            notify_new_message(recipients, link, urgent=urgent, settings=settings.current().smtp)
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

    def _forget(self) -> None:
        """Quick exit: the code shown once, and what went wrong, are dropped from this tab."""
        self.code, self.error, self.ent_sent, self.urgent = "", "", False, False

    @rx.event
    @off_loop
    def load(self) -> None:
        self._forget()
        uai = routes.param(self.router.url.path, "uai")
        with rx.session() as session:
            page = school_page(session, uai)
            self.found = page is not None
            if page is not None:
                school = page.etablissement
                self.uai, self.school_name = school.uai, school.name
                self.readers = list(dict.fromkeys(adult_view(c).role for c in page.contacts))
                login = current_ent_login(session, self.router)
                self.ent_available = messages.ent_route_open(settings.current().ent, login, school)
                self.ent_name = ent_sessions.display_name(login) if self.ent_available and login else ""
        self.loaded = True

    @rx.event
    @off_loop
    def send(self, form_data: dict) -> None:
        if self.code or self.ent_sent:
            return  # already sent from this screen: a double tap must not send twice
        fields = {k: form_data.get(k, "") for k in FIELDS} if isinstance(form_data, dict) else None
        if isinstance(form_data, dict) and form_data.get("via") == "ent":
            self._send_through_ent(fields)
            return
        try:
            with rx.session() as session:
                sent = messages.send_message(session, self.uai, fields, sender(self.router))
        except InvalidInput as refusal:
            self.error = str(refusal)
            return
        except Exception as error:
            logger.warning("message not stored: %s", error.__class__.__name__)
            self.error = NOT_SENT
            return
        self.error, self.code, self.urgent = "", sent.code, sent.urgent
        # Never the request's Origin: a forged one would send the referents' e-mail link to another site.
        link = routes.public_base_url(None) + routes.ADMIN_MESSAGES
        _notify_in_background(sent.uai, sent.urgent, link)

    def _send_through_ent(self, fields: dict | None) -> None:
        try:
            with rx.session() as session:
                login = current_ent_login(session, self.router)
                urgent = messages.send_through_ent(
                    session, settings.current().ent, login, self.uai, fields, sender(self.router)
                )
        except InvalidInput as refusal:
            self.error = str(refusal)
            return
        except ent.EntError as failure:
            logger.warning("ENT send failed: %s", failure.__class__.__name__)
            self.error = str(failure) + ENT_FAILED
            return
        self.error, self.ent_sent, self.urgent = "", True, urgent
