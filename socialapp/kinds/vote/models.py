"""Models of the vote segment kind: a segment's questions, its phones' ballots, its judges.

A ballot row ties an attendee to an answer: that is what makes one ballot per phone and a
changeable ballot possible. It never leaves the server: views and exports hold counts only.
"""

import json
import time

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db

__all__ = ["VoteBallot", "VoteBoard", "VoteJudge", "VoteQuestion"]


def now():
    return time.time()


class VoteBoard(db.Model):
    """Per-segment state: the question on screen, and the voter count the room last saw
    (the room's count is sent at most once a second, not on every ballot)."""

    __tablename__ = "vote_board"
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    current_id: Mapped[int | None] = mapped_column(default=None)
    shown_voters: Mapped[int] = mapped_column(default=0)


class VoteQuestion(db.Model):
    """One question: its title, its spec (socialapp/core/ballots.clean_question) and where it
    is: draft -> open -> closed -> revealed (open again is allowed until revealed)."""

    __tablename__ = "vote_question"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    spec_json: Mapped[str] = mapped_column(Text, default="{}")
    state: Mapped[str] = mapped_column(String(10), default="draft")
    live_results: Mapped[bool] = mapped_column(default=False)
    lock_first: Mapped[bool] = mapped_column(default=False)
    picked_json: Mapped[str] = mapped_column(Text, default="[]")  # open answers shown
    opened_at: Mapped[float | None] = mapped_column(default=None)
    closed_at: Mapped[float | None] = mapped_column(default=None)
    revealed_at: Mapped[float | None] = mapped_column(default=None)

    @property
    def spec(self):
        return json.loads(self.spec_json or "{}")

    @spec.setter
    def spec(self, value):
        self.spec_json = json.dumps(value)

    @property
    def picked(self):
        return json.loads(self.picked_json or "[]")

    @picked.setter
    def picked(self, value):
        self.picked_json = json.dumps(value)


class VoteBallot(db.Model):
    __tablename__ = "vote_ballot"
    __table_args__ = (
        # One ballot per phone per question, whatever races two workers run.
        UniqueConstraint("question_id", "attendee_id", name="uq_vote_ballot_phone"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("vote_question.id"), index=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    answer_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[float] = mapped_column(default=now)
    updated_at: Mapped[float] = mapped_column(default=now)

    @property
    def answer(self):
        return json.loads(self.answer_json)


class VoteJudge(db.Model):
    """A phone the host marked as a judge in this segment: its ballots count apart."""

    __tablename__ = "vote_judge"
    __table_args__ = (UniqueConstraint("segment_id", "attendee_id", name="uq_vote_judge"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), index=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
