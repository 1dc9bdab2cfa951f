"""What the slots leave behind: the attendee's digest says which slot they took, privacy
lets go of who volunteered, and a series' next session starts with the slots already taken."""

from sqlalchemy import select

from ...extensions import db
from ...models import Segment
from .models import SlotClaim


def digest_part(ctx):
    rows = db.session.execute(
        select(SlotClaim.slot, SlotClaim.topic, Segment.title)
        .join(Segment, Segment.id == SlotClaim.segment_id)
        .where(SlotClaim.attendee_id == ctx.attendee.id)
        .order_by(Segment.position)
    ).all()
    items = [f"{title}: you volunteered for {slot}" + (f" ({topic})" if topic else "")
             for slot, topic, title in rows]  # fmt: skip
    return [{"title": "What you volunteered for", "items": items}] if items else []


def forget_people(ctx, ids, keeper, everyone=False):
    """A volunteer's name is personal: their slot stays taken, by nobody named."""
    stmt = select(SlotClaim).where(SlotClaim.event_id == ctx.event.id)
    if not everyone:
        stmt = stmt.where(SlotClaim.attendee_id.in_(list(ids)))
    for claim in db.session.scalars(stmt):
        claim.attendee_id, claim.name = None, "someone"


def slot_segments(event_id):
    return db.session.scalars(
        select(Segment)
        .where(Segment.event_id == event_id, Segment.kind == "slots")
        .order_by(Segment.position)
    ).all()


def carry_over(old_event_id, new_event_id):
    """A series' next session: each slot taken last time stays taken when the new session
    lists the same slot (the host keeps the dates still to come). The name and topic come
    along, not the phone (a new session has new attendees). Returns how many."""
    taken = {}
    for seg in slot_segments(old_event_id):
        for c in db.session.scalars(select(SlotClaim).where(SlotClaim.segment_id == seg.id)):
            taken.setdefault(c.slot, c)
    carried = 0
    for seg in slot_segments(new_event_id):
        have = set(db.session.scalars(select(SlotClaim.slot).where(SlotClaim.segment_id == seg.id)))
        for label in seg.settings.get("slots", []):
            old = taken.get(label)
            if old is None or label in have:
                continue
            db.session.add(
                SlotClaim(event_id=new_event_id, segment_id=seg.id, slot=label, attendee_id=None,
                          name=old.name, topic=old.topic, created_at=old.created_at)
            )  # fmt: skip
            carried += 1
    db.session.flush()
    return carried
