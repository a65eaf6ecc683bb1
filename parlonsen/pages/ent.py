"""/ent/bienvenue: where a sign-in through the ENT lands (one school: straight to its page)."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.pages.questionnaire import profile_links
from parlonsen.state.ent import EntWelcomeState as E


def ent_welcome_page() -> rx.Component:
    connected = rx.el.div(
        rx.el.h1("Bienvenue"),
        rx.el.p("Tu es connecté·e par l'ENT en tant que ", rx.el.strong(E.profile_label), "."),
        rx.cond(
            E.schools.length() > 1,
            rx.el.div(
                rx.el.h2("Choisis ton établissement"),
                rx.el.ul(
                    rx.foreach(E.schools, lambda s: rx.el.li(link(s.name, href=s.href), " — ", s.place)),
                    id="ent-schools",
                ),
            ),
            rx.cond(
                E.schools.length() == 0,
                rx.el.div(
                    rx.el.p(
                        "Ton établissement n'est pas encore sur Parlons-en. Tu peux quand même tout utiliser : "
                        "les questions, les aides nationales, les informations.",
                        class_name="notice",
                        id="ent-unknown-school",
                    ),
                    profile_links(),
                ),
                rx.el.p("Ouverture de la page de ton établissement…", class_name="muted"),
            ),
        ),
        rx.el.p(rx.el.a("Se déconnecter de l'ENT sur ce site", href=routes.ENT_SIGN_OUT)),
    )
    return page(
        rx.cond(
            E.loaded,
            rx.cond(
                E.connected,
                connected,
                rx.el.div(
                    rx.el.h1("Connexion par l'ENT"),
                    rx.el.p(E.error, class_name="notice", id="ent-error"),
                    profile_links(),
                ),
            ),
            rx.el.p("Connexion…", class_name="muted"),
        )
    )
