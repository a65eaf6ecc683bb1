"""How a moment is shown to a person: Paris time, one format, everywhere (journal, messages, follow-up, sources)."""

from datetime import UTC, date, datetime

from parlonsen.hours import PARIS


def _in_paris(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes, which are UTC here."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return aware.astimezone(PARIS)


def paris_time(moment: datetime) -> str:
    """24/11/2026 10:32 in Europe/Paris."""
    return _in_paris(moment).strftime("%d/%m/%Y %H:%M")


def paris_day(moment: datetime) -> str:
    """24/11/2026: the day in Europe/Paris (a student sees the day a reply came, not the minute)."""
    return _in_paris(moment).strftime("%d/%m/%Y")


def french_date(day: date) -> str:
    """A calendar date (a source's check date) as 24/11/2026."""
    return day.strftime("%d/%m/%Y")
