"""/harcelometre and /violentometre: tick what you live, see where it sits, then find help.

One static page per scale, built from its content file; only the ticks and the result come from the
tab's state. The zone reached is said in words and marked on the scale, never shown by colour alone.
"""

import reflex as rx

from parlonsen import routes
from parlonsen.catalog import catalog
from parlonsen.components.channel_card import channel_card
from parlonsen.components.emergency import care_links, emergency_links
from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.components.sources import sources_list
from parlonsen.state.selfcheck import SelfCheckState as S
from parlonsen.toolkit.selfcheck import LEVELS, Scale

OTHER_SCALE = {
    "harcelometre": ("violentometre", "Tu sors avec quelqu'un ? Essaie le violentomètre."),
    "violentometre": ("harcelometre", "Ça se passe entre élèves ? Essaie le harcélomètre."),
}


def _situations(scale: Scale) -> rx.Component:
    return rx.el.div(
        *[
            rx.el.button(
                situation.text,
                class_name="choice",
                on_click=S.toggle(situation.id, scale.id),
                aria_pressed=S.ticked.contains(situation.id).to_string(),
                id=f"situation-{situation.id}",
                type="button",
            )
            for situation in scale.situations
        ],
        class_name="choices",
        role="group",
        aria_labelledby="selfcheck-question",
    )


def _status(scale: Scale) -> rx.Component:
    """Sticks to the bottom of the screen while the student ticks, and screen readers hear each change."""
    labels = [(level, f"Résultat : {scale.levels[level].label}.") for level in LEVELS]
    return rx.el.p(
        rx.match(S.level, *labels, "Rien n'est coché pour l'instant."),
        role="status",
        class_name=rx.match(
            S.level, *[(level, f"selfcheck-status zone-{level}") for level in LEVELS], "selfcheck-status"
        ),
        id="selfcheck-status",
    )


def _meter(scale: Scale) -> rx.Component:
    """The three zones, top to bottom; the reached one says « Tu es ici » and is marked aria-current."""
    zones = []
    for level in LEVELS:
        reached = S.level == level
        zones.append(
            rx.el.li(
                rx.el.span(scale.levels[level].label, class_name="zone-label"),
                rx.cond(reached, rx.el.strong("← Tu es ici", class_name="zone-here")),
                class_name=rx.cond(reached, f"zone zone-{level} reached", f"zone zone-{level}"),
                aria_current=rx.cond(reached, "true", "false"),
                id=f"zone-{level}",
            )
        )
    return rx.el.ol(*zones, class_name="scale", aria_label="L'échelle, du vert au rouge", id="selfcheck-scale")


def _cards() -> rx.Component:
    """The help the ticks point to; the emergency numbers are shown apart, as big links."""
    cards = [(c.id, channel_card(c.in_voice("eleve"), level=3)) for c in catalog().channels.values() if not c.emergency]
    return rx.el.div(rx.foreach(S.channel_ids, lambda cid: rx.match(cid, *cards, rx.fragment())), class_name="cards")


def _care_first() -> rx.Component:
    """Thoughts of self-harm ticked: warm words, the 3114 and the 15, before anything else but 17/112/114."""
    message = catalog().orientation.self_harm["eleve"]
    return rx.el.section(
        rx.el.h2(message.title),
        rx.el.p(message.body),
        care_links(),
        class_name="care-box",
        id="selfcheck-self-harm",
    )


def _help_first() -> rx.Component:
    return rx.el.section(
        rx.el.h2(
            rx.cond(S.danger_now, "Danger maintenant : appelle les secours", "Demande de l'aide : ne reste pas seul·e")
        ),
        rx.el.p("En danger maintenant ? Appelle le 17 ou le 112. C'est gratuit, même sans crédit."),
        rx.el.p("Si tu ne peux pas parler, envoie un SMS au 114."),
        emergency_links(),
        rx.cond(S.self_harm, _care_first()),
        _cards(),
        class_name="urgent-box",
        id="selfcheck-help",
    )


def _result(scale: Scale) -> rx.Component:
    other, invitation = OTHER_SCALE[scale.id]
    return rx.el.section(
        rx.cond(S.level == "rouge", _help_first()),
        rx.el.h2(rx.cond(S.title != "", S.title, "Tu n'as rien coché"), id="selfcheck-title"),
        rx.el.p(rx.cond(S.message != "", S.message, scale.nothing_ticked), class_name="lead", id="selfcheck-message"),
        rx.cond(
            S.level == "orange",
            rx.el.section(rx.el.h2("Qui peut t'aider"), _cards(), id="selfcheck-channels"),
        ),
        rx.el.p(
            "Quelques questions de plus t'aident à trouver la bonne aide. Ce que tu as coché y est déjà rempli.",
        ),
        rx.el.div(
            rx.el.button(
                "Continuer vers les questions",
                class_name="button",
                on_click=S.continue_to_questionnaire,
                id="selfcheck-continue",
                type="button",
            ),
            rx.el.button(
                "Tout décocher", class_name="link-button", on_click=S.untick_all, id="selfcheck-reset", type="button"
            ),
            class_name="actions",
        ),
        rx.el.p(
            "Ce que tu coches n'est pas enregistré : ça disparaît quand tu fermes cet onglet "
            "ou que tu quittes le site.",
            class_name="muted",
        ),
        rx.el.p(link(invitation, href=routes.scale(other), id="selfcheck-other")),
        sources_list(scale.sources),
        id="selfcheck-result",
        aria_labelledby="selfcheck-title",
    )


def selfcheck_page(scale: Scale) -> rx.Component:
    return page(
        rx.cond(S.error != "", rx.el.p(S.error, class_name="error", role="alert", id="selfcheck-error")),
        rx.el.h1(scale.title),
        rx.el.p(scale.intro, class_name="lead"),
        rx.el.div(
            rx.el.h2(scale.question, id="selfcheck-question"),
            _situations(scale),
            _status(scale),
            class_name="selfcheck-tick",
        ),
        rx.el.h2("Où ça se situe", id="selfcheck-scale-title"),
        _meter(scale),
        _result(scale),
    )


def page_title(scale: Scale) -> str:
    """« Harcélomètre – Violences, parlons-en »."""
    return routes.title(scale.title.removeprefix("Le ").capitalize())
