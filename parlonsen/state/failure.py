"""When a handler fails on the server: a French message on the page, from our own state (Reflex's default toast
is evaluated as a string, which our CSP forbids, so the user saw nothing), and a log line an operator can use.

What the user typed stays: the forms are not reset, and nothing was saved (every write is one transaction).
"""

import logging

import reflex as rx
from reflex_base.event import EventSpec
from sqlalchemy.exc import SQLAlchemyError

from parlonsen import metrics

MESSAGE = (
    "Un problème est survenu de notre côté : ce que vous venez de faire n'a pas été pris en compte. Ce que vous "
    "avez écrit est toujours là ; réessayez dans un instant. En cas de danger : 17 ou 112 ; pour un enfant : 119."
)
logger = logging.getLogger("parlonsen.failure")


class FailureState(rx.State):
    message: str = ""

    @rx.event
    def show(self) -> None:
        self.message = MESSAGE

    @rx.event
    def dismiss(self) -> None:
        self.message = ""


def on_backend_exception(exception: Exception) -> EventSpec:
    """Reflex's backend_exception_handler: log the type and frames only (`parlonsen.logs`), count it, tell the user."""
    logger.error("a handler failed", exc_info=(type(exception), exception, exception.__traceback__))
    metrics.FAILED_EVENTS.labels(type(exception).__name__).inc()
    if isinstance(exception, SQLAlchemyError):
        metrics.DATABASE_ERRORS.inc()
    return FailureState.show()
