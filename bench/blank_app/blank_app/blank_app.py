"""One page, one state, one trivial state-changing event: what a blank Reflex 0.10.1 app costs."""

import reflex as rx


class State(rx.State):
    count: int = 0

    @rx.event
    def increment(self) -> None:
        self.count += 1


def index() -> rx.Component:
    return rx.el.div(rx.el.p(State.count), rx.el.button("+1", on_click=State.increment))


app = rx.App()
app.add_page(index)
