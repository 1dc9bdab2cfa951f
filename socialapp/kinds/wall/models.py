"""Models of the wall segment kind: a board per wall segment, its themes, notes and votes."""

import json
import time

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db

__all__ = ["WallBoard", "WallNote", "WallTheme", "WallVote"]


def now():
    return time.time()


class WallBoard(db.Model):
    """The live settings of one wall segment (made the first time it is needed) and the host's
    pending theme suggestion, kept here so a reload of the host panel keeps it."""

    __tablename__ = "wall_board"
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segment.id", ondelete="CASCADE"), primary_key=True
    )
    locked: Mapped[bool] = mapped_column(default=False)
    premoderate: Mapped[bool] = mapped_column(default=False)
    words_json: Mapped[str] = mapped_column(Text, default="[]")  # the host's extra words
    suggestion_json: Mapped[str | None] = mapped_column(Text, default=None)
    undo_json: Mapped[str | None] = mapped_column(Text, default=None)

    @property
    def words(self):
        return json.loads(self.words_json or "[]")

    @words.setter
    def words(self, value):
        self.words_json = json.dumps(value)

    @property
    def suggestion(self):
        return json.loads(self.suggestion_json) if self.suggestion_json else None

    @suggestion.setter
    def suggestion(self, value):
        self.suggestion_json = None if value is None else json.dumps(value)

    @property
    def undo(self):
        return json.loads(self.undo_json) if self.undo_json else None

    @undo.setter
    def undo(self, value):
        self.undo_json = None if value is None else json.dumps(value)


class WallTheme(db.Model):
    __tablename__ = "wall_theme"
    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segment.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[float] = mapped_column(default=now)


class WallNote(db.Model):
    """A sticky note. state: shown (public) | pending (waits for the host) | hidden (by the
    host). cid is made by the phone: a note sent twice (a retry after a Wi-Fi drop) is stored
    once."""

    __tablename__ = "wall_note"
    __table_args__ = (
        UniqueConstraint("segment_id", "attendee_id", "cid", name="uq_wall_note_cid"),
        Index("ix_wall_note_segment_attendee", "segment_id", "attendee_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id", ondelete="CASCADE"))
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"))
    cid: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default="shown")
    flagged: Mapped[str] = mapped_column(String(40), default="")  # the filter word it matched
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("wall_theme.id", ondelete="SET NULL"), default=None
    )
    # The column the phone picked (an index into the segment's `columns` setting), or None on
    # a wall without columns. Kept when the host changes the columns: shown only if in range.
    column_no: Mapped[int | None] = mapped_column(default=None)
    created_at: Mapped[float] = mapped_column(default=now)
    updated_at: Mapped[float] = mapped_column(default=now)


class WallVote(db.Model):
    """One +1 per note per person."""

    __tablename__ = "wall_vote"
    __table_args__ = (UniqueConstraint("note_id", "attendee_id", name="uq_wall_vote"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segment.id", ondelete="CASCADE"), index=True
    )
    note_id: Mapped[int] = mapped_column(ForeignKey("wall_note.id", ondelete="CASCADE"))
    attendee_id: Mapped[int] = mapped_column(
        ForeignKey("attendee.id", ondelete="CASCADE"), index=True
    )
