"""Links to the interactive tools, per profile: on the home page, each journey and each orientation result."""

from typing import NamedTuple

import reflex as rx

from parlonsen import routes
from parlonsen.components.links import link


class Tool(NamedTuple):
    route: str
    title: str
    description: str


STUDENT_TOOLS = (
    Tool(
        routes.scale("harcelometre"),
        "Le harcélomètre",
        "Coche ce que tu vis : tu vois si c'est normal, et qui peut aider.",
    ),
    Tool(
        routes.scale("violentometre"),
        "Le violentomètre",
        "Dans ton couple ou ta relation : est-ce que c'est de l'amour ?",
    ),
)
PARENT_TOOLS = (
    Tool(
        routes.scale("harcelometre"),
        "Le harcélomètre",
        "Du vert au rouge, ce qui est normal entre élèves et ce qui ne l'est pas.",
    ),
    Tool(
        routes.scale("violentometre"),
        "Le violentomètre",
        "Pour les relations amoureuses des ados : ce qui est du respect, ce qui est de la violence.",
    ),
)
PROFESSIONAL_TOOLS = (
    Tool(routes.PRO_SIGNALS, "Repérer les signaux faibles", "Une grille par âge et par lieu, et quoi en faire."),
    Tool(routes.PRO_DISCLOSURE, "Recueillir la parole d'un élève", "L'essentiel à relire en cinq minutes."),
    Tool(
        routes.PRO_REPORT,
        "Information préoccupante ou signalement ?",
        "Quelques questions, et qui prévenir : la direction, la CRIP, le procureur, le 119.",
    ),
    Tool(routes.PRO_RECORD_SHEET, "La fiche de recueil", "À remplir et imprimer, sans quitter votre navigateur."),
)
TOOLS_BY_PROFILE = {"eleve": STUDENT_TOOLS, "parent": PARENT_TOOLS, "professionnel": PROFESSIONAL_TOOLS}
HEADINGS = {
    "eleve": "Des outils pour y voir clair",
    "parent": "À découvrir avec votre enfant",
    "professionnel": "Boîte à outils des professionnels",
}


def tool_list(tools: tuple[Tool, ...]) -> rx.Component:
    return rx.el.ul(
        *[rx.el.li(link(t.title, href=t.route), " — ", t.description) for t in tools], class_name="tool-links"
    )


def tool_links(profile: str) -> rx.Component:
    """The tools a profile can use, under a heading; nothing for an unknown profile."""
    tools = TOOLS_BY_PROFILE.get(profile)
    if not tools:
        return rx.fragment()
    extra = [rx.el.p(link("Toute la boîte à outils", href=routes.PRO_TOOLS))] if profile == "professionnel" else []
    return rx.el.section(rx.el.h2(HEADINGS[profile]), tool_list(tools), *extra, id=f"tools-{profile}")
