"""/admin/invitation?jeton=…: an invited adult chooses their own password, through the single-use link that was
e-mailed to their own address. Nobody else ever knows that password, the admin who invited them included.

The token is read from the address once, into a backend var (`_token`): it never goes back to the browser in
the state, nor into the logs. The service checks the link again at the save (used, expired, replaced).
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from parlonsen.services.accounts import MAX_PASSWORD_LENGTH, AccountError, accept_invitation, invitation_email
from parlonsen.state.off_loop import off_loop

BAD_PASSWORD_FORM = "Saisissez votre nouveau mot de passe, puis le même une seconde fois."
PASSWORD_SAVED = "Votre mot de passe est enregistré. Vous pouvez vous connecter."
MAX_TOKEN_LENGTH = 100  # a token is 43 characters; anything longer is not one


class NewPasswordForm(BaseModel):
    """Stripped like the login form strips it, so that the password saved is the one the login will check."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    password_again: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


class AdminInvitationState(rx.State):
    _token: str = ""
    email: str = ""  # the account the link is for: the adult checks it is their own address
    link_error: str = ""  # the link is unknown, used, expired or replaced: no form
    error: str = ""  # the password was refused: the form stays
    done: bool = False

    @rx.event
    @off_loop
    def load(self) -> None:
        token = self.router.url.query_parameters.get("jeton", "")
        self._token = token if isinstance(token, str) and len(token) <= MAX_TOKEN_LENGTH else ""
        self.email = self.link_error = self.error = ""
        self.done = False
        try:
            with rx.session() as session:
                self.email = invitation_email(session, self._token)
        except AccountError as refusal:
            self._token, self.link_error = "", str(refusal)

    @rx.event
    @off_loop
    def submit(self, form_data: dict) -> None:
        if not self._token:
            return  # no live link on this tab (a forged event, or a second click after success)
        try:
            form = NewPasswordForm.model_validate(form_data if isinstance(form_data, dict) else {})
        except ValidationError:
            self.error = BAD_PASSWORD_FORM
            return
        try:
            with rx.session() as session:
                accept_invitation(session, self._token, form.password, form.password_again)
        except AccountError as refusal:
            self.error = str(refusal)
            return
        self._token, self.error, self.done = "", "", True
