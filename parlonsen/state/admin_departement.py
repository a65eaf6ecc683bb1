"""/admin/departement/<code>: a département's resources (CRIP, Maisons des adolescents…), hidden ones included.

Every action goes through `_act`; the services authorise the resource itself, so a forged id or another
département's resource is refused, and forms carry the version they were opened at.
"""

from __future__ import annotations

import re

import reflex as rx

from parlonsen import routes
from parlonsen.kernel import BAD_FORM, form_int
from parlonsen.services import admin
from parlonsen.state.admin_auth import AdminAuthState
from parlonsen.state.off_loop import off_loop
from parlonsen.state.views import ResourceRow, resource_row

RESOURCE_FORM_FIELDS = ("kind", "name", "description", "phone", "email", "url", "address", "hours")
SAVED = "Enregistré."
DEPARTEMENT_CODE = re.compile(r"^(\d{2,3}|2[AB])$")


class AdminDepartementState(AdminAuthState):
    allowed: bool = False
    departement_code: str = ""
    departement_name: str = ""
    resources: list[ResourceRow] = []
    add_form_key: int = 0

    def _reload(self) -> None:
        """Fill the page only for an admin who may manage this département. The last action's outcome stays."""
        outcome = (self.error, self.message)
        done, found = self._act(lambda s, a: admin.departement_editor(s, a, self.departement_code))
        self.allowed, self.departement_name, self.resources = False, "", []
        if not done or found is None:
            return
        self.error, self.message = outcome
        departement, resources = found
        self.allowed, self.departement_name = True, departement.name
        self.resources = [resource_row(r) for r in resources]

    def _run(self, action) -> bool:
        done, _ = self._act(action, SAVED)
        self._reload()
        return done

    @rx.event
    @off_loop
    def load(self) -> None:
        code = routes.param(self.router.url.path, "code").upper()
        self.departement_code = code if DEPARTEMENT_CODE.match(code) else ""
        self.error = self.message = ""
        self._reload()

    @rx.event
    @off_loop
    def save_resource(self, form_data: dict) -> None:
        fields = form_data if isinstance(form_data, dict) else {}
        resource_id, version = form_int(fields.get("resource_id")), form_int(fields.get("version"))
        if resource_id is None or version is None:
            self.error, self.message = BAD_FORM, ""
            return
        data = {k: fields.get(k, "") for k in RESOURCE_FORM_FIELDS}
        self._run(lambda s, a: admin.update_resource(s, a, resource_id, data, version))

    @rx.event
    @off_loop
    def add_resource(self, form_data: dict) -> None:
        if not isinstance(form_data, dict):
            self.error, self.message = BAD_FORM, ""
            return
        data = {k: form_data.get(k, "") for k in RESOURCE_FORM_FIELDS}
        if self._run(lambda s, a: admin.add_resource(s, a, self.departement_code, data)):
            self.add_form_key += 1  # a new key empties the form

    @rx.event
    @off_loop
    def toggle_resource(self, resource_id: int) -> None:
        rid = form_int(resource_id)
        if rid is None:
            self.error, self.message = BAD_FORM, ""
            return
        self._run(lambda s, a: admin.toggle_resource(s, a, rid))
