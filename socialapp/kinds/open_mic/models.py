"""Models of the open_mic segment kind: the bowl of one segment, its entries, and the draw log.

An entry's status moves bowl -> drawn -> speaking -> done (see socialapp/core/bowl.py for the
rules); "absent" is a drawn person the host took out. A withdrawn or removed entry is deleted,
so the person may put their name in again. The speaker's timer lives on their entry, stored as
timestamps like every other timer.
"""

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ...models.core import TimerColumns, now

__all__ = ["OpenMicBowl", "OpenMicEntry", "OpenMicInterest", "OpenMicLog"]


class OpenMicBowl(db.Model):
    """Per-segment state: whether the bowl is closed, and the last running-order number."""

    __tablename__ = "open_mic_bowl"
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    closed: Mapped[bool] = mapped_column(default=False)
    last_no: Mapped[int] = mapped_column(default=0)


class OpenMicEntry(TimerColumns, db.Model):
    __tablename__ = "open_mic_entry"
    __table_args__ = (
        # One entry per person per segment (manual entries have no attendee: NULLs differ).
        UniqueConstraint("segment_id", "attendee_id", name="uq_open_mic_entry_person"),
        # A running-order number is given once: two concurrent draws cannot share one.
        UniqueConstraint("segment_id", "draw_no", name="uq_open_mic_entry_draw_no"),
        Index("ix_open_mic_entry_segment_status", "segment_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"))
    attendee_id: Mapped[int | None] = mapped_column(ForeignKey("attendee.id"), default=None)
    name: Mapped[str] = mapped_column(String(48))  # attendee.label, or typed by the host
    title: Mapped[str] = mapped_column(String(80), default="")
    pitch: Mapped[str] = mapped_column(String(120), default="")  # talk queue: request for plot
    status: Mapped[str] = mapped_column(String(10), default="bowl")
    draw_no: Mapped[int | None] = mapped_column(default=None)  # place in the running order
    created_at: Mapped[float] = mapped_column(default=now)
    drawn_at: Mapped[float | None] = mapped_column(default=None)
    started_at: Mapped[float | None] = mapped_column(default=None)
    ended_at: Mapped[float | None] = mapped_column(default=None)


class OpenMicLog(db.Model):
    """Every draw (and every absent mark) with its time: who was drawn, from how many names.

    entry_id is kept without a foreign key so the log outlives a removed entry."""

    __tablename__ = "open_mic_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), index=True)
    entry_id: Mapped[int] = mapped_column()
    name: Mapped[str] = mapped_column(String(48))
    action: Mapped[str] = mapped_column(String(12))  # draw | absent_back | absent_out
    draw_no: Mapped[int | None] = mapped_column(default=None)
    pool: Mapped[int] = mapped_column(default=0)  # names in the bowl just before a draw
    at: Mapped[float] = mapped_column(default=now)


class OpenMicInterest(db.Model):
    """ "I'm interested / I can help": one phone (helper) about one talk of the talk queue.

    The pitcher sees the helpers' names; stay connected lists the two as people met, and a
    contact line passes between them only once each confirmed (pitcher_/helper_confirmed_at),
    like people grouped in an icebreaker round. Taking the tap back deletes the row."""

    __tablename__ = "open_mic_interest"
    __table_args__ = (UniqueConstraint("entry_id", "helper_id", name="uq_open_mic_interest"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("open_mic_entry.id"))
    pitcher_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    helper_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    created_at: Mapped[float] = mapped_column(default=now)
    pitcher_confirmed_at: Mapped[float | None] = mapped_column(default=None)
    helper_confirmed_at: Mapped[float | None] = mapped_column(default=None)
