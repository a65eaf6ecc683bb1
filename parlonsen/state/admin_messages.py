"""/admin/messages: the school's conversations for its trusted adults (referents); counts for other admins.

Every handler runs through `_act`: the service authorises the conversation it touches (`roles.messages_school`);
the decrypted thread lives only in this adult's tab, and each read is audited by the service.
"""

import reflex as rx

from parlonsen import roles
from parlonsen.display import paris_time
from parlonsen.kernel import BAD_FORM, form_int
from parlonsen.services import messages
from parlonsen.state.admin_auth import AdminAuthState
from parlonsen.state.off_loop import off_loop
from parlonsen.state.views import ConversationRow, ThreadLine


class AdminMessagesState(AdminAuthState):
    conversations: list[ConversationRow] = []
    open_count: int = 0
    urgent_count: int = 0
    waiting_count: int = 0
    thread_id: int = 0
    thread_status: str = ""
    thread_taken_by: str = ""
    thread_hint: str = ""
    thread_urgent: bool = False
    lines: list[ThreadLine] = []

    def _clear_thread(self) -> None:
        self.thread_id, self.thread_status, self.thread_taken_by, self.thread_hint = 0, "", "", ""
        self.thread_urgent, self.lines = False, []

    def _refresh(self) -> None:
        """The counts for every admin; the list for a trusted adult only (the service refuses anyone else)."""

        def read(session, actor):
            counted = messages.counts(session, actor)
            listed = messages.list_conversations(session, actor) if roles.may_read_messages(actor) else []
            return counted, listed

        outcome = (self.error, self.message)
        done, found = self._act(read)
        self.error, self.message = outcome if done else (self.error, "")
        if not done or found is None:
            self.conversations = []
            self._clear_thread()
            return
        counted, listed = found
        self.open_count, self.urgent_count, self.waiting_count = counted["open"], counted["urgent"], counted["waiting"]
        self.conversations = [
            ConversationRow(
                id=s.id,
                urgent=s.urgent,
                status="Fermée" if s.status == "closed" else "Ouverte",
                waiting=s.waiting_for_adult,
                taken_by=s.taken_by_email,
                last=paris_time(s.last_activity_at),
                count=s.messages,
                burst=s.burst,
            )
            for s in listed
        ]

    def _show(self, thread: messages.Thread) -> None:
        self.thread_id, self.thread_status, self.thread_taken_by = thread.id, thread.status, thread.taken_by_email
        self.thread_hint, self.thread_urgent = thread.contact_hint, thread.urgent
        self.lines = [
            ThreadLine(
                who="Élève" if line.author == "eleve" else line.author_email,
                author=line.author,
                body=line.body,
                at=paris_time(line.at),
            )
            for line in thread.lines
        ]

    def _on_conversation(self, action, success: str, conversation_id: object) -> None:
        """Run an action on one conversation, then show it again (read and audited by the service)."""
        cid = form_int(conversation_id)
        if cid is None:
            self.error, self.message = BAD_FORM, ""
            return

        def act_then_read(session, actor):
            action(session, actor, cid)
            return messages.read_conversation(session, actor, cid)

        done, thread = self._act(act_then_read, success)
        if done and thread is not None:
            self._show(thread)
        else:
            self._clear_thread()
        self._refresh()

    @rx.event
    @off_loop
    def load(self) -> None:
        self.error = self.message = ""
        self._clear_thread()
        self._refresh()

    @rx.event
    @off_loop
    def open_conversation(self, conversation_id: str) -> None:
        self._on_conversation(lambda session, actor, cid: None, "", conversation_id)

    @rx.event
    @off_loop
    def take(self, conversation_id: str) -> None:
        self._on_conversation(messages.take_charge, "Conversation prise en charge.", conversation_id)

    @rx.event
    @off_loop
    def reply(self, form_data: dict) -> None:
        if not isinstance(form_data, dict):
            self.error = BAD_FORM
            return
        data = {"body": form_data.get("body", "")}
        self._on_conversation(
            lambda s, a, cid: messages.reply(s, a, cid, data), "Réponse envoyée.", form_data.get("conversation_id")
        )

    @rx.event
    @off_loop
    def close(self, conversation_id: str) -> None:
        self._on_conversation(messages.close, "Conversation fermée.", conversation_id)
