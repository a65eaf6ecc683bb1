"""The public page of one school (/etablissement/<uai>) and the search that finds it."""

import reflex as rx

from parlonsen import routes
from parlonsen.services import ent_sessions
from parlonsen.services.directory import school_page, search_etablissements
from parlonsen.state.ent import current_ent_login
from parlonsen.state.off_loop import off_loop
from parlonsen.state.views import (
    AdultView,
    ResourceView,
    SchoolRow,
    adult_view,
    resource_view,
    school_place,
    school_row,
)

MAX_QUERY = 100


class SchoolState(rx.State):
    loaded: bool = False
    found: bool = False
    uai: str = ""
    name: str = ""
    place: str = ""
    welcome: str = ""
    departement: str = ""
    adults: list[AdultView] = []
    resources: list[ResourceView] = []
    ent_profile: str = ""

    @rx.event
    @off_loop
    def load(self) -> None:
        """On page load: read the school named by the URL; an unknown UAI shows the kind 404."""
        uai = routes.param(self.router.url.path, "uai")
        with rx.session() as session:
            page = school_page(session, uai)
            if page is None:
                self.loaded, self.found, self.uai = True, False, ""
                self.adults, self.resources = [], []
                return
            school = page.etablissement
            self.uai, self.name, self.welcome = school.uai, school.name, school.welcome
            self.place = school_place(school, school.code_postal)
            self.departement = page.departement.name
            self.adults = [adult_view(c) for c in page.contacts]
            self.resources = [resource_view(r) for r in page.resources]
            login = current_ent_login(session, self.router)
            in_school = login is not None and school.uai in ent_sessions.uais(login)
            self.ent_profile = login.profile if in_school and login is not None else ""
        self.loaded, self.found = True, True


class SchoolSearchState(rx.State):
    query: str = ""
    results: list[SchoolRow] = []
    searched: bool = False

    def _forget(self) -> None:
        """Quick exit: the school searched for is dropped from this tab."""
        self.query, self.results, self.searched = "", [], False

    @rx.event
    @off_loop
    def load(self) -> None:
        """On page load: a search sent as a plain form (`?q=`, before the page was ready) is run at once."""
        query = self.router.url.query_parameters.get("q", "")
        if isinstance(query, str) and query:
            self._search(query)

    @rx.event
    @off_loop
    def search(self, query: str) -> None:
        self._search(query)

    def _search(self, query: object) -> None:
        """Find schools by name, commune, postcode or UAI; anything but a short string finds nothing."""
        if not isinstance(query, str) or len(query) > MAX_QUERY:
            self.results, self.searched = [], True
            return
        self.query = query
        with rx.session() as session:
            found = search_etablissements(session, query)
            self.results = [school_row(e, href=routes.school(e.uai)) for e in found]
        self.searched = len(query.strip()) >= 2

    @rx.event
    @off_loop
    def submit(self, form: dict) -> None:
        """« Chercher » once the page is ready: the same search, without leaving the page."""
        query = form.get("q", "") if isinstance(form, dict) else ""
        self._search(query if isinstance(query, str) else "")
