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


def care_links() -> rx.Component:
    """Thoughts of self-harm: the 3114 first, the 15 when life is in danger right now."""
    return rx.el.div(
        rx.el.a("Appeler le 3114", href="tel:3114", class_name="contact big"),
        rx.el.a("Appeler le 15", href="tel:15", class_name="contact secondary"),
        class_name="contacts",
    )
