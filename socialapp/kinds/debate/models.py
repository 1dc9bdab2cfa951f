"""Models of the debate kind: the board (where the debate is, its timer, the margin), the
room's two ballots per phone, and the hands raised for the floor.

A ballot row ties a phone to a side: that is what makes one ballot per phone per vote, a
changeable ballot and the pairing possible. It never leaves the server: views hold counts.
"""

import time

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...core import clock
from ...extensions import db

__all__ = ["DebateBallot", "DebateBoard", "DebateHand"]


def now():
    return time.time()


class DebateBoard(db.Model):
    """Per-segment state: the step of the running order (core/debate_plan.py), the step's
    timer (timestamps), the dead-heat margin, the phone called from the floor, and the voter
    count the room last saw (sent at most once a sweep, not on every ballot)."""

    __tablename__ = "debate_board"
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    step: Mapped[int] = mapped_column(default=0)
    timer_status: Mapped[str] = mapped_column(String(10), default="idle")
    timer_duration: Mapped[float] = mapped_column(default=0)
    timer_ends_at: Mapped[float | None] = mapped_column(default=None)
    timer_remaining: Mapped[float | None] = mapped_column(default=None)
    margin: Mapped[int] = mapped_column(default=5)
    floor_id: Mapped[int | None] = mapped_column(ForeignKey("attendee.id"), default=None)
    shown_voters: Mapped[int] = mapped_column(default=0)

    @property
    def timer(self):
        return clock.Timer(
            self.timer_status, self.timer_duration, self.timer_ends_at, self.timer_remaining
        )

    @timer.setter
    def timer(self, t):
        self.timer_status, self.timer_duration = t.status, t.duration
        self.timer_ends_at, self.timer_remaining = t.ends_at, t.remaining


class DebateBallot(db.Model):
    __tablename__ = "debate_ballot"
    __table_args__ = (
        # One ballot per phone per vote, whatever races two workers run.
        UniqueConstraint("segment_id", "round", "attendee_id", name="uq_debate_ballot_phone"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), index=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    round: Mapped[str] = mapped_column(String(10))  # before | after
    side: Mapped[str] = mapped_column(String(10))  # for | against | undecided
    created_at: Mapped[float] = mapped_column(default=now)
    updated_at: Mapped[float] = mapped_column(default=now)


class DebateHand(db.Model):
    """A phone that wants to speak from the floor; called_at once the host called it."""

    __tablename__ = "debate_hand"
    __table_args__ = (UniqueConstraint("segment_id", "attendee_id", name="uq_debate_hand"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), index=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    raised_at: Mapped[float] = mapped_column(default=now)
    called_at: Mapped[float | None] = mapped_column(default=None)
