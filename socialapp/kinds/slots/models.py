"""The slots kind's one table: who volunteered for which of the host's slots (dates).

One row per taken slot: the unique (segment, slot) pair is "one presenter per slot", the
unique (segment, attendee) pair "one slot per phone". A slot is named by its label as the host
wrote it in the segment's settings; attendee_id is None for a name the host typed in, or a
claim carried over from a series' last session.
"""

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ...models.core import now

__all__ = ["SlotClaim"]


class SlotClaim(db.Model):
    __tablename__ = "slots_claim"
    __table_args__ = (
        UniqueConstraint("segment_id", "slot", name="uq_slots_claim_slot"),
        UniqueConstraint("segment_id", "attendee_id", name="uq_slots_claim_person"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), index=True)
    slot: Mapped[str] = mapped_column(String(80))
    attendee_id: Mapped[int | None] = mapped_column(ForeignKey("attendee.id"), index=True)
    name: Mapped[str] = mapped_column(String(48))
    topic: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[float] = mapped_column(default=now)
