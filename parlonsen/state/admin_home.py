"""/admin: the login form, then the schools this admin may manage (searchable, 20 a page), and the menu."""

from __future__ import annotations

import reflex as rx

from parlonsen import roles, routes
from parlonsen.services.admin import manageable_etablissements
from parlonsen.services.reference import served_departements
from parlonsen.state.admin_auth import AdminAuthState
from parlonsen.state.off_loop import off_loop
from parlonsen.state.views import DepartementOption, SchoolRow, school_row

MAX_QUERY = 100


class AdminHomeState(AdminAuthState):
    query: str = ""
    page: int = 1
    pages: int = 1
    total: int = 0
    schools: list[SchoolRow] = []
    departements: list[DepartementOption] = []  # the départements whose resources this admin edits

    def _list(self) -> None:
        def read(session, actor):
            if not roles.may_manage_schools(actor):  # a référent reads messages; they manage no school
                return None, []
            served = {d.code: d for d in served_departements(session)}
            codes = roles.managed_departements(actor, list(served))
            options = [DepartementOption(c, f"{served[c].name} ({c})" if c in served else c) for c in codes]
            return manageable_etablissements(session, actor, self.query, self.page), options

        done, found = self._act(read)
        result, options = found if done and found is not None else (None, [])
        self.departements = options
        if result is None:
            self.schools, self.total, self.page, self.pages = [], 0, 1, 1
            return
        self.schools = [
            school_row(e, e.departement_code, href=routes.school(e.uai), edit_href=routes.admin_school(e.uai))
            for e in result.items
        ]
        self.total, self.page, self.pages = result.total, result.page, result.pages

    @rx.event
    @off_loop
    def load(self) -> None:
        self._list()

    @rx.event
    @off_loop
    def search(self, query: str) -> None:
        if not isinstance(query, str) or len(query) > MAX_QUERY:
            return
        self.query, self.page = query, 1
        self._list()

    @rx.event
    @off_loop
    def go_to_page(self, page: int) -> None:
        if isinstance(page, int) and not isinstance(page, bool):
            self.page = page
            self._list()
