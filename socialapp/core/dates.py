"""Dates and times as the app words them, the same on every machine (no locale)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
UTC = dt.UTC


def zone(tz: dt.tzinfo | str | None) -> dt.tzinfo:
    """A time zone from a tzinfo, an IANA name ("Europe/Paris") or None (UTC)."""
    if tz is None:
        return UTC
    if not isinstance(tz, str):
        return tz
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"Unknown time zone: {tz[:40]}") from None


def local(ts: float, tz: dt.tzinfo | str | None = None) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, zone(tz))


def long_date(day: dt.date) -> str:
    """'30 December 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_of(ts: float, tz: dt.tzinfo | str | None = None) -> str:
    """The date of a timestamp where the event is: '25 April 2026'."""
    return long_date(local(ts, tz).date())


def clock(ts: float, tz: dt.tzinfo | str | None = None) -> str:
    """'21:05'."""
    return local(ts, tz).strftime("%H:%M")


def midnight_after(day: dt.date, tz: dt.tzinfo | str | None = None) -> float:
    """The timestamp at which `day` ends in `tz` (the next day's 00:00, daylight saving
    included; where a zone skips midnight, the first moment of the next day)."""
    following = day + dt.timedelta(days=1)
    start = dt.datetime(following.year, following.month, following.day, tzinfo=zone(tz))
    # Where 00:00 is skipped, PEP 495 reads it with the offset before the gap: the very
    # instant the clocks jump, which is when the new day starts.
    return start.timestamp()
