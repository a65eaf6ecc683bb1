"""/suivi: the student opens their conversation with the follow-up code, reads replies, answers.

The code is kept only in a backend var of this tab (`_code`), never sent back to the browser.
"""

import reflex as rx

from parlonsen.display import paris_day
from parlonsen.kernel import InvalidInput
from parlonsen.services import messages
from parlonsen.state.client import sender
from parlonsen.state.off_loop import off_loop
from parlonsen.state.views import ThreadLine

MAX_CODE = 200


class FollowUpState(rx.State):
    _code: str = ""
    opened: bool = False
    school_name: str = ""
    closed: bool = False
    lines: list[ThreadLine] = []
    error: str = ""
    message: str = ""

    def _who(self) -> tuple[str, str]:
        """(address, tab) for the wrong-code throttle."""
        who = sender(self.router)
        return who.address, who.tab

    def _show(self, thread: messages.Thread) -> None:
        self.opened, self.school_name, self.closed = True, thread.school_name, thread.status != "open"
        self.lines = [
            ThreadLine(
                who="Toi" if line.author == "eleve" else "Un adulte de ton établissement",
                author=line.author,
                body=line.body,
                at=paris_day(line.at),
            )
            for line in thread.lines
        ]

    def _reopen(self) -> None:
        with rx.session() as session:
            self._show(messages.open_by_code(session, self._code, *self._who()))

    @rx.event
    @off_loop
    def open(self, form_data: dict) -> None:
        code = form_data.get("code") if isinstance(form_data, dict) else None
        if not isinstance(code, str) or not code.strip() or len(code) > MAX_CODE:
            self.error = "Écris ton code de suivi (les mots et le nombre)."
            return
        try:
            with rx.session() as session:
                thread = messages.open_by_code(session, code, *self._who())
        except InvalidInput as refusal:
            self.error, self.opened, self.lines = str(refusal), False, []
            return
        self._code, self.error, self.message = code, "", ""
        self._show(thread)

    @rx.event
    @off_loop
    def refresh(self) -> None:
        if self._code:
            self._reopen()

    @rx.event
    @off_loop
    def answer(self, form_data: dict) -> None:
        if not self._code:
            self.error = "Ouvre d'abord ta conversation avec ton code."
            return
        data = {"body": form_data.get("body", "")} if isinstance(form_data, dict) else None
        try:
            with rx.session() as session:
                messages.student_reply(session, self._code, data, sender(self.router))
        except InvalidInput as refusal:
            self.error, self.message = str(refusal), ""
            return
        except Exception:
            self.error = "Ta réponse n'a pas pu être envoyée. Elle est toujours là : réessaie."
            return
        self.error, self.message = "", "Ta réponse est envoyée."
        self._reopen()

    def _forget(self) -> None:
        """The code, the thread and what was said about it are dropped from this tab (quick exit, « Fermer »)."""
        self._code, self.opened, self.lines, self.school_name, self.message, self.error = "", False, [], "", "", ""
        self.closed = False

    @rx.event
    def leave(self) -> None:
        """Close the conversation on this screen (the code is forgotten by this tab)."""
        self._forget()
