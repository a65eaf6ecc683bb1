"""One transaction per use case: commit at the end, roll everything back on any error."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlmodel import Session


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """Like `session.begin()`, but also fine when the session has already auto-begun (after a read)."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
