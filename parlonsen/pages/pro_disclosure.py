"""/pro/recueillir-la-parole: the six things to do when a pupil speaks, to read in five minutes."""

import reflex as rx

from parlonsen.components.layout import page
from parlonsen.components.links import link
from parlonsen.components.sources import sources_list, unique_sources
from parlonsen.toolkit.disclosure import DisclosureStep, disclosure_guide


def _phrases(title: str, phrases: list[str], kind: str) -> rx.Component:
    if not phrases:
        return rx.fragment()
    return rx.el.div(
        rx.el.h3(title),
        rx.el.ul(*[rx.el.li(p) for p in phrases]),
        class_name=f"phrases {kind}",
    )


def _disclosure_step(number: int, step: DisclosureStep) -> rx.Component:
    return rx.el.li(
        rx.el.h2(f"{number}. {step.title}"),
        rx.el.p(step.body),
        _phrases("À dire", step.say, "say"),
        _phrases("À éviter", step.avoid, "avoid"),
        id=f"step-{step.id}",
    )


def disclosure_page() -> rx.Component:
    guide = disclosure_guide()
    return page(
        rx.el.h1(guide.title),
        rx.el.p(guide.reading_time, class_name="progress"),
        rx.el.p(guide.intro, class_name="lead"),
        rx.el.ol(*[_disclosure_step(i, s) for i, s in enumerate(guide.steps, start=1)], class_name="disclosure-steps"),
        rx.el.section(
            rx.el.h2("Ensuite"),
            rx.el.ol(*[rx.el.li(item) for item in guide.after], class_name="steps"),
            rx.el.div(
                *[
                    link(item.label, href=item.href, class_name="button" if i == 0 else "button secondary")
                    for i, item in enumerate(guide.links)
                ],
                class_name="actions",
            ),
            class_name="notice",
            id="disclosure-next",
        ),
        rx.el.p("En cas de danger immédiat pour l'élève : appelez le 17 ou le 112.", class_name="muted"),
        sources_list(unique_sources([s.sources for s in guide.steps])),
    )
