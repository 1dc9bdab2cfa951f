"""How long personal data stays after an event: the retention rule as time arithmetic.

The host picks a number of days (DEFAULT_DAYS unless they choose): the list of people met,
names, contact lines, groups, ballots and notes' authors stay through that many whole days
after the day the event ended, in the event's time zone, and go at the midnight that ends
the last one. Counting whole days makes the promise on the phone exact: "stays available
until 30 December 2026" means through the 30th, never a few hours short of it.

    clean_days(value) -> int                     the host's choice, checked
    last_day(ended_at, days, tz) -> date | None  the last day the data is kept
    delete_at(ended_at, days, tz) -> float | None   when it goes (timestamp)
    due(events, now) -> [ids]                    events whose personal data must go now
    availability(ended_at, days, now, tz, purged_at) -> str   what the after-event page says
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from .dates import date_of, local, long_date, midnight_after
from .wording import plural

DEFAULT_DAYS = 30
MAX_DAYS = 365
SUBJECT = "The list of people you met"


class RetentionError(ValueError):
    """The host's retention choice is not a whole number of days we can keep."""


def clean_days(value) -> int:
    """The host's choice: a whole number of days from 0 (the day of the event only) to
    MAX_DAYS; None means the default."""
    if value is None:
        return DEFAULT_DAYS
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise RetentionError("Keep personal data for a whole number of days.")
    if not 0 <= value <= MAX_DAYS:
        raise RetentionError(f"Keep personal data for 0 to {MAX_DAYS} days after the event.")
    return value


def last_day(ended_at: float | None, days: int, tz=None) -> dt.date | None:
    """The last day personal data is kept; None while the event has not ended."""
    if ended_at is None:
        return None
    return local(ended_at, tz).date() + dt.timedelta(days=clean_days(days))


def delete_at(ended_at: float | None, days: int, tz=None) -> float | None:
    """When personal data goes: the midnight that ends the last day kept."""
    day = last_day(ended_at, days, tz)
    return None if day is None else midnight_after(day, tz)


def is_due(event: Mapping, now: float) -> bool:
    """`event`: {"ended_at": ts or None, "retention_days": int or None, "tz": name or None,
    "purged_at": ts or None}. Due once ended, past its deadline, and not yet purged."""
    if event.get("purged_at") is not None:
        return False
    deadline = delete_at(event.get("ended_at"), event.get("retention_days"), event.get("tz"))
    return deadline is not None and now >= deadline


def due(events: Iterable[Mapping], now: float) -> list:
    """The ids of the events whose personal data must be deleted at `now`, in the order
    given (each event as is_due takes it, with an "id")."""
    return [event["id"] for event in events if is_due(event, now)]


def availability(
    ended_at: float | None,
    days: int | None,
    now: float,
    tz=None,
    purged_at: float | None = None,
) -> str:
    """What the after-event page says about the list of people met."""
    days = clean_days(days)
    if purged_at is not None:
        return f"{SUBJECT} was deleted on {date_of(purged_at, tz)}."
    if ended_at is None:
        if days == 0:
            return f"{SUBJECT} stays available until the end of the day the event ends."
        return f"{SUBJECT} stays available for {plural(days, 'day')} after the event."
    if now >= delete_at(ended_at, days, tz):
        return f"{SUBJECT} is no longer available."
    return f"{SUBJECT} stays available until {long_date(last_day(ended_at, days, tz))}."


def host_choice(days: int | None) -> str:
    """The host panel's sentence for the setting."""
    days = clean_days(days)
    if days == 0:
        return "Personal data is deleted at midnight after the event ends."
    return f"Personal data is deleted {plural(days, 'day')} after the event ends."
