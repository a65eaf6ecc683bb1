"""/admin/journal: the audit trail, newest first, 20 a page."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.state.admin_journal import AdminJournalState as J


def error() -> rx.Component:
    return rx.cond(J.error != "", rx.el.p(J.error, class_name="error", role="alert"), rx.fragment())


def entry_row(entry: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.td(entry.at, class_name="admin-nowrap"),
        rx.el.td(entry.who, rx.el.br(), rx.el.span(entry.role, class_name="muted")),
        rx.el.td(entry.action),
        rx.el.td(entry.target),
        rx.el.td(entry.changes, class_name="admin-changes"),
        key=entry.id,
    )


def pagination() -> rx.Component:
    return rx.el.nav(
        rx.el.button(
            "← Précédente",
            type="button",
            class_name="button secondary",
            disabled=J.page_number <= 1,
            on_click=J.go_to_page(J.page_number - 1),
        ),
        rx.el.span(J.page_label, class_name="admin-page-label", aria_live="polite"),
        rx.el.button(
            "Suivante →",
            type="button",
            class_name="button secondary",
            disabled=J.page_number >= J.pages,
            on_click=J.go_to_page(J.page_number + 1),
        ),
        class_name="actions admin-pagination",
        aria_label="Pages du journal",
    )


def journal() -> rx.Component:
    return rx.el.div(
        rx.el.h1("Journal des modifications"),
        rx.el.p(
            "Chaque modification des contacts, des messages d'accueil et des ressources, de la plus récente à la "
            "plus ancienne. Les heures sont celles de Paris.",
            class_name="muted",
        ),
        error(),
        rx.cond(
            J.total == 0,
            rx.el.p("Aucune modification pour l'instant.", class_name="notice"),
            rx.fragment(
                rx.el.div(
                    rx.el.table(
                        rx.el.thead(
                            rx.el.tr(
                                rx.el.th("Date", scope="col"),
                                rx.el.th("Qui", scope="col"),
                                rx.el.th("Action", scope="col"),
                                rx.el.th("Sur", scope="col"),
                                rx.el.th("Avant → après", scope="col"),
                            )
                        ),
                        rx.el.tbody(rx.foreach(J.entries, entry_row)),
                        class_name="admin-table",
                        id="admin-journal",
                    ),
                    class_name="admin-table-scroll",
                    tab_index=0,
                    role="region",
                    aria_label="Journal des modifications (défilement horizontal)",
                ),
                pagination(),
            ),
        ),
    )


def admin_journal_page() -> rx.Component:
    return page(
        rx.el.p(link("← Administration", href=routes.ADMIN), class_name="admin-nav no-print"),
        rx.cond(
            J.allowed,
            journal(),
            rx.el.div(
                rx.el.h1("Journal des modifications"),
                error(),
                rx.cond(
                    J.logged_in,
                    rx.fragment(),
                    rx.el.p(link("Se connecter", href=routes.ADMIN, class_name="button")),
                ),
            ),
        ),
    )
