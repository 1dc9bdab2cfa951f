"""The slots kind's commands: a phone volunteers for a slot (one presenter per slot, one slot
per phone; taking another moves it) and may withdraw; the host frees a slot or writes in a
presenter who has no phone."""

from sqlalchemy import select

from ...args import Text
from ...errors import CommandError
from ...extensions import db
from ..base import Change, command
from .models import SlotClaim
from .reading import SLOT_MAX, TOPIC_MAX

COMMANDS = {}
SLOT = Text("slot", SLOT_MAX, label="slot")
TOPIC = Text("topic", TOPIC_MAX, min_len=0, required=False, label="paper or topic")
NAME = Text("name", 48, label="presenter's name")


def slot_arg(ctx, label):
    if label not in ctx.segment.settings.get("slots", []):
        raise CommandError("Unknown slot.", "not_found")
    return label


def claim_of(ctx, *where):
    query = select(SlotClaim).where(SlotClaim.segment_id == ctx.segment.id, *where)
    return db.session.scalar(query.execution_options(populate_existing=True))


@command(COMMANDS, "slots.take", roles=("attendee",), strict=True, args=[SLOT, TOPIC])
def take(ctx, args):
    """Volunteer for a slot, with what you would present (optional). A phone holds one slot:
    taking another moves it. Result {slot}."""
    label = slot_arg(ctx, args["slot"])
    held = claim_of(ctx, SlotClaim.slot == label)
    if held is not None and held.attendee_id != ctx.attendee.id:
        raise CommandError(f"{held.name} has volunteered for {label} already.", "conflict")
    mine = held or claim_of(ctx, SlotClaim.attendee_id == ctx.attendee.id)
    if mine is None:
        mine = SlotClaim(
            event_id=ctx.event.id,
            segment_id=ctx.segment.id,
            attendee_id=ctx.attendee.id,
            created_at=ctx.now,
        )
        db.session.add(mine)
    mine.slot, mine.name = label, ctx.attendee.label
    mine.topic = args["topic"] or ""
    db.session.flush()
    return Change(personal={ctx.attendee.id}, result={"slot": label})


@command(COMMANDS, "slots.withdraw", roles=("attendee",), strict=True, args=())
def withdraw(ctx, args):
    """Give your slot back: it is free for someone else."""
    mine = claim_of(ctx, SlotClaim.attendee_id == ctx.attendee.id)
    if mine is None:
        raise CommandError("You have not volunteered for a slot.", "conflict")
    db.session.delete(mine)
    return Change(personal={ctx.attendee.id})


@command(COMMANDS, "slots.release", args=[SLOT])
def release(ctx, args):
    """The host frees a slot (its volunteer's phone is told)."""
    held = claim_of(ctx, SlotClaim.slot == slot_arg(ctx, args["slot"]))
    if held is None:
        raise CommandError("Nobody has this slot.", "conflict")
    db.session.delete(held)
    return Change(personal={held.attendee_id} - {None})


@command(COMMANDS, "slots.assign", args=[SLOT, NAME, TOPIC])
def assign(ctx, args):
    """The host writes in a presenter for a free slot (someone without a phone here)."""
    label = slot_arg(ctx, args["slot"])
    if claim_of(ctx, SlotClaim.slot == label) is not None:
        raise CommandError("This slot is taken: free it first.", "conflict")
    db.session.add(
        SlotClaim(
            event_id=ctx.event.id,
            segment_id=ctx.segment.id,
            slot=label,
            attendee_id=None,
            name=args["name"],
            topic=args["topic"] or "",
            created_at=ctx.now,
        )
    )
    return Change()


__all__ = ["COMMANDS"]
