"""Opening hours and "ouvert maintenant", always computed in Europe/Paris.

Hours are data (`OpeningHours`); this module only answers "is it open at this moment?", so the
answer is the same on the server, in tests and at 3 a.m. on a Sunday.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from parlonsen.catalog import DAYS, OpeningHours, OpeningSlot

PARIS = ZoneInfo("Europe/Paris")
OpenStatus = Literal["open", "closed", "unknown"]


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous Gregorian algorithm); French movable holidays hang on it."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> set[date]:
    """Metropolitan France's eleven public holidays (jours fériés)."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    movable = [easter + timedelta(days=n) for n in (1, 39, 50)]  # lundi de Pâques, Ascension, Pentecôte
    return {date(year, m, d) for m, d in fixed} | set(movable)


def is_public_holiday(day: date) -> bool:
    return day in public_holidays(day.year)


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _slot_covers(slot: OpeningSlot, day: date, minute: int, hours: OpeningHours) -> bool:
    """Whether `slot` is open at `minute` of `day`, including the tail of yesterday's overnight slot."""
    start, end = _minutes(slot.start), _minutes(slot.end)
    overnight = end < start

    def opens_on(d: date) -> bool:
        return DAYS[d.weekday()] in slot.days and not (hours.closed_on_public_holidays and is_public_holiday(d))

    if opens_on(day) and start <= minute < (24 * 60 if overnight else end):
        return True
    yesterday = day - timedelta(days=1)
    return overnight and opens_on(yesterday) and minute < end


def status_at(hours: OpeningHours, moment: datetime) -> OpenStatus:
    """Open, closed or unknown at `moment` (an aware datetime; a naive one is read as Paris time)."""
    if hours.unknown:
        return "unknown"
    if hours.always:
        return "open"
    local = moment.replace(tzinfo=PARIS) if moment.tzinfo is None else moment.astimezone(PARIS)
    minute = local.hour * 60 + local.minute
    open_now = any(_slot_covers(slot, local.date(), minute, hours) for slot in hours.slots)
    return "open" if open_now else "closed"


def is_open_at(hours: OpeningHours, moment: datetime) -> bool:
    """True only when the hours say so for sure; unknown hours are never "open"."""
    return status_at(hours, moment) == "open"


def now_paris() -> datetime:
    return datetime.now(PARIS)


def at(day: date, hhmm: str) -> datetime:
    """A Paris-time moment, for tests and benchmarks: `at(date(2026, 11, 24), "23:30")`."""
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS)
