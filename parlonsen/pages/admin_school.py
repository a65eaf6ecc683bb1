"""/admin/etablissement/<uai>: the school editor, with a live preview of what students see."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.links import link
from parlonsen.components.school import adults_list
from parlonsen.pages.admin import admin_guard
from parlonsen.state.admin_school import AdminSchoolState as S

TEXT_FIELDS = (
    ("name", "Nom (facultatif)", 120),
    ("where", "Où le trouver", 300),
    ("when", "Quand", 300),
    ("how", "Comment le joindre", 300),
    ("phone", "Téléphone (facultatif)", 20),
    ("email", "E-mail (facultatif)", 200),
)


def _role_select(selected: rx.Var | str, prefix: str) -> rx.Component:
    return rx.el.div(
        rx.el.label("Rôle", html_for=prefix + "-role"),
        rx.el.select(
            rx.foreach(S.role_options, lambda option: rx.el.option(option[1], value=option[0])),
            name="role",
            id=prefix + "-role",
            default_value=selected,
            class_name="admin-input",
        ),
        class_name="admin-field",
    )


def _inputs(row: rx.Var | None, prefix: rx.Var | str) -> list[rx.Component]:
    return [
        rx.el.div(
            rx.el.label(label, html_for=prefix + "-" + name),
            rx.el.input(
                name=name,
                id=prefix + "-" + name,
                default_value=getattr(row, name) if row is not None else "",
                max_length=limit,
                class_name="admin-input",
            ),
            class_name="admin-field",
        )
        for name, label, limit in TEXT_FIELDS
    ]


def contact_form(row: rx.Var) -> rx.Component:
    prefix = "contact-" + row.id.to_string()
    return rx.el.form(
        rx.el.h3(row.role, rx.cond(row.hidden, " (masqué)", "")),
        rx.el.input(type="hidden", name="contact_id", value=row.id.to_string()),
        rx.el.input(type="hidden", name="version", value=row.version.to_string()),
        _role_select(row.role_id, prefix),
        *_inputs(row, prefix),
        rx.el.div(
            rx.el.button("Enregistrer", type="submit", class_name="button", id=prefix + "-save"),
            rx.el.button(
                "↑",
                type="button",
                on_click=S.move_contact(row.id.to_string(), -1),
                class_name="button secondary",
                aria_label="Monter",
            ),
            rx.el.button(
                "↓",
                type="button",
                on_click=S.move_contact(row.id.to_string(), 1),
                class_name="button secondary",
                aria_label="Descendre",
            ),
            rx.el.button(
                rx.cond(row.hidden, "Afficher", "Masquer"),
                type="button",
                on_click=S.toggle_contact(row.id.to_string()),
                class_name="link-button",
            ),
            class_name="actions",
        ),
        on_submit=S.save_contact,
        reset_on_submit=False,
        key=row.id.to_string() + "-" + row.version.to_string(),
        class_name="card admin-form",
        id=prefix,
    )


def add_form() -> rx.Component:
    return rx.el.form(
        rx.el.h3("Ajouter un adulte de confiance"),
        _role_select("cpe", "new"),
        *_inputs(None, "new"),
        rx.el.button("Ajouter", type="submit", class_name="button", id="new-save"),
        on_submit=S.add_contact,
        reset_on_submit=True,
        class_name="card admin-form",
        id="new-contact",
    )


def welcome_form() -> rx.Component:
    return rx.el.form(
        rx.el.h2("Message d'accueil"),
        rx.el.input(type="hidden", name="version", value=S.school_version),
        rx.el.label("Un court message pour vos élèves (500 caractères au plus)", html_for="welcome"),
        rx.el.textarea(
            name="welcome",
            id="welcome",
            default_value=S.welcome,
            max_length=500,
            rows=3,
            on_change=S.set_welcome_draft.debounce(300),
            class_name="admin-input",
        ),
        rx.el.button("Enregistrer le message", type="submit", class_name="button", id="welcome-save"),
        on_submit=S.save_welcome,
        reset_on_submit=False,
        key=S.school_version,
        class_name="admin-form",
    )


def group_section() -> rx.Component:
    """Who may read the students' messages: accounts with the `referent` role for this school."""
    return rx.el.section(
        rx.el.h2("Le groupe qui lit les messages des élèves"),
        rx.el.p(
            "Chaque adulte du groupe a son compte : il lit les messages et y répond, sans pouvoir administrer.",
            class_name="muted",
        ),
        rx.el.ul(
            rx.foreach(
                S.referents,
                lambda r: rx.el.li(
                    r.email,
                    rx.cond(r.active, "", " (retiré)"),
                    rx.cond(r.awaiting_password, " — invitation en attente", ""),
                    " ",
                    rx.el.button(
                        rx.cond(r.active, "Retirer du groupe", "Réactiver"),
                        on_click=S.toggle_referent(r.id.to_string()),
                        class_name="link-button",
                        type="button",
                    ),
                    rx.cond(
                        r.awaiting_password & r.active,
                        rx.el.button(
                            "Renvoyer l'invitation",
                            on_click=S.resend_invitation(r.id.to_string()),
                            class_name="link-button",
                            type="button",
                        ),
                    ),
                ),
            ),
            id="referents",
        ),
        rx.el.form(
            rx.el.div(
                rx.el.label("Adresse e-mail", html_for="referent-email"),
                rx.el.input(
                    name="email",
                    id="referent-email",
                    type="email",
                    class_name="admin-input",
                    auto_complete="off",
                    aria_describedby="referent-email-help",
                ),
                rx.el.p(
                    "Cet adulte recevra à cette adresse un e-mail pour choisir lui-même son mot de passe : "
                    "personne d'autre, vous compris, ne le connaîtra.",
                    id="referent-email-help",
                    class_name="muted",
                ),
                class_name="admin-field",
            ),
            rx.el.button("Ajouter au groupe", type="submit", class_name="button", id="referent-add"),
            on_submit=S.add_referent,
            reset_on_submit=True,
            class_name="card admin-form",
        ),
    )


def ent_group_section() -> rx.Component:
    return rx.el.section(
        rx.el.h2("Messagerie de l'ENT"),
        rx.el.p(
            "Les élèves connectés par l'ENT peuvent écrire au groupe manuel des adultes de confiance créé dans "
            "la console d'administration de l'ENT. Indiquez son identifiant.",
            class_name="muted",
        ),
        rx.el.form(
            rx.el.input(type="hidden", name="version", value=S.school_version),
            rx.el.label("Identifiant du groupe ENT", html_for="ent-group"),
            rx.el.input(
                name="ent_group_id",
                id="ent-group",
                default_value=S.ent_group_id,
                max_length=100,
                class_name="admin-input",
                auto_complete="off",
            ),
            rx.el.button("Enregistrer", type="submit", class_name="button", id="ent-group-save"),
            on_submit=S.save_ent_group,
            reset_on_submit=False,
            key="ent-" + S.school_version.to_string(),
            class_name="admin-form",
        ),
        rx.el.button(
            "Vérifier avec l'ENT",
            on_click=S.check_ent_group,
            class_name="button secondary",
            type="button",
            id="ent-group-check",
        ),
        rx.cond(S.ent_check != "", rx.el.p(S.ent_check, class_name="notice", id="ent-check")),
        rx.el.ul(rx.foreach(S.ent_candidates, lambda g: rx.el.li(g.name, " — ", rx.el.code(g.id)))),
    )


def preview() -> rx.Component:
    return rx.el.aside(
        rx.el.h2("Aperçu : ce que voient les élèves"),
        rx.el.div(
            rx.el.h3(S.name),
            rx.cond(S.welcome_draft != "", rx.el.p(S.welcome_draft, class_name="notice", id="preview-welcome")),
            rx.el.h4("Les adultes de confiance de ton établissement"),
            adults_list(S.preview_adults, "Aucun adulte visible : les élèves verront les rôles à chercher."),
            class_name="admin-preview",
            id="preview",
        ),
    )


def editor() -> rx.Component:
    return rx.cond(
        S.allowed,
        rx.el.div(
            rx.el.p(link("← Mes établissements", href=routes.ADMIN)),
            rx.el.h1(S.name),
            rx.el.p(
                S.uai,
                " · ",
                rx.el.a("Voir la page publique", href=routes.school(S.uai)),
                " · ",
                rx.el.a("Affiche", href=routes.school_poster(S.uai)),
            ),
            rx.cond(
                S.error != "",
                rx.el.p(S.error, class_name="error", role="alert", id="admin-error", style={"whiteSpace": "pre-line"}),
            ),
            rx.cond(S.message != "", rx.el.p(S.message, class_name="notice", role="status", id="admin-message")),
            welcome_form(),
            rx.el.h2("Les adultes de confiance"),
            rx.foreach(S.contacts, contact_form),
            add_form(),
            group_section(),
            ent_group_section(),
            preview(),
            class_name="admin-editor",
        ),
        rx.el.p("Action non autorisée, ou établissement inconnu.", class_name="error", id="admin-forbidden"),
    )


def admin_school_page() -> rx.Component:
    return admin_guard(editor())
