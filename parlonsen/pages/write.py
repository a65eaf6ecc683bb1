"""/etablissement/<uai>/ecrire and /suivi: write to the school's trusted adults, then follow the conversation."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.conversation import conversation_lines
from parlonsen.components.emergency import emergency_links
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.pages.not_found import not_found_content
from parlonsen.services.messages import MAX_BODY, MAX_HINT
from parlonsen.state.followup import FollowUpState as F
from parlonsen.state.write import WriteState as W

DANGER_CHOICES = (("oui", "Oui"), ("non", "Non"), ("ne_sais_pas", "Je ne sais pas"))


def emergency_box() -> rx.Component:
    return rx.el.section(
        rx.el.h2("En danger maintenant ? N'attends pas une réponse écrite"),
        emergency_links(with_119=True),
        class_name="urgent-box",
        id="write-emergency",
    )


def honest_box() -> rx.Component:
    return rx.el.section(
        rx.el.h2("Avant d'écrire"),
        rx.el.p(rx.el.strong("Qui va lire ? "), "Le groupe des adultes de confiance de ", W.school_name, " :"),
        rx.cond(
            W.readers.length() > 0,
            rx.el.ul(rx.foreach(W.readers, lambda role: rx.el.li(role)), id="write-readers"),
            rx.el.p("le ou la CPE, l'infirmier·ère, l'assistant·e social·e et les référents harcèlement."),
        ),
        rx.el.p(
            rx.el.strong("Quand ? "),
            "Pendant les jours et heures de cours. Ce n'est pas un service d'urgence : "
            "la réponse peut prendre un peu de temps.",
        ),
        rx.el.p(
            rx.el.strong("Et ensuite ? "),
            "Les adultes te répondent ici, avec ton code de suivi. Si tu es en danger, ils doivent te protéger : "
            "ils ne pourront pas tout garder secret, mais ils te diront ce qu'ils font. Ce n'est jamais de ta faute.",
        ),
        class_name="notice",
        id="write-honest",
    )


def code_panel() -> rx.Component:
    return rx.el.section(
        rx.cond(W.urgent, emergency_box()),
        rx.el.h2("Ton message est envoyé"),
        rx.el.p("Voici ton code de suivi. Il ne sera plus jamais affiché :"),
        rx.el.p(W.code, class_name="followup-code", id="followup-code"),
        rx.el.p(
            rx.el.strong("Note-le ou fais une capture d'écran. "),
            "Sans ce code, personne ne peut retrouver ta conversation, pas même nous.",
        ),
        rx.el.p(link("Lire les réponses avec mon code", href=routes.FOLLOWUP, class_name="button")),
        id="write-sent",
    )


def ent_choice() -> rx.Component:
    """Only for a student signed in through the ENT whose school set its ENT group: say honestly what changes."""
    return rx.el.fieldset(
        rx.el.legend("Comment envoyer ton message ?"),
        rx.el.label(
            rx.el.input(type="radio", name="via", value="parlonsen", id="write-via-parlonsen", default_checked=True),
            " Par Parlons-en : tu reçois un code pour lire les réponses ici.",
            class_name="radio",
        ),
        rx.el.label(
            rx.el.input(type="radio", name="via", value="ent", id="write-via-ent"),
            " Par la messagerie de l'ENT",
            class_name="radio",
        ),
        rx.el.p(
            "Attention : par l'ENT, ton message porte ton nom (",
            W.ent_name,
            ") et il reste dans tes « Envoyés ». Quelqu'un qui utilise ton compte ENT pourrait le voir. "
            "Les adultes te répondront dans ta messagerie ENT.",
            class_name="notice",
            id="write-ent-notice",
        ),
    )


def ent_sent_panel() -> rx.Component:
    return rx.el.section(
        rx.cond(W.urgent, emergency_box()),
        rx.el.h2("Ton message est parti dans la messagerie de l'ENT"),
        rx.el.p("Les adultes de confiance de ton établissement te répondront dans ta messagerie ENT."),
        id="write-ent-sent",
    )


def write_form() -> rx.Component:
    return rx.el.form(
        rx.cond(W.error != "", rx.el.p(W.error, class_name="error", role="alert", id="write-error")),
        rx.el.label(f"Ton message ({MAX_BODY} caractères au plus)", html_for="write-body"),
        rx.el.textarea(
            name="body",
            id="write-body",
            max_length=MAX_BODY,
            rows=7,
            required=True,
            class_name="admin-input",
            aria_describedby=rx.cond(W.error != "", "write-error", "write-body-help"),
            aria_invalid=rx.cond(W.error != "", "true", "false"),
        ),
        rx.el.p("Écris avec tes mots. Pas besoin de tout raconter.", id="write-body-help", class_name="muted"),
        rx.el.label(
            "Comment te retrouver ? (facultatif : ta classe, ton prénom… tu peux laisser vide)", html_for="write-hint"
        ),
        rx.el.input(
            name="contact_hint", id="write-hint", max_length=MAX_HINT, class_name="admin-input", auto_complete="off"
        ),
        rx.el.fieldset(
            rx.el.legend("Es-tu en danger maintenant ?"),
            *[
                rx.el.label(
                    rx.el.input(
                        type="radio",
                        name="danger",
                        value=value,
                        id=f"write-danger-{value}",
                        default_checked=value == "ne_sais_pas",
                    ),
                    " ",
                    label,
                    class_name="radio",
                )
                for value, label in DANGER_CHOICES
            ],
        ),
        rx.cond(W.ent_available, ent_choice()),
        rx.el.button("Envoyer mon message", type="submit", class_name="button", id="write-send"),
        on_submit=W.send,
        reset_on_submit=False,
        class_name="admin-form",
        id="write-form",
    )


def write_page() -> rx.Component:
    return page(
        rx.cond(
            W.loaded,
            rx.cond(
                W.found,
                rx.el.div(
                    rx.el.h1("Écrire à un adulte de mon établissement"),
                    rx.el.p(W.school_name, class_name="muted"),
                    rx.cond(
                        W.code != "",
                        code_panel(),
                        rx.cond(W.ent_sent, ent_sent_panel(), rx.el.div(emergency_box(), honest_box(), write_form())),
                    ),
                ),
                not_found_content("Cet établissement est introuvable"),
            ),
            rx.el.p("Chargement…", class_name="muted"),
        )
    )


def followup_page() -> rx.Component:
    opened = rx.el.div(
        rx.el.p("Conversation avec les adultes de ", rx.el.strong(F.school_name)),
        conversation_lines(F.lines, "followup-lines"),
        rx.cond(
            F.closed,
            rx.el.p(
                "Cette conversation est fermée. Tu peux écrire à nouveau depuis la page de ton établissement.",
                class_name="notice",
            ),
            rx.el.form(
                rx.el.label("Ta réponse", html_for="followup-body"),
                rx.el.textarea(
                    name="body",
                    id="followup-body",
                    max_length=MAX_BODY,
                    rows=4,
                    required=True,
                    class_name="admin-input",
                ),
                rx.el.button("Envoyer", type="submit", class_name="button", id="followup-send"),
                on_submit=F.answer,
                reset_on_submit=True,
                class_name="admin-form",
            ),
        ),
        rx.el.div(
            rx.el.button(
                "Actualiser", on_click=F.refresh, class_name="button secondary", type="button", id="followup-refresh"
            ),
            rx.el.button("Fermer", on_click=F.leave, class_name="link-button", type="button"),
            class_name="actions",
        ),
    )
    ask = rx.el.form(
        rx.el.label("Ton code de suivi", html_for="followup-code-input"),
        rx.el.input(
            name="code",
            id="followup-code-input",
            auto_complete="off",
            class_name="admin-input",
            placeholder="ex. : mot-mot-mot-mot-mot-12",
        ),
        rx.el.button("Ouvrir ma conversation", type="submit", class_name="button", id="followup-open"),
        on_submit=F.open,
        reset_on_submit=False,
        class_name="admin-form",
    )
    return page(
        rx.el.h1("Lire les réponses"),
        rx.cond(F.error != "", rx.el.p(F.error, class_name="error", role="alert", id="followup-error")),
        rx.cond(F.message != "", rx.el.p(F.message, class_name="notice", role="status")),
        rx.cond(F.opened, opened, ask),
    )
