"""Opening hours in Europe/Paris: slots, midnight, weekends, public holidays."""

from datetime import UTC, date, datetime

import pytest

from parlonsen.catalog import OpeningHours, catalog
from parlonsen.hours import at, easter_sunday, is_open_at, public_holidays, status_at


def hours(**kwargs) -> OpeningHours:
    return OpeningHours(summary="test", **kwargs)


WEEKDAYS_9_20 = hours(slots=[{"days": ["lun", "mar", "mer", "jeu", "ven"], "start": "09:00", "end": "20:00"}])
FRIDAY_NIGHT = hours(slots=[{"days": ["ven"], "start": "22:00", "end": "02:00"}])
MONDAY = date(2026, 11, 23)
FRIDAY, SATURDAY = date(2026, 11, 27), date(2026, 11, 28)


def test_always_open_is_open_at_three_on_a_sunday_morning():
    assert is_open_at(hours(always=True), at(date(2026, 11, 29), "03:00"))


@pytest.mark.parametrize(("moment", "expected"), [("08:59", False), ("09:00", True), ("19:59", True), ("20:00", False)])
def test_a_slot_opens_at_start_and_closes_at_end(moment, expected):
    assert is_open_at(WEEKDAYS_9_20, at(MONDAY, moment)) is expected


def test_weekday_slots_are_closed_at_the_weekend():
    assert not is_open_at(WEEKDAYS_9_20, at(SATURDAY, "10:00"))


def test_a_slot_past_midnight_stays_open_on_the_next_morning():
    assert is_open_at(FRIDAY_NIGHT, at(FRIDAY, "23:30"))
    assert is_open_at(FRIDAY_NIGHT, at(SATURDAY, "01:59"))
    assert not is_open_at(FRIDAY_NIGHT, at(SATURDAY, "02:00"))
    assert not is_open_at(FRIDAY_NIGHT, at(FRIDAY, "01:00"))  # Thursday night has no slot
    assert not is_open_at(FRIDAY_NIGHT, at(SATURDAY, "22:30"))


def test_a_slot_ending_at_midnight_is_written_24_00():
    late = hours(slots=[{"days": ["lun"], "start": "20:00", "end": "24:00"}])
    assert is_open_at(late, at(MONDAY, "23:59"))
    assert not is_open_at(late, at(date(2026, 11, 24), "00:00"))


def test_public_holidays_close_channels_that_say_so():
    christmas = date(2026, 12, 25)  # a Friday
    open_on_holidays = WEEKDAYS_9_20
    closed_on_holidays = hours(slots=WEEKDAYS_9_20.slots, closed_on_public_holidays=True)
    assert is_open_at(open_on_holidays, at(christmas, "10:00"))
    assert not is_open_at(closed_on_holidays, at(christmas, "10:00"))
    assert is_open_at(closed_on_holidays, at(date(2026, 12, 24), "10:00"))


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28))],
)
def test_easter_is_computed_correctly(year, easter):
    assert easter_sunday(year) == easter


def test_french_public_holidays_include_the_movable_ones():
    holidays = public_holidays(2026)
    assert len(holidays) == 11
    assert {date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25), date(2026, 7, 14)} <= holidays


def test_moments_are_read_in_paris_time():
    # 22:30 UTC on 24 Nov is 23:30 in Paris (UTC+1): the 3018 (9h–23h) is closed then.
    channel = catalog().channels["3018"]
    assert status_at(channel.hours, datetime(2026, 11, 24, 9, 30, tzinfo=UTC)) == "open"
    assert status_at(channel.hours, datetime(2026, 11, 24, 22, 30, tzinfo=UTC)) == "closed"
    # In summer Paris is UTC+2: 21:30 UTC is 23:30 in Paris.
    assert status_at(channel.hours, datetime(2026, 7, 1, 21, 30, tzinfo=UTC)) == "closed"
    assert status_at(channel.hours, datetime(2026, 7, 1, 20, 30, tzinfo=UTC)) == "open"


def test_unknown_hours_are_never_shown_as_open():
    unknown = hours(unknown=True)
    assert status_at(unknown, at(MONDAY, "10:00")) == "unknown"
    assert not is_open_at(unknown, at(MONDAY, "10:00"))


def test_hours_need_exactly_one_kind():
    with pytest.raises(ValueError, match="exactly one of"):
        hours(always=True, unknown=True)
