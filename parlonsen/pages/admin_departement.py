"""/admin/departement/<code>: edit, hide or add the département's resources (CRIP, Maisons des adolescents…)."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.services.directory import RESOURCE_KINDS
from parlonsen.state.admin_departement import AdminDepartementState as D


def field(label: str, control: rx.Component, hint: str = "") -> rx.Component:
    """A label above its field; the control sits inside the label, so no id is needed to tie them."""
    return rx.el.label(
        rx.el.span(label, class_name="admin-label"),
        rx.el.span(hint, class_name="admin-hint") if hint else rx.fragment(),
        control,
        class_name="admin-field",
    )


def text_input(name: str, value: rx.Var | str, **props: object) -> rx.Component:
    return rx.el.input(name=name, default_value=value, class_name="admin-input", **props)


def resource_fields(row: rx.Var | None = None) -> list[rx.Component]:
    """The fields of a resource form, filled from `row` (an existing resource) or empty (a new one)."""

    def value(key: str) -> rx.Var | str:
        return getattr(row, key) if row is not None else ""

    return [
        field(
            "Type",
            rx.el.select(
                *[rx.el.option(label, value=key) for key, label in RESOURCE_KINDS.items()],
                name="kind",
                default_value=row.kind_id if row is not None else "crip",
                class_name="admin-input",
            ),
        ),
        field("Nom", text_input("name", value("name"), required=True, max_length=200)),
        field(
            "Description",
            rx.el.textarea(
                name="description",
                default_value=value("description"),
                rows=3,
                max_length=1000,
                class_name="admin-input",
            ),
        ),
        field(
            "Téléphone",
            text_input("phone", value("phone"), type="tel", max_length=20, auto_complete="off"),
            "10 chiffres, ou un numéro court",
        ),
        field("E-mail", text_input("email", value("email"), type="email", max_length=200, auto_complete="off")),
        field(
            "Site web",
            text_input("url", value("url"), type="url", max_length=300, placeholder="https://…"),
            "Doit commencer par https://",
        ),
        field("Adresse", text_input("address", value("address"), max_length=300)),
        field("Horaires", text_input("hours", value("hours"), max_length=300)),
    ]


def resource_form(row: rx.Var) -> rx.Component:
    hidden = row.hidden
    return rx.el.li(
        rx.el.form(
            rx.el.h3(row.name),
            rx.el.p(
                row.kind,
                rx.cond(hidden, rx.el.span("masquée", class_name="badge status admin-badge"), rx.fragment()),
                rx.cond(
                    row.no_contact_yet,
                    rx.el.span("À compléter", class_name="badge status admin-badge"),
                    rx.fragment(),
                ),
                class_name="muted",
            ),
            rx.cond(
                row.no_contact_yet,
                rx.el.p(
                    "À compléter : ajoutez au moins un téléphone, un e-mail ou un site web. En attendant, "
                    "le site renvoie vers le 119.",
                    class_name="error",
                ),
                rx.fragment(),
            ),
            rx.cond(
                hidden,
                rx.el.p("Cette ressource est masquée : le public ne la voit pas.", class_name="notice"),
                rx.fragment(),
            ),
            rx.el.input(type="hidden", name="resource_id", default_value=row.id),
            rx.el.input(type="hidden", name="version", default_value=row.version),
            *resource_fields(row),
            rx.el.div(
                rx.el.button("Enregistrer", type="submit", class_name="button"),
                rx.el.button(
                    rx.cond(hidden, "Afficher", "Masquer"),
                    type="button",
                    class_name="button secondary",
                    on_click=D.toggle_resource(row.id),
                ),
                class_name="actions",
            ),
            on_submit=D.save_resource,
            key=row.id.to_string() + "-" + row.version.to_string(),
            class_name=rx.cond(hidden, "admin-form card admin-hidden", "admin-form card"),
        ),
    )


def add_form() -> rx.Component:
    return rx.el.form(
        rx.el.h2("Ajouter une ressource"),
        *resource_fields(),
        rx.el.div(rx.el.button("Ajouter la ressource", type="submit", class_name="button"), class_name="actions"),
        on_submit=D.add_resource,
        key=D.add_form_key,
        class_name="admin-form card",
        id="admin-add-resource",
    )


def messages() -> rx.Component:
    return rx.fragment(
        rx.cond(D.error != "", rx.el.p(D.error, class_name="error admin-message", role="alert"), rx.fragment()),
        rx.cond(D.message != "", rx.el.p(D.message, class_name="notice admin-message", role="status"), rx.fragment()),
    )


def editor() -> rx.Component:
    return rx.el.div(
        rx.el.h1("Ressources du département : ", D.departement_name, " (", D.departement_code, ")"),
        rx.el.p(
            "Ces ressources apparaissent sur la page de chaque établissement du département. "
            "Une ressource masquée reste ici, mais le public ne la voit plus.",
            class_name="muted",
        ),
        messages(),
        rx.el.h2("Les ressources"),
        rx.el.ul(rx.foreach(D.resources, resource_form), class_name="admin-list", id="admin-resources"),
        add_form(),
    )


def admin_departement_page() -> rx.Component:
    return page(
        rx.el.p(
            link("← Administration", href=routes.ADMIN),
            " · ",
            link("Journal des modifications", href=routes.ADMIN_JOURNAL),
            class_name="admin-nav no-print",
        ),
        rx.cond(
            D.logged_in,
            rx.cond(D.allowed, editor(), messages()),
            rx.el.div(
                rx.el.h1("Administration"),
                messages(),
                rx.el.p("Connectez-vous pour gérer les ressources du département."),
                rx.el.p(link("Se connecter", href=routes.ADMIN, class_name="button")),
            ),
        ),
    )
