"""/admin/journal: who changed or read what, when, 20 entries a page, for national and département admins."""

from __future__ import annotations

import reflex as rx

from parlonsen import audit
from parlonsen.audit import JournalRow
from parlonsen.kernel import form_int
from parlonsen.state.admin_auth import AdminAuthState
from parlonsen.state.off_loop import off_loop


class AdminJournalState(AdminAuthState):
    allowed: bool = False
    entries: list[JournalRow] = []
    page_number: int = 1
    pages: int = 1
    total: int = 0

    @rx.var
    def page_label(self) -> str:
        return f"Page {self.page_number} sur {self.pages}"

    def _show(self, page: int) -> None:
        self.allowed, self.entries, self.total, self.pages = False, [], 0, 1
        done, result = self._act(lambda s, a: audit.journal(s, a, page))
        if not done or result is None:
            self.page_number = 1
            return
        self.allowed, self.entries = True, result.items
        self.page_number, self.pages, self.total = result.page, result.pages, result.total

    @rx.event
    @off_loop
    def load(self) -> None:
        self._show(1)

    @rx.event
    @off_loop
    def go_to_page(self, page: int) -> None:
        number = form_int(page)
        if number is None:
            self.error = "Numéro de page invalide."
            return
        self._show(number)
