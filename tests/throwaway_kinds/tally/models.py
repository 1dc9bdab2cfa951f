"""The tally kind's one table: a row per tap."""

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from socialapp.extensions import db


class TallyTap(db.Model):
    __tablename__ = "tally_tap"

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), index=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"))
    points: Mapped[int] = mapped_column(default=1)
