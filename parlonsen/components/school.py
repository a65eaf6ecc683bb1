"""A school's trusted adults and its département's resources, rendered from state lists (plain text only)."""

import reflex as rx

from parlonsen.components.links import external_link


def _line(label: str, value: rx.Var) -> rx.Component:
    return rx.cond(value != "", rx.el.p(rx.el.strong(label), value), rx.fragment())


def adult_item(adult: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.strong(adult.role),
        rx.cond(adult.name != "", rx.el.span(" — ", adult.name), rx.fragment()),
        _line("Où : ", adult.where),
        _line("Quand : ", adult.when),
        _line("Comment : ", adult.how),
        rx.el.div(
            rx.cond(adult.phone != "", rx.el.a("Appeler", href=adult.phone_href, class_name="contact"), rx.fragment()),
            rx.cond(
                adult.email != "",
                rx.el.a("Écrire un e-mail", href=adult.email_href, class_name="contact secondary"),
                rx.fragment(),
            ),
            class_name="contacts",
        ),
        class_name="card",
    )


def adults_list(adults: rx.Var, empty: str) -> rx.Component:
    return rx.cond(
        adults.length() > 0,
        rx.el.ul(rx.foreach(adults, adult_item), class_name="cards", style={"listStyle": "none", "padding": 0}),
        rx.el.p(empty, class_name="notice"),
    )


def resource_item(resource: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.p(resource.kind, class_name="muted"),
        rx.el.h3(resource.name),
        rx.cond(
            resource.no_contact_yet,
            rx.el.p(
                "Ses coordonnées ne sont pas sur ce site. Le 119 peut te mettre en lien avec ce service, jour et nuit.",
                class_name="notice",
            ),
            rx.fragment(),
        ),
        _line("", resource.description),
        _line("Adresse : ", resource.address),
        _line("Horaires : ", resource.hours),
        rx.el.div(
            rx.cond(
                resource.phone != "",
                rx.el.a("Appeler", href=resource.phone_href, class_name="contact"),
                rx.fragment(),
            ),
            rx.cond(
                resource.email != "",
                rx.el.a("Écrire un e-mail", href=resource.email_href, class_name="contact secondary"),
                rx.fragment(),
            ),
            rx.cond(
                resource.url != "",
                external_link("Site web", href=resource.url, class_name="contact secondary"),
                rx.fragment(),
            ),
            class_name="contacts",
        ),
        class_name="card",
    )


def resources_list(resources: rx.Var) -> rx.Component:
    return rx.el.ul(rx.foreach(resources, resource_item), class_name="cards", style={"listStyle": "none", "padding": 0})
