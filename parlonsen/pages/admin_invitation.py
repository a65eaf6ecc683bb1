"""/admin/invitation?jeton=…: an invited adult chooses their own password (the link is single-use, 48 hours)."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.services.accounts import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from parlonsen.state.admin_invitation import PASSWORD_SAVED
from parlonsen.state.admin_invitation import AdminInvitationState as S


def _described_by(help_id: str) -> rx.Var:
    """The field's help, and the refusal too when there is one (read with the field by screen readers)."""
    return rx.cond(S.error != "", "invitation-error " + help_id, help_id)


def password_field(label: str, name: str, help_text: str) -> rx.Component:
    field_id, help_id = f"invitation-{name}", f"invitation-{name}-help"
    return rx.el.div(
        rx.el.label(label, html_for=field_id),
        rx.el.input(
            id=field_id,
            name=name,
            type="password",
            auto_complete="new-password",
            required=True,
            min_length=MIN_PASSWORD_LENGTH,
            max_length=MAX_PASSWORD_LENGTH,
            class_name="admin-input",
            aria_describedby=_described_by(help_id),
            aria_invalid=rx.cond(S.error != "", "true", "false"),
        ),
        rx.el.p(help_text, id=help_id, class_name="muted"),
        class_name="admin-field",
    )


def password_form() -> rx.Component:
    return rx.el.form(
        rx.cond(S.error != "", rx.el.p(S.error, class_name="error", role="alert", id="invitation-error")),
        rx.el.div(
            rx.el.label("Votre compte", html_for="invitation-username"),
            rx.el.input(
                id="invitation-username",
                name="username",
                type="email",
                value=S.email,
                read_only=True,
                auto_complete="username",
                class_name="admin-input",
            ),
            class_name="admin-field",
        ),
        password_field(
            f"Nouveau mot de passe ({MIN_PASSWORD_LENGTH} caractères au moins)",
            "password",
            "Choisissez-en un que vous n'utilisez nulle part ailleurs. Personne ne doit vous le demander.",
        ),
        password_field("Le même mot de passe, une seconde fois", "password_again", "Pour éviter une faute de frappe."),
        rx.el.button("Enregistrer mon mot de passe", type="submit", class_name="button", id="invitation-submit"),
        on_submit=S.submit,
        reset_on_submit=True,
        class_name="admin-form",
        id="invitation-form",
    )


def invitation_page() -> rx.Component:
    return page(
        rx.el.h1("Choisir mon mot de passe"),
        rx.cond(
            S.done,
            rx.el.div(
                rx.el.p(PASSWORD_SAVED, class_name="notice", role="status", id="invitation-done"),
                rx.el.p(link("Se connecter", href=routes.ADMIN, class_name="button", id="invitation-login")),
            ),
            rx.cond(
                S.link_error != "",
                rx.el.p(S.link_error, class_name="error", role="alert", id="invitation-link-error"),
                rx.cond(S.email != "", password_form(), rx.el.p("Vérification du lien…", class_name="muted")),
            ),
        ),
    )
