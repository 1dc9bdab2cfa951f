"""Models of the connect segment kind ("Stay connected"): the contact lines people share.

A row exists only while its person shares: "stop sharing" deletes it. Who may read it is
decided from the icebreaker's met pairs (socialapp.models.icebreaker.IcebreakerPair) each
time a view is built, never stored here.
"""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ...models.core import now

__all__ = ["ConnectContact", "ConnectState"]


class ConnectContact(db.Model):
    """One person's shared contact line (an e-mail, a handle, a homepage), at most 120 chars."""

    __tablename__ = "connect_contact"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    attendee_id: Mapped[int] = mapped_column(ForeignKey("attendee.id"), unique=True)
    contact: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[float] = mapped_column(default=now)


class ConnectState(db.Model):
    """Per connect segment: set when the projector's numbers changed but were not sent at once
    (big rooms); the sweeper sends the public state and clears it."""

    __tablename__ = "connect_state"
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), primary_key=True)
    dirty_at: Mapped[float | None] = mapped_column(default=None)
