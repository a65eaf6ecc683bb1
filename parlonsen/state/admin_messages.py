"""/admin/messages: the school's conversations for its trusted adults (referents); counts for other admins.

Every handler re-checks the adult and lets the service authorise the conversation it touches; the
decrypted thread lives only in this adult's tab, and each read is audited by the service.
"""

import reflex as rx

from parlonsen.services import messages
from parlonsen.services.admin import Conflict, Forbidden, InvalidInput
from parlonsen.state.admin_auth import BAD_FORM, LOGIN_REQUIRED, AdminAuthState, form_int


class AdminMessagesState(AdminAuthState):
    can_read: bool = False
    conversations: list[dict[str, str]] = []
    open_count: int = 0
    urgent_count: int = 0
    waiting_count: int = 0
    thread_id: str = ""
    thread_status: str = ""
    thread_taken_by: str = ""
    thread_hint: str = ""
    thread_urgent: bool = False
    lines: list[dict[str, str]] = []
    error: str = ""
    message: str = ""

    def _clear_thread(self) -> None:
        self.thread_id, self.thread_status, self.thread_taken_by, self.thread_hint = "", "", "", ""
        self.thread_urgent, self.lines = False, []

    def _refresh(self, actor) -> None:
        with rx.session() as session:
            counted = messages.counts(session, actor)
            self.open_count, self.urgent_count, self.waiting_count = (
                counted["open"], counted["urgent"], counted["waiting"]
            )  # fmt: skip
            self.can_read = actor.role == "referent"
            if not self.can_read:
                self.conversations = []
                self._clear_thread()
                return
            self.conversations = [
                {
                    "id": str(s.id),
                    "urgent": "1" if s.urgent else "",
                    "status": "Fermée" if s.status == "closed" else "Ouverte",
                    "waiting": "1" if s.waiting_for_adult else "",
                    "taken_by": s.taken_by_email,
                    "last": s.last_activity_at.strftime("%d/%m/%Y %H:%M"),
                    "count": str(s.messages),
                }
                for s in messages.list_conversations(session, actor)
            ]

    def _show(self, actor, conversation_id: int) -> None:
        with rx.session() as session:
            thread = messages.read_conversation(session, actor, conversation_id)
        self.thread_id, self.thread_status, self.thread_taken_by = str(thread.id), thread.status, thread.taken_by_email
        self.thread_hint, self.thread_urgent = thread.contact_hint, thread.urgent
        self.lines = [
            {
                "who": "Élève" if line.author == "eleve" else line.author_email,
                "author": line.author,
                "body": line.body,
                "at": line.at.strftime("%d/%m/%Y %H:%M"),
            }
            for line in thread.lines
        ]

    def _run(self, action, success: str, conversation_id: object) -> None:
        actor = self._actor()
        if actor is None:
            self.error, self.message = LOGIN_REQUIRED, ""
            return
        cid = form_int(conversation_id)
        if cid is None:
            self.error = BAD_FORM
            return
        try:
            with rx.session() as session:
                action(session, actor, cid)
            self.error, self.message = "", success
            self._show(actor, cid)
        except (Forbidden, InvalidInput, Conflict) as refusal:
            self.error, self.message = str(refusal), ""
            self._clear_thread()
        self._refresh(actor)

    @rx.event
    def load(self) -> None:
        self.error = self.message = ""
        self._clear_thread()
        actor = self._actor()
        if actor is None:
            return
        try:
            self._refresh(actor)
        except Forbidden as refusal:
            self.error = str(refusal)

    @rx.event
    def open_conversation(self, conversation_id: str) -> None:
        self._run(lambda session, actor, cid: None, "", conversation_id)

    @rx.event
    def take(self, conversation_id: str) -> None:
        self._run(messages.take_charge, "Conversation prise en charge.", conversation_id)

    @rx.event
    def reply(self, form_data: dict) -> None:
        if not isinstance(form_data, dict):
            self.error = BAD_FORM
            return
        data = {"body": form_data.get("body", "")}
        self._run(
            lambda s, a, cid: messages.reply(s, a, cid, data), "Réponse envoyée.", form_data.get("conversation_id")
        )

    @rx.event
    def close(self, conversation_id: str) -> None:
        self._run(messages.close, "Conversation fermée.", conversation_id)
