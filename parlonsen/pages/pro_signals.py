"""/pro/signaux-faibles: a grid of weak signals by age and place; what is ticked stays in this tab."""

import reflex as rx

from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.components.sources import sources_list, unique_sources
from parlonsen.state.signals import SignalsState as S
from parlonsen.toolkit.signals import AGE_GROUPS, PlaceGroup, Signal, signal_guide


def _age_button(age: str, label: str) -> rx.Component:
    return rx.el.button(
        label,
        class_name="choice",
        on_click=S.choose_age(age),
        aria_pressed=(S.age == age).to_string(),
        id=f"age-{age or 'tous'}",
        type="button",
    )


def _signal_item(signal: Signal) -> rx.Component:
    return rx.cond(
        S.visible.contains(signal.id),
        rx.el.li(
            rx.el.button(
                signal.label,
                rx.el.span("Signe d'alerte", class_name="sub") if signal.weight == "alerter" else rx.fragment(),
                class_name="choice",
                on_click=S.toggle(signal.id),
                aria_pressed=S.ticked.contains(signal.id).to_string(),
                id=f"signal-{signal.id}",
                type="button",
                custom_attrs={"data-weight": signal.weight},
            )
        ),
    )


def _place_section(place: PlaceGroup) -> rx.Component:
    return rx.el.section(
        rx.el.h3(place.title, id=f"place-{place.id}"),
        rx.el.ul(
            *[_signal_item(s) for s in place.signals],
            class_name="choices signal-list",
            aria_labelledby=f"place-{place.id}",
        ),
        class_name="signal-place",
    )


def signals_page() -> rx.Component:
    guide = signal_guide()
    advice_links = [link(item.label, href=item.href, class_name="button") for item in guide.advice["alerter"].links]
    return page(
        rx.el.h1(guide.title),
        rx.el.p(guide.intro, class_name="lead"),
        rx.el.section(
            rx.el.h2("Ce qu'un signe seul veut dire, et ne veut pas dire"),
            rx.el.p(rx.el.strong("Il veut dire : "), guide.single_sign.does),
            rx.el.p(rx.el.strong("Il ne veut pas dire : "), guide.single_sign.does_not),
            class_name="notice",
            id="single-sign",
        ),
        rx.cond(S.error != "", rx.el.p(S.error, class_name="error", role="alert", id="signals-error")),
        rx.el.h2("Niveau de l'élève", id="age-title"),
        rx.el.div(
            _age_button("", "Tous les niveaux"),
            *[_age_button(age, guide.ages[age]) for age in AGE_GROUPS],
            class_name="choices age-filter",
            role="group",
            aria_labelledby="age-title",
        ),
        rx.el.h2("Ce que vous avez observé"),
        rx.el.p(
            "Touchez un signe pour le cocher, touchez-le à nouveau pour le décocher. ",
            rx.el.a("Aller directement au conseil", href="#signals-advice", id="to-advice"),
            class_name="muted",
        ),
        *[_place_section(place) for place in guide.places],
        rx.el.div(
            rx.el.button(
                "Ces signes durent ou se répètent depuis plusieurs semaines",
                class_name="choice",
                on_click=S.toggle_lasting,
                aria_pressed=S.lasting.to_string(),
                id="signals-lasting",
                type="button",
            ),
            class_name="choices",
        ),
        rx.el.section(
            rx.el.h2("Ce que vous pouvez faire"),
            rx.el.p(S.ticked_count, class_name="progress", id="signals-count"),
            rx.el.p(S.advice_title, class_name="advice-title", id="advice-title"),
            rx.el.ol(rx.foreach(S.advice_actions, lambda action: rx.el.li(action)), class_name="steps"),
            rx.cond(S.advice_level == "alerter", rx.el.div(*advice_links, class_name="actions")),
            id="signals-advice",
            class_name="card",
            aria_live="polite",
            custom_attrs={"data-level": S.advice_level},
        ),
        rx.el.div(
            rx.el.button(
                "Tout décocher", class_name="link-button", on_click=S.clear, id="signals-clear", type="button"
            ),
            class_name="actions",
        ),
        rx.el.p(
            "Ce que vous cochez n'est pas enregistré : tout disparaît quand vous fermez l'onglet.", class_name="muted"
        ),
        sources_list(unique_sources([guide.single_sign.sources, *[p.sources for p in guide.places]])),
    )
