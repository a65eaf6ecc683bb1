"""/pro/outils: the professionals' toolkit, one card per tool (each tool has its own page module:
`pro_signals`, `pro_disclosure`, `record_sheet`, `pro_report`)."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.layout import page
from parlonsen.components.links import link

TOOLS = (
    (
        routes.PRO_SIGNALS,
        "Repérer les signaux faibles",
        "Une grille par âge et par lieu (comportement, corps, travail scolaire, en ligne) pour savoir à qui en parler.",
    ),
    (
        routes.PRO_DISCLOSURE,
        "Recueillir la parole d'un élève",
        "Les six gestes essentiels, à relire en cinq minutes avant ou juste après une conversation.",
    ),
    (
        routes.PRO_RECORD_SHEET,
        "La fiche de recueil",
        "Noter les mots exacts de l'élève et le contexte, puis l'imprimer. Rien n'est envoyé ni enregistré.",
    ),
    (
        routes.PRO_REPORT,
        "Information préoccupante ou signalement ?",
        "Trois questions pour savoir quoi faire, qui informer (direction, CRIP, procureur, 119) et pourquoi.",
    ),
)


def tools_index_page() -> rx.Component:
    return page(
        rx.el.h1("Outils pour les professionnels"),
        rx.el.p(
            "Enseignant·e, CPE, AED, infirmier·ère, assistant·e social·e, membre de la direction : ces outils vous "
            "aident à repérer, à recueillir la parole d'un élève et à choisir la bonne démarche. Ils ne remplacent "
            "ni l'échange avec votre équipe ni les conseils du 119.",
            class_name="lead",
        ),
        rx.el.ul(
            *[
                rx.el.li(
                    rx.el.h2(link(title, href=href, id="tool-" + href.rsplit("/", 1)[1])),
                    rx.el.p(text),
                    class_name="card",
                )
                for href, title, text in TOOLS
            ],
            class_name="cards tool-list",
        ),
        rx.el.p(
            "En cas de danger immédiat pour un élève : appelez le 17 ou le 112. Pour un conseil, le 119 répond "
            "aux professionnels 24h/24.",
            class_name="notice",
        ),
        rx.el.p(link("Lire le parcours complet pour les professionnels", href=routes.journey("professionnel"))),
    )
