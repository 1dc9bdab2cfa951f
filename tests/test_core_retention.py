"""The retention rule: whole days after the end, in the event's time zone."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialapp.core import dates, retention
from socialapp.core.retention import RetentionError, availability, delete_at, due, last_day

ZONES = ["UTC", "Europe/Paris", "America/Santiago", "Australia/Lord_Howe", "Asia/Tokyo"]


def at(*args, tz="UTC") -> float:
    return dt.datetime(*args, tzinfo=dates.zone(tz)).timestamp()


ENDED = at(2026, 11, 30, 22, 15)


def test_default_is_thirty_days_and_the_page_says_until_when():
    assert retention.clean_days(None) == 30
    assert availability(ENDED, None, ENDED + 60) == (
        "The list of people you met stays available until 30 December 2026."
    )
    assert last_day(ENDED, 30) == dt.date(2026, 12, 30)
    assert delete_at(ENDED, 30) == at(2026, 12, 31)


def test_due_exactly_at_the_midnight_that_ends_the_last_day():
    event = {"id": 7, "ended_at": ENDED, "retention_days": 30}
    assert not retention.is_due(event, at(2026, 12, 30, 23, 59, 59))
    assert retention.is_due(event, at(2026, 12, 31))
    assert availability(ENDED, 30, at(2026, 12, 31)) == (
        "The list of people you met is no longer available."
    )


def test_which_events_are_due():
    now = at(2027, 1, 15)
    events = [
        {"id": 1, "ended_at": at(2026, 12, 1), "retention_days": 30},  # last day 31 Dec: due
        {"id": 2, "ended_at": at(2026, 12, 20), "retention_days": 30},  # until 19 Jan
        {"id": 3, "ended_at": None, "retention_days": 0},  # still running
        {"id": 4, "ended_at": at(2026, 12, 1), "retention_days": 30, "purged_at": at(2026, 12, 2)},
        {"id": 5, "ended_at": at(2027, 1, 14, 10), "retention_days": 0},  # the day itself only
        # UTC+14: it ended at 00:00 on 15 January there, so that day is still kept.
        {"id": 6, "ended_at": at(2027, 1, 14, 10), "retention_days": 0, "tz": "Pacific/Kiritimati"},
        {"id": 7, "ended_at": at(2026, 1, 1), "retention_days": 365},  # kept through 1 Jan 2027
    ]
    assert due(events, now) == [1, 5, 7]
    assert due(events, at(2027, 1, 16, tz="Pacific/Kiritimati")) == [1, 5, 6, 7]
    assert due(events, at(2026, 12, 31, 12)) == []


def test_the_time_zone_decides_the_day():
    late = at(2026, 11, 30, 23, 30)  # already 1 December in Tokyo
    assert availability(late, 30, late, "UTC").endswith("until 30 December 2026.")
    assert availability(late, 30, late, "Asia/Tokyo").endswith("until 31 December 2026.")
    assert delete_at(late, 30, "Asia/Tokyo") == at(2027, 1, 1, tz="Asia/Tokyo")


def test_wording_before_the_end_and_after_deletion():
    assert availability(None, 30, 0) == (
        "The list of people you met stays available for 30 days after the event."
    )
    assert availability(None, 1, 0).endswith("for 1 day after the event.")
    assert availability(None, 0, 0).endswith("until the end of the day the event ends.")
    assert availability(ENDED, 30, ENDED, purged_at=at(2026, 12, 2, 9)) == (
        "The list of people you met was deleted on 2 December 2026."
    )
    assert retention.host_choice(None) == "Personal data is deleted 30 days after the event ends."
    assert retention.host_choice(1) == "Personal data is deleted 1 day after the event ends."


@pytest.mark.parametrize("bad", [-1, 366, 2.5, True, "a week", "", [30]])
def test_bad_choices_are_refused(bad):
    with pytest.raises(RetentionError):
        retention.clean_days(bad)


def test_choices_from_a_form():
    assert retention.clean_days("7") == 7 and retention.clean_days(0) == 0
    assert retention.clean_days(365) == 365


def test_an_unknown_zone_is_a_clear_error():
    with pytest.raises(ValueError, match="Unknown time zone"):
        delete_at(ENDED, 30, "Mars/Olympus")


@settings(max_examples=300, deadline=None)
@given(
    ended=st.floats(1.6e9, 2.2e9),
    days=st.integers(0, 365),
    tz=st.sampled_from(ZONES),
)
def test_kept_through_whole_days_never_less(ended, days, tz):
    deadline = delete_at(ended, days, tz)
    last = last_day(ended, days, tz)
    assert (last - dates.local(ended, tz).date()).days == days
    assert dates.local(deadline - 1, tz).date() == last  # the last second is still kept
    assert dates.local(deadline, tz).date() == last + dt.timedelta(days=1)
    assert deadline > ended + days * 86400 - 3600  # daylight saving moves it an hour at most
    assert not retention.is_due({"ended_at": ended, "retention_days": days, "tz": tz}, deadline - 1)
    assert retention.is_due({"ended_at": ended, "retention_days": days, "tz": tz}, deadline)
