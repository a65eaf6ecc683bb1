"""Admin login, and the one way an admin state runs an action. Every admin state inherits from it.

The browser keeps only an opaque token (this tab's sessionStorage); `_act` re-checks it against the database
at every action, so a revoked or expired session stops working at the next click. What the menu shows comes
from `parlonsen.roles`, the only place that knows who may do what; the services check it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session

from parlonsen import roles, routes
from parlonsen.kernel import REFUSALS, Actor
from parlonsen.services.accounts import AccountError, login, logout, user_for_token
from parlonsen.state.client import sender
from parlonsen.state.off_loop import off_loop

LOGIN_REQUIRED = "Connectez-vous pour continuer."
BAD_LOGIN_FORM = "Saisissez votre adresse e-mail et votre mot de passe."
T = TypeVar("T")


class LoginForm(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    email: str = Field(min_length=3, max_length=200)
    password: str = Field(min_length=1, max_length=200)


class AdminAuthState(rx.State):
    auth_token: str = rx.SessionStorage("", name="parlonsen_admin")
    me_email: str = ""
    me_role_label: str = ""
    may_manage_schools: bool = False
    may_read_journal: bool = False
    may_read_messages: bool = False
    login_error: str = ""
    error: str = ""
    message: str = ""

    @rx.var
    def logged_in(self) -> bool:
        return self.me_email != ""

    def _actor(self) -> Actor | None:
        """The admin behind this tab's token, re-validated against the database; None if not logged in."""
        if not self.auth_token:
            self._drop_login()
            return None
        with rx.session() as session:
            user = user_for_token(session, self.auth_token)
        if user is None:
            self._drop_login()
            return None
        actor = Actor.of(user)
        self.me_email, self.me_role_label = actor.email, roles.label(actor.role)
        self.may_manage_schools, self.may_read_journal = roles.may_manage_schools(actor), roles.may_read_audit(actor)
        self.may_read_messages = roles.may_read_messages(actor)
        return actor

    def _drop_login(self) -> None:
        self.auth_token, self.me_email, self.me_role_label = "", "", ""
        self.may_manage_schools = self.may_read_journal = self.may_read_messages = False

    def _act(self, action: Callable[[Session, Actor], T], success: str = "") -> tuple[bool, T | None]:
        """Check who is logged in, run one service call with a fresh session, and say how it went in French: a
        refusal (Forbidden, InvalidInput, Conflict) becomes `error`, a success `message`. (done, result)."""
        actor = self._actor()
        if actor is None:
            self.error, self.message = LOGIN_REQUIRED, ""
            return False, None
        try:
            with rx.session() as session:
                result = action(session, actor)
        except REFUSALS as refusal:
            self.error, self.message = str(refusal), ""
            return False, None
        self.error, self.message = "", success
        return True, result

    @rx.event
    @off_loop
    def check(self) -> None:
        """On load of an admin page: refresh who is logged in (or show the login form)."""
        self._actor()

    @rx.event
    @off_loop
    def submit_login(self, form_data: dict):
        try:
            form = LoginForm.model_validate(form_data if isinstance(form_data, dict) else {})
        except ValidationError:
            self.login_error = BAD_LOGIN_FORM
            return None
        try:
            with rx.session() as session:
                token = login(session, form.email, form.password, client=sender(self.router).address)
        except AccountError as error:
            self.login_error = str(error)
            return None
        self.auth_token, self.login_error = token, ""
        self._actor()
        return rx.redirect(routes.ADMIN)

    @rx.event
    @off_loop
    def sign_out(self):
        if self.auth_token:
            with rx.session() as session:
                logout(session, self.auth_token)
        self._drop_login()
        return rx.redirect(routes.ADMIN)
