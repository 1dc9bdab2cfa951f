"""A series of events (a weekly club): its sessions, and the people who come back.

Links live in tables of their own, so no existing table changes: an event is a session of at
most one series (series_session), and an attendee row of a session is one person of the
series (series_member -> series_person, whose token the phone keeps in a cookie scoped to the
series). Everything a session reads of other sessions goes through these rows, filtered by
its own series (socialapp.series).
"""

import time

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


def now():
    return time.time()


class Series(db.Model):
    __tablename__ = "series"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # Every session is made with this key: the host of one session hosts the next.
    host_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[float] = mapped_column(default=now)


class SeriesSession(db.Model):
    __tablename__ = "series_session"
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id"), index=True)
    number: Mapped[int] = mapped_column(default=1)  # 1, 2, 3... in the order they were made


class SeriesPerson(db.Model):
    __tablename__ = "series_person"
    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(40))  # the name last used: the join pre-fills it
    created_at: Mapped[float] = mapped_column(default=now)


class SeriesMember(db.Model):
    __tablename__ = "series_member"
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("series_person.id"), index=True)
