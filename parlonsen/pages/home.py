"""/ : one tap to say who you are, and the way to every page."""

import reflex as rx

from parlonsen import routes
from parlonsen.catalog import catalog
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.components.tool_links import STUDENT_TOOLS, tool_list
from parlonsen.pages.questionnaire import profile_links


def home_page() -> rx.Component:
    cat = catalog()
    return page(
        rx.el.h1("Quelque chose ne va pas ?"),  # the site's name is already in the top bar: not twice
        rx.el.p(
            "À l'école, à la maison ou sur Internet ? Tu n'es pas seul·e, "
            "et ce n'est pas de ta faute. Réponds à quelques questions (moins d'une minute) : "
            "on te dit à qui parler et comment.",
            class_name="lead",
        ),
        profile_links(),
        rx.el.p(link("Trouver la page de mon collège ou de mon lycée", href=routes.SCHOOLS, id="find-school")),
        rx.el.p(link("J'ai déjà écrit à un adulte : lire les réponses avec mon code", href=routes.FOLLOWUP)),
        rx.el.p("Tes réponses ne sont pas enregistrées et personne ne les voit.", class_name="muted"),
        rx.el.h2("Est-ce normal, ce que je vis ?"),
        tool_list(STUDENT_TOOLS),
        rx.el.h2("Lire sans répondre aux questions"),
        rx.el.ul(
            *[rx.el.li(link(j.title, href=routes.journey(j.id))) for j in cat.journeys.values()],
            rx.el.li(link("Les différentes formes de violence", href=routes.VIOLENCES)),
            rx.el.li(link("Tous les numéros et services d'aide", href=routes.HELP)),
            rx.el.li(link("Naviguer en sécurité : le bouton « Quitter ce site »", href=routes.SAFE_BROWSING)),
            rx.el.li(link("Professionnels : la boîte à outils", href=routes.PRO_TOOLS)),
        ),
    )
