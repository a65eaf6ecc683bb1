"""/admin/departement/<code>: a département's resources (CRIP, Maisons des adolescents…), hidden ones included.

Every handler re-checks the admin (`_actor`) and lets the service authorise the resource itself, so a
forged id or another département's resource is refused; forms carry the version they were opened at.
"""

import re
from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from parlonsen.models import Departement, Resource
from parlonsen.services import admin
from parlonsen.services.directory import departement_resources
from parlonsen.state.admin_auth import BAD_FORM, LOGIN_REQUIRED, AdminAuthState, form_int
from parlonsen.state.routing import route_param
from parlonsen.state.views import resource_row

PREFIX = "/admin/departement/"
RESOURCE_FIELDS = ("kind", "name", "description", "phone", "email", "url", "address", "hours")
SAVED = "Enregistré."
DEPARTEMENT_CODE = re.compile(r"^(\d{2,3}|2[AB])$")


class AdminDepartementState(AdminAuthState):
    allowed: bool = False
    departement_code: str = ""
    departement_name: str = ""
    resources: list[dict[str, str]] = []
    add_form_key: str = "0"
    error: str = ""
    message: str = ""

    def _reload(self, actor: admin.Actor) -> None:
        """Fill the page only for an admin who may manage this département; otherwise show nothing."""
        self.allowed, self.departement_name, self.resources = False, "", []
        if not admin.may_manage_departement(actor, self.departement_code):
            self.error, self.message = admin.FORBIDDEN, ""
            return
        with rx.session() as session:
            departement = session.get(Departement, self.departement_code)
            if departement is None:
                self.error, self.message = "Ce département n'existe pas.", ""
                return
            self.allowed, self.departement_name = True, departement.name
            self.resources = [
                resource_row(r) for r in departement_resources(session, departement.code, include_hidden=True)
            ]

    def _logged_out(self) -> None:
        self.allowed, self.departement_name, self.resources = False, "", []
        self.error, self.message = LOGIN_REQUIRED, ""

    def _run(self, actor: admin.Actor, action: Callable[[Session, admin.Actor], object]) -> bool:
        """Run one service call in a fresh session, turn refusals into French messages, then reload."""
        try:
            with rx.session() as session:
                action(session, actor)
        except (admin.Forbidden, admin.InvalidInput, admin.Conflict) as refusal:
            self.error, self.message = str(refusal), ""
            done = False
        else:
            self.error, self.message = "", SAVED
            done = True
        self._reload(actor)
        return done

    @rx.event
    def load(self) -> None:
        code = route_param(self.router.url.path, PREFIX).upper()
        self.departement_code = code if DEPARTEMENT_CODE.match(code) else ""
        self.error = self.message = ""
        actor = self._actor()
        if actor is None:
            self.allowed, self.departement_name, self.resources = False, "", []
            return
        self._reload(actor)

    @rx.event
    def save_resource(self, form_data: dict) -> None:
        actor = self._actor()
        if actor is None:
            self._logged_out()
            return
        fields = form_data if isinstance(form_data, dict) else {}
        resource_id, version = form_int(fields.get("resource_id")), form_int(fields.get("version"))
        if resource_id is None or version is None:
            self.error, self.message = BAD_FORM, ""
            return
        data = {k: fields.get(k, "") for k in RESOURCE_FIELDS}
        self._run(actor, lambda s, a: admin.update_resource(s, a, resource_id, data, version))

    @rx.event
    def add_resource(self, form_data: dict) -> None:
        actor = self._actor()
        if actor is None:
            self._logged_out()
            return
        if not isinstance(form_data, dict):
            self.error, self.message = BAD_FORM, ""
            return
        data = {k: form_data.get(k, "") for k in RESOURCE_FIELDS}
        if self._run(actor, lambda s, a: admin.add_resource(s, a, self.departement_code, data)):
            self.add_form_key = str(int(self.add_form_key) + 1)  # a new key empties the form

    @rx.event
    def toggle_resource(self, resource_id: int) -> None:
        actor = self._actor()
        if actor is None:
            self._logged_out()
            return
        rid = form_int(resource_id)
        if rid is None:
            self.error, self.message = BAD_FORM, ""
            return

        def toggle(session: Session, actor: admin.Actor) -> None:
            resource = session.get(Resource, rid)
            if resource is None:
                raise admin.Forbidden()
            admin.set_resource_hidden(session, actor, rid, not resource.hidden)

        self._run(actor, toggle)
