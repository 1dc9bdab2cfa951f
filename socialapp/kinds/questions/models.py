"""Models of the questions segment kind: the floor of a segment, its questions, their votes and
the hand-raise queue.

A question's status follows socialapp/core/questions.py. A merged duplicate keeps its row (and
its asker) with merged_into pointing at the question it was folded into; its votes move there.
A vote is one row per phone and question (a second tap deletes it). A raised hand is one row
per phone and segment: raising it again after speaking puts the same row back in the queue.
"""

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ...models.core import TimerColumns, now

__all__ = ["QuestionsFloor", "Question", "QuestionVote", "QuestionsHand"]


class QuestionsFloor(db.Model):
    """Per-segment state: whether the floor takes new questions and hands."""

    __tablename__ = "questions_floor"
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    closed: Mapped[bool] = mapped_column(default=False)


class Question(db.Model):
    __tablename__ = "questions_question"
    __table_args__ = (Index("ix_questions_question_segment_status", "segment_id", "status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"))
    attendee_id: Mapped[int | None] = mapped_column(ForeignKey("attendee.id"), index=True)
    name: Mapped[str] = mapped_column(String(48), default="")  # "" when asked anonymously
    text: Mapped[str] = mapped_column(String(280))
    link: Mapped[str | None] = mapped_column(String(300), default=None)  # a suggested paper's
    # Votes it had in an earlier session of a series (carry_over): a count, by nobody.
    carried_votes: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(10), default="open")
    merged_into: Mapped[int | None] = mapped_column(default=None)  # a question id
    created_at: Mapped[float] = mapped_column(default=now)
    answered_at: Mapped[float | None] = mapped_column(default=None)


class QuestionVote(db.Model):
    __tablename__ = "questions_vote"
    __table_args__ = (
        UniqueConstraint("question_id", "attendee_id", name="uq_questions_vote_once"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions_question.id"), index=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))


class QuestionsHand(TimerColumns, db.Model):
    """A raised hand: waiting (in the running order by raised_at), speaking (its timer), done."""

    __tablename__ = "questions_hand"
    __table_args__ = (
        UniqueConstraint("segment_id", "attendee_id", name="uq_questions_hand_person"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"))
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    name: Mapped[str] = mapped_column(String(48))
    status: Mapped[str] = mapped_column(String(10), default="waiting")
    raised_at: Mapped[float] = mapped_column(default=now)
