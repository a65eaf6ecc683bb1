"""No handler waits on the database or the network on the event loop: each one that does is `@off_loop`.

A handler "does" when its source opens `rx.session()` or calls a service through the admin states' `_act`/`_run`,
directly or through another method of its state (followed to the end). The browser test
`tests/e2e/test_held_database.py` shows why it matters.
"""

import asyncio
import inspect
import re

import reflex as rx

from parlonsen.state.off_loop import off_loop
from tests.test_forgetting import states_of_the_app

WAITS = re.compile(r"rx\.session\(|notify_|ent\.send|with_token\(")
CALL = re.compile(r"self\.(\w+)\(")


def methods(state: type) -> dict[str, object]:
    """The functions a state defines or inherits from our own classes (not Reflex's)."""
    found = {}
    for klass in reversed(state.__mro__):
        for name, value in vars(klass).items():
            if inspect.isfunction(value) and not klass.__module__.startswith(("reflex", "builtins")):
                found[name] = value
    for name, handler in getattr(state, "event_handlers", {}).items():  # Reflex keeps handlers apart
        if not handler.fn.__module__.startswith("reflex"):
            found[name] = handler.fn
    return found


def waiting_methods(state: type) -> set[str]:
    sources = {name: inspect.getsource(inspect.unwrap(fn)) for name, fn in methods(state).items()}
    waiting = {name for name, source in sources.items() if WAITS.search(source)}
    while True:
        more = {name for name, source in sources.items() if set(CALL.findall(source)) & waiting} - waiting
        if not more:
            return waiting
        waiting |= more


def test_every_handler_that_waits_on_the_database_or_the_network_runs_off_the_event_loop():
    on_the_loop = []
    for state in states_of_the_app():
        waiting = waiting_methods(state)
        for name, handler in state.event_handlers.items():
            if name in waiting and not inspect.iscoroutinefunction(handler.fn):
                on_the_loop.append(f"{state.__name__}.{name}")
    assert on_the_loop == [], f"decorate with @off_loop: {on_the_loop}"


def test_the_checker_sees_a_handler_that_opens_a_session():
    class Probe:  # shaped like a state; a real rx.State here would join the app's state tree
        def _read(self) -> None:
            with rx.session():
                pass

        def _refresh(self) -> None:
            self._read()

        def load(self) -> None:
            self._refresh()

        def step(self) -> None:
            pass

        def submit(self) -> None:  # a handler calling another handler that waits, waits too
            self.load()

    assert waiting_methods(Probe) == {"_read", "_refresh", "load", "submit"}


def test_an_off_loop_handler_keeps_its_return_value_and_runs_in_another_thread():
    import threading

    def handler(self, value):
        return value, threading.get_ident()

    value, thread = asyncio.run(off_loop(handler)(None, 42))
    assert value == 42 and thread != threading.get_ident()


def test_no_handler_calls_another_handler_directly():
    """A handler called from inside another is a coroutine when it is `@off_loop`: it would never run. Handlers
    share private methods (`_search`) instead."""
    calls = []
    for state in states_of_the_app():
        sources = methods(state)
        for name in state.event_handlers:
            if name in sources:
                called = set(CALL.findall(inspect.getsource(inspect.unwrap(sources[name]))))
                calls += [f"{state.__name__}.{name} → {other}" for other in called & set(state.event_handlers)]
    assert calls == [], calls
