"""/admin: the login form, then the schools this admin may manage (searchable, 20 a page)."""

import reflex as rx

from parlonsen.services.admin import manageable_etablissements
from parlonsen.state.admin_auth import AdminAuthState
from parlonsen.state.views import school_place

MAX_QUERY = 100


class AdminHomeState(AdminAuthState):
    query: str = ""
    page: int = 1
    pages: int = 1
    total: int = 0
    schools: list[dict[str, str]] = []

    def _list(self) -> None:
        actor = self._actor()
        if actor is None or actor.role == "referent":  # referents read messages; they manage no school
            self.schools, self.total, self.page, self.pages = [], 0, 1, 1
            return
        with rx.session() as session:
            result = manageable_etablissements(session, actor, self.query, self.page)
            self.schools = [
                {
                    "uai": e.uai,
                    "name": e.name,
                    "place": school_place(e, e.departement_code),
                    "edit": f"/admin/etablissement/{e.uai}",
                    "view": f"/etablissement/{e.uai}",
                }
                for e in result.items
            ]
        self.total, self.page, self.pages = result.total, result.page, result.pages

    @rx.event
    def load(self) -> None:
        self._list()

    @rx.event
    def search(self, query: str) -> None:
        if not isinstance(query, str) or len(query) > MAX_QUERY:
            return
        self.query, self.page = query, 1
        self._list()

    @rx.event
    def go_to_page(self, page: int) -> None:
        if isinstance(page, int) and not isinstance(page, bool):
            self.page = page
            self._list()
