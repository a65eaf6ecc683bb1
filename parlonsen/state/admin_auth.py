"""Admin login state. Every admin state inherits from it and calls `_actor()` in every handler.

The browser keeps only an opaque token (this tab's sessionStorage); each handler re-checks it
against the database, so a revoked or expired session stops working at the next click.
"""

from __future__ import annotations

import re

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from parlonsen.services.accounts import AccountError, login, logout, user_for_token
from parlonsen.services.admin import Actor

ROLE_LABELS = {
    "national": "Administrateur national",
    "departement": "Administrateur du département",
    "etablissement": "Administrateur d'établissement",
}
LOGIN_REQUIRED = "Connectez-vous pour continuer."
BAD_LOGIN_FORM = "Saisissez votre adresse e-mail et votre mot de passe."
BAD_FORM = "Formulaire invalide : rechargez la page."
ID = re.compile(r"^\d{1,12}$")
MAX_ID = 10**12 - 1


class LoginForm(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    email: str = Field(min_length=3, max_length=200)
    password: str = Field(min_length=1, max_length=200)


def form_int(value: object) -> int | None:
    """An id or version from a form (a string of digits) or an event (an int); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ID else None
    if isinstance(value, str) and ID.match(value.strip()):
        return int(value)
    return None


class AdminAuthState(rx.State):
    auth_token: str = rx.SessionStorage("", name="parlonsen_admin")
    me_email: str = ""
    me_role: str = ""
    me_departement: str = ""
    me_uai: str = ""
    login_error: str = ""

    @rx.var
    def logged_in(self) -> bool:
        return self.me_email != ""

    @rx.var
    def me_role_label(self) -> str:
        return ROLE_LABELS.get(self.me_role, "")

    def _actor(self) -> Actor | None:
        """The admin behind this tab's token, re-validated against the database; None if not logged in."""
        if not self.auth_token:
            self._forget()
            return None
        with rx.session() as session:
            user = user_for_token(session, self.auth_token)
        if user is None:
            self._forget()
            return None
        self.me_email, self.me_role = user.email, user.role
        self.me_departement, self.me_uai = user.departement_code or "", user.uai or ""
        return Actor.of(user)

    def _forget(self) -> None:
        self.auth_token, self.me_email, self.me_role, self.me_departement, self.me_uai = "", "", "", "", ""

    @rx.event
    def check(self) -> None:
        """On load of an admin page: refresh who is logged in (or show the login form)."""
        self._actor()

    @rx.event
    def submit_login(self, form_data: dict):
        try:
            form = LoginForm.model_validate(form_data if isinstance(form_data, dict) else {})
        except ValidationError:
            self.login_error = BAD_LOGIN_FORM
            return None
        try:
            with rx.session() as session:
                token = login(session, form.email, form.password)
        except AccountError as error:
            self.login_error = str(error)
            return None
        self.auth_token, self.login_error = token, ""
        self._actor()
        return rx.redirect("/admin")

    @rx.event
    def sign_out(self):
        if self.auth_token:
            with rx.session() as session:
                logout(session, self.auth_token)
        self._forget()
        return rx.redirect("/admin")
