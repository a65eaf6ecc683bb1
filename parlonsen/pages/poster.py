"""/etablissement/<uai>/affiche: the A4 poster a school prints and pins up (QR code to its page)."""

import reflex as rx

from parlonsen.components.layout import page
from parlonsen.pages.not_found import not_found_content
from parlonsen.state.poster import PosterState as P

NATIONAL_NUMBERS = (
    ("119", "Allô Enfance en danger : 24h/24, 7j/7, gratuit. L'appel n'apparaît pas sur la facture."),
    ("3018", "Harcèlement et violences en ligne : de 9h à 23h, 7j/7, gratuit."),
    ("17 ou 112", "En cas de danger immédiat : police, gendarmerie, secours."),
    ("SMS 114", "Si tu ne peux pas parler : urgences par SMS, jour et nuit."),
)


def adult(item: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.strong(item.role),
        rx.cond(item.name != "", rx.el.span(" — ", item.name), rx.fragment()),
        rx.cond(item.where != "", rx.el.span(rx.el.br(), "Où : ", item.where), rx.fragment()),
        rx.cond(item.when != "", rx.el.span(rx.el.br(), "Quand : ", item.when), rx.fragment()),
        class_name="poster-adult",
    )


def poster() -> rx.Component:
    return rx.el.article(
        rx.el.h1("Violences, parlons-en", class_name="poster-title"),
        rx.el.p(P.school_name, class_name="poster-school", id="poster-school"),
        rx.el.p(P.place, class_name="poster-place"),
        rx.el.p("Tu vis une situation difficile ? Tu n'es pas seul·e.", class_name="poster-lead"),
        rx.el.div(
            rx.el.div(rx.html(P.qr_svg), class_name="poster-qr", id="poster-qr", aria_hidden="true"),
            rx.el.div(
                rx.el.p("Scanne ce code ou va sur :"),
                rx.el.p(P.school_url, class_name="poster-url", id="poster-url"),
                rx.el.p("Tu y trouveras qui peut t'aider, dans ton établissement et près de chez toi."),
                class_name="poster-scan",
            ),
            class_name="poster-qr-block",
        ),
        rx.cond(
            P.adults.length() > 0,
            rx.el.section(
                rx.el.h2("Les adultes de confiance de ton établissement"),
                rx.el.ul(rx.foreach(P.adults, adult), class_name="poster-adults"),
            ),
            rx.el.p(
                "Dans ton établissement, tu peux parler au ou à la CPE, à l'infirmier·ère ou à ton professeur·e "
                "principal·e.",
                class_name="poster-lead-small",
            ),
        ),
        rx.el.section(
            rx.el.h2("Des numéros gratuits, pour toi"),
            rx.el.ul(
                *[
                    rx.el.li(rx.el.strong(number, class_name="poster-number"), rx.el.span(text))
                    for number, text in NATIONAL_NUMBERS
                ],
                class_name="poster-numbers",
            ),
        ),
        class_name="poster",
        id="poster",
    )


def poster_page() -> rx.Component:
    return page(
        rx.cond(
            P.loaded,
            rx.cond(
                P.found,
                rx.fragment(
                    rx.el.div(
                        rx.el.button(
                            "Imprimer l'affiche",
                            type="button",
                            class_name="button",
                            id="poster-print",  # printed by /record_sheet.js: the CSP allows no eval
                        ),
                        rx.el.span("Format A4, en noir et blanc ou en couleur.", class_name="muted"),
                        class_name="actions no-print",
                    ),
                    poster(),
                ),
                not_found_content("Cet établissement est introuvable"),
            ),
            rx.el.p("Chargement…", class_name="muted"),
        )
    )
