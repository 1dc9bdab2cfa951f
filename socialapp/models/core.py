"""Core models: an event, its agenda of segments, its attendees, and applied client commands."""

import json
import time

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, false, inspect, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core import clock
from ..extensions import db


def now():
    return time.time()


class TimerColumns:
    """A clock.Timer stored as timestamps in four columns (mixed into every timed row)."""

    timer_status: Mapped[str] = mapped_column(String(10), default="idle")
    timer_duration: Mapped[float] = mapped_column(default=0)
    timer_ends_at: Mapped[float | None] = mapped_column(default=None)
    timer_remaining: Mapped[float | None] = mapped_column(default=None)

    @property
    def timer(self):
        return clock.Timer(
            self.timer_status, self.timer_duration, self.timer_ends_at, self.timer_remaining
        )

    @timer.setter
    def timer(self, t):
        self.timer_status = t.status
        self.timer_duration = t.duration
        self.timer_ends_at = t.ends_at
        self.timer_remaining = t.remaining


class Event(db.Model):
    __tablename__ = "event"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    host_key: Mapped[str] = mapped_column(String(64))
    template: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[float] = mapped_column(default=now)
    ended_at: Mapped[float | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(default=1)
    # The version of the last write other than a join (joins change only who is in): what
    # the join path's cache of the event, its agenda and its public state is checked against
    # (socialapp.eventcache). Every other write sets it to the new version (commands.lock).
    content_version: Mapped[int] = mapped_column(default=1, server_default="0")
    show_count: Mapped[bool] = mapped_column(default=True)
    auto_advance: Mapped[bool] = mapped_column(default=False)
    # Time's up (socialapp.timing): the projector's chime is the host's switch, off by
    # default; timers turn amber this many seconds before the end (0: never); the last
    # private "wrap up" sent to a speaker's phone (JSON: segment, attendee, at, text).
    chime: Mapped[bool] = mapped_column(default=False)
    warn_seconds: Mapped[int] = mapped_column(default=60, server_default="60")
    wrap_up_json: Mapped[str | None] = mapped_column(Text, default=None)
    # Crowd control (socialapp.people): at most this many attendees (None: no cap), and the
    # optional join code that changes every few minutes on the projector (socialapp.joincode).
    max_attendees: Mapped[int | None] = mapped_column(default=None)
    join_rotate: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Personal data that goes away (socialapp.privacy): kept this many days after the end
    # (None: core.retention.DEFAULT_DAYS), deleted at purged_at; the report's anonymous
    # figures, taken just before, stay in report_json.
    retention_days: Mapped[int | None] = mapped_column(default=None)
    purged_at: Mapped[float | None] = mapped_column(default=None)
    report_json: Mapped[str | None] = mapped_column(Text, default=None)
    live_segment_id: Mapped[int | None] = mapped_column(
        ForeignKey("segment.id", use_alter=True, name="fk_event_live_segment"), default=None
    )

    segments: Mapped[list["Segment"]] = relationship(
        back_populates="event",
        order_by="Segment.position",
        foreign_keys="Segment.event_id",
        cascade="all, delete-orphan",
    )

    @property
    def live_segment(self):
        if self.live_segment_id is None:
            return None
        state = inspect(self)
        if "segments" in state.unloaded and state.session is not None:
            # One row by key, not the whole agenda: every phone's command asks for the live
            # segment, and most never look at the others (the same object either way).
            seg = state.session.get(Segment, self.live_segment_id)
            return seg if seg is not None and seg.event_id == self.id else None
        return next((s for s in self.segments if s.id == self.live_segment_id), None)


class Segment(TimerColumns, db.Model):
    __tablename__ = "segment"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(120))
    instructions: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[float] = mapped_column(default=10)
    settings_json: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending | live | done
    started_at: Mapped[float | None] = mapped_column(default=None)
    ended_at: Mapped[float | None] = mapped_column(default=None)

    event: Mapped[Event] = relationship(back_populates="segments", foreign_keys=[event_id])

    @property
    def settings(self):
        return json.loads(self.settings_json or "{}")

    @settings.setter
    def settings(self, value):
        self.settings_json = json.dumps(value)

    @property
    def timer(self):
        # Never started: the planned minutes, so edits to them show before the start.
        if self.timer_status == "idle" and self.timer_remaining is None:
            return clock.new(self.minutes * 60)
        return TimerColumns.timer.fget(self)

    @timer.setter
    def timer(self, t):
        TimerColumns.timer.fset(self, t)


class Attendee(db.Model):
    __tablename__ = "attendee"
    __table_args__ = (
        # Who is here (state.present_count) counted in the index alone (migration 0010).
        Index("ix_attendee_present", "event_id", "last_seen", "removed_at"),
        UniqueConstraint("event_id", "join_cid", name="uq_attendee_join_cid"),
        # The join's same-name number (events._JOIN_READS) without reading the whole room.
        Index("ix_attendee_event_lname", "event_id", text("lower(name)")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    # Second, third... person of the same name in the event: screens show "Alex (2)".
    name_no: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[float] = mapped_column(default=now)
    last_seen: Mapped[float] = mapped_column(default=now)
    # The join form's client-made id: a resubmitted form (lost response) gets the same person.
    join_cid: Mapped[str | None] = mapped_column(String(64), default=None)
    # Removed by the host: their cookie stops working and they count for nothing, but what
    # they wrote stays (socialapp.people).
    removed_at: Mapped[float | None] = mapped_column(default=None)

    @property
    def label(self):
        return self.name if self.name_no == 1 else f"{self.name} ({self.name_no})"


class ClientCommand(db.Model):
    """A client-made id per changing message: applied once however often it arrives."""

    __tablename__ = "client_command"
    __table_args__ = (UniqueConstraint("event_id", "actor", "cid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"))
    actor: Mapped[str] = mapped_column(String(24))
    cid: Mapped[str] = mapped_column(String(64))
    result_json: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[float] = mapped_column(default=now)
