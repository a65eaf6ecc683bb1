"""The emergency numbers as big phone links: 17, 112, SMS 114 (and the 119 where a written answer would be too slow)."""

import reflex as rx


def emergency_links(with_119: bool = False) -> rx.Component:
    return rx.el.div(
        rx.el.a("Appeler le 17", href="tel:17", class_name="contact"),
        rx.el.a("Appeler le 112", href="tel:112", class_name="contact"),
        rx.el.a("SMS au 114", href="sms:114", class_name="contact secondary"),
        *([rx.el.a("Appeler le 119", href="tel:119", class_name="contact secondary")] if with_119 else []),
        class_name="contacts",
    )
