"""/admin: log in, then pick a school to edit; links to the département resources and the journal."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.state.admin_auth import AdminAuthState
from parlonsen.state.admin_home import AdminHomeState as H


def field(label: str, name: str, kind: str = "text", **props) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=f"field-{name}"),
        rx.el.input(id=f"field-{name}", name=name, type=kind, class_name="admin-input", **props),
        class_name="admin-field",
    )


def login_form() -> rx.Component:
    return rx.el.form(
        rx.el.h1("Espace administrateurs"),
        rx.el.p("Pour les administrateurs de l'ENT, des établissements et des départements."),
        rx.cond(
            AdminAuthState.login_error != "",
            rx.el.p(AdminAuthState.login_error, class_name="error", role="alert", id="login-error"),
        ),
        field("Adresse e-mail", "email", "email", auto_complete="username", required=True),
        field("Mot de passe", "password", "password", auto_complete="current-password", required=True),
        rx.el.button("Se connecter", type="submit", class_name="button", id="login-submit"),
        on_submit=AdminAuthState.submit_login,
        reset_on_submit=False,
        class_name="admin-form",
        id="login-form",
    )


def admin_bar() -> rx.Component:
    return rx.el.div(
        rx.el.span("Connecté·e : ", rx.el.strong(AdminAuthState.me_email), " — ", AdminAuthState.me_role_label),
        rx.el.button(
            "Se déconnecter", on_click=AdminAuthState.sign_out, class_name="link-button", id="logout", type="button"
        ),
        class_name="admin-bar",
    )


def admin_guard(*children: rx.Component) -> rx.Component:
    """The login form until this tab has a valid session; cosmetic only: every handler re-checks."""
    return page(rx.cond(AdminAuthState.logged_in, rx.el.div(admin_bar(), *children), login_form()))


def dashboard() -> rx.Component:
    return rx.cond(
        AdminAuthState.may_manage_schools,
        schools_dashboard(),
        rx.el.div(
            rx.el.h1("Groupe d'adultes de confiance"),
            rx.el.p(link("Lire et répondre aux messages des élèves", href=routes.ADMIN_MESSAGES, id="to-messages")),
        ),
    )


def schools_dashboard() -> rx.Component:
    return rx.el.div(
        rx.el.h1("Mes établissements"),
        rx.el.p(link("Messages des élèves (nombres)", href=routes.ADMIN_MESSAGES, id="to-messages")),
        rx.el.p(
            rx.cond(
                AdminAuthState.may_read_journal,
                rx.el.span(link("Journal des modifications", href=routes.ADMIN_JOURNAL), " · "),
            ),
            rx.cond(
                H.departements.length() > 0,
                rx.el.span(
                    "Ressources du département : ",
                    rx.foreach(
                        H.departements,
                        lambda d: rx.el.span(link(d.label, href=routes.admin_departement(d.code)), " "),
                    ),
                    id="departement-links",
                ),
            ),
        ),
        rx.el.label("Chercher (nom, ville, UAI)", html_for="admin-query"),
        rx.el.input(
            id="admin-query",
            type="search",
            class_name="admin-input",
            on_change=H.search.debounce(250),
            auto_complete="off",
        ),
        rx.el.p(H.total, " établissement(s)", class_name="muted"),
        rx.el.ul(
            rx.foreach(
                H.schools,
                lambda e: rx.el.li(
                    rx.el.strong(e.name),
                    rx.el.br(),
                    rx.el.span(e.place, " · ", e.uai, class_name="muted"),
                    rx.el.br(),
                    link("Modifier", href=e.edit_href, id="edit-" + e.uai),
                    " · ",
                    link("Voir la page", href=e.href),
                ),
            ),
            class_name="steps",
            id="admin-schools",
        ),
        rx.el.div(
            rx.el.button(
                "← Précédente",
                on_click=H.go_to_page(H.page - 1),
                disabled=H.page <= 1,
                class_name="button secondary",
                type="button",
            ),
            rx.el.span("Page ", H.page, " sur ", H.pages),
            rx.el.button(
                "Suivante →",
                on_click=H.go_to_page(H.page + 1),
                disabled=H.page >= H.pages,
                class_name="button secondary",
                type="button",
            ),
            class_name="actions",
        ),
    )


def admin_home_page() -> rx.Component:
    return admin_guard(dashboard())
