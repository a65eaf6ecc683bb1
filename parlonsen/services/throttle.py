"""Throttles: how often one client may fail a login or a follow-up code, or send a message. One table, one rule.

A throttle counts events under a key (`Limit.kind` + who) in a fixed window; past `limit` events the key is
closed until the window ends, or, for `escalating` limits, for a delay that doubles with each further
failure. Keys are stored only as an HMAC with the server's pepper: the table never holds an address.

Who is counted is chosen per use so that an attacker is stopped without locking out the people who share
their network (a class behind one school address) or the account they target:
- a narrow key (this tab, or this e-mail from this address) closes fast and is the only one a success clears;
- a wide key (this address, this school) has a much higher ceiling and no success ever clears it.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from parlonsen.models import Throttle, as_utc
from parlonsen.services.keys import code_pepper


@dataclass(frozen=True)
class Limit:
    """At most `limit` events per `window` under one key; `escalating`: after that, a lock that doubles."""

    kind: str
    limit: int
    window: timedelta
    escalating: bool = False
    first_lock: timedelta = timedelta(seconds=60)
    longest_lock: timedelta = timedelta(minutes=15)


def key_of(limit: Limit, who: str) -> str:
    digest = hmac.new(code_pepper(), f"{limit.kind}:{who}".encode(), hashlib.sha256).hexdigest()
    return f"{limit.kind}:{digest[:40]}"


def seconds_left(session: Session, limit: Limit, who: str, now: datetime) -> int:
    """Whole seconds before `who` may act again under this limit; 0 when they may act now."""
    row = session.get(Throttle, key_of(limit, who))
    if row is None or row.locked_until is None:
        return 0
    remaining = (as_utc(row.locked_until) - now).total_seconds()
    return math.ceil(remaining) if remaining > 0 else 0


def count(session: Session, limit: Limit, who: str, now: datetime) -> None:
    """Count one event for `who` (inside the caller's transaction); close the key when the limit is reached."""
    key = key_of(limit, who)
    row = session.get(Throttle, key)
    if row is None or (as_utc(row.window_start) + limit.window <= now and not _locked(row, now)):
        row = row or Throttle(key=key)
        row.hits, row.window_start, row.locked_until = 0, now, None
    row.hits += 1
    if row.hits >= limit.limit:
        escalated = now + lock_for(limit, row.hits) if limit.escalating else None
        row.locked_until = escalated or as_utc(row.window_start) + limit.window
    session.add(row)


def lock_for(limit: Limit, hits: int) -> timedelta:
    """An escalating limit's lock after `hits` events: `first_lock` at the limit, doubled for each one after."""
    extra = max(0, hits - limit.limit)
    return min(limit.first_lock * 2 ** min(extra, 16), limit.longest_lock)


def clear(session: Session, limit: Limit, who: str) -> None:
    """Forget `who`'s count under this (narrow) limit: a success by the same tab or the same pair."""
    row = session.get(Throttle, key_of(limit, who))
    if row is not None:
        session.delete(row)


def _locked(row: Throttle, now: datetime) -> bool:
    return row.locked_until is not None and as_utc(row.locked_until) > now


def delay_text(seconds: int) -> str:
    """'45 secondes', '1 seconde', or from 90 s on, '2 minutes' (rounded up)."""
    if seconds >= 90:
        minutes = math.ceil(seconds / 60)
        return f"{minutes} minute{'s' if minutes > 1 else ''}"
    return f"{seconds} seconde{'s' if seconds > 1 else ''}"


def wait_message(seconds: int, polite: bool) -> str:
    """'Trop d'essais. Réessayez dans 2 minutes.' (vous) or '… Réessaie …' (tu)."""
    return f"Trop d'essais. {'Réessayez' if polite else 'Réessaie'} dans {delay_text(seconds)}."
