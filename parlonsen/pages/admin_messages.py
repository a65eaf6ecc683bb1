"""/admin/messages: conversations for the school's trusted adults; counts only for other admins."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.conversation import conversation_lines
from parlonsen.components.links import link
from parlonsen.pages.admin import admin_guard
from parlonsen.state.admin_messages import AdminMessagesState as M


def conversation_item(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            rx.cond(row.urgent, rx.el.span("URGENT ", class_name="badge status")),
            rx.cond(row.waiting, rx.el.span("À répondre ", class_name="badge closed")),
            "Conversation n°",
            row.id,
            " · ",
            row.status,
            " · ",
            row.count,
            " message(s) · ",
            row.last,
            rx.cond(row.taken_by != "", rx.el.span(" · pris en charge par ", row.taken_by)),
            rx.cond(
                row.burst > 0,
                rx.el.span(
                    " · commencée avec d'autres : ",
                    row.burst,
                    " conversations à 10 minutes près (envoi groupé ?)",
                    class_name="badge",
                ),
            ),
            on_click=M.open_conversation(row.id.to_string()),
            class_name="choice",
            type="button",
            id="conversation-" + row.id.to_string(),
        ),
    )


def thread() -> rx.Component:
    return rx.el.section(
        rx.el.h2("Conversation n°", M.thread_id, rx.cond(M.thread_urgent, " — urgente", "")),
        rx.cond(
            M.thread_urgent,
            rx.el.p(
                "L'élève a dit être en danger : agissez sans attendre (17, 112, 119, chef d'établissement).",
                class_name="error",
            ),
        ),
        rx.cond(M.thread_hint != "", rx.el.p(rx.el.strong("Comment le ou la retrouver : "), M.thread_hint)),
        rx.el.p(
            rx.cond(
                M.thread_taken_by != "",
                rx.el.span("Pris en charge par ", M.thread_taken_by),
                "Personne ne l'a encore prise en charge.",
            ),
            id="thread-taken",
        ),
        conversation_lines(M.lines, "thread-lines"),
        rx.cond(
            M.thread_status == "open",
            rx.el.div(
                rx.cond(
                    M.thread_taken_by == "",
                    rx.el.button(
                        "Prendre en charge",
                        on_click=M.take(M.thread_id.to_string()),
                        class_name="button",
                        type="button",
                        id="thread-take",
                    ),
                ),
                rx.el.form(
                    rx.el.input(type="hidden", name="conversation_id", value=M.thread_id.to_string()),
                    rx.el.label("Votre réponse (l'élève la lira avec son code)", html_for="thread-reply"),
                    rx.el.textarea(
                        name="body", id="thread-reply", rows=4, max_length=2000, required=True, class_name="admin-input"
                    ),
                    rx.el.button("Répondre", type="submit", class_name="button", id="thread-send"),
                    on_submit=M.reply,
                    reset_on_submit=True,
                    class_name="admin-form",
                ),
                rx.el.button(
                    "Fermer la conversation",
                    on_click=M.close(M.thread_id.to_string()),
                    class_name="link-button",
                    type="button",
                    id="thread-close",
                ),
            ),
            rx.el.p("Conversation fermée.", class_name="notice"),
        ),
        id="thread",
    )


def messages_view() -> rx.Component:
    return rx.el.div(
        rx.el.p(link("← Administration", href=routes.ADMIN)),
        rx.el.h1("Messages des élèves"),
        rx.el.p(
            M.open_count,
            " conversation(s) ouverte(s), dont ",
            M.urgent_count,
            " urgente(s) et ",
            M.waiting_count,
            " en attente de réponse.",
            id="message-counts",
        ),
        rx.cond(M.error != "", rx.el.p(M.error, class_name="error", role="alert", id="messages-error")),
        rx.cond(M.message != "", rx.el.p(M.message, class_name="notice", role="status", id="messages-message")),
        rx.cond(
            M.may_read_messages,
            rx.el.div(
                rx.el.ul(
                    rx.foreach(M.conversations, conversation_item),
                    class_name="choices",
                    id="conversations",
                    style={"listStyle": "none", "padding": 0},
                ),
                rx.cond(M.thread_id != 0, thread()),
            ),
            rx.el.p(
                "Seuls les adultes du groupe de confiance de l'établissement (comptes « référent ») "
                "lisent les messages. Vous voyez les nombres seulement.",
                class_name="notice",
                id="counts-only",
            ),
        ),
    )


def admin_messages_page() -> rx.Component:
    return admin_guard(messages_view())
