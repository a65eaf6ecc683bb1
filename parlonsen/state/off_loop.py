"""Handlers that wait on the database or the network run in a worker thread, never on the event loop.

Reflex runs a plain `def` handler on the worker's event loop: one locked or slow database call would freeze
every tab that worker serves (measured: a questionnaire step waited 5 s behind a locked SQLite file).
`off_loop` makes such a handler a coroutine that runs its body in the default thread pool. Reflex still
holds this tab's state lock for the whole call, so the body reads and writes its state as before, while
the loop goes on serving every other tab. A handler with no I/O stays a plain `def`: it is faster inline.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import Any


def off_loop(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate under `@rx.event`: the handler's body runs in a thread; its return value (events) is kept."""

    @functools.wraps(handler)
    async def in_thread(self: Any, *args: Any, **kwargs: Any) -> Any:
        return await asyncio.to_thread(handler, self, *args, **kwargs)

    return in_thread
