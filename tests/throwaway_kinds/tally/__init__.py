"""A throwaway segment kind that lives only in this folder: people tap, the room counts.

tests/test_kind_from_a_folder.py adds it with SOCIALAPP_EXTRA_KINDS and drives it end to end,
to prove that adding a kind is adding one folder (docs/segment-kinds.md). Nothing else in
the repository names it.
"""

from sqlalchemy import func, select

from socialapp.args import Int
from socialapp.extensions import db
from socialapp.kinds.base import Change, HostField, command

from .models import TallyTap

KIND = "tally"
LABEL = "Tally (test kind)"
ORDER = 90
COMMANDS = {}

STEP = Int("step", 1, 10, label="points per tap")
HOST_SETTINGS = [HostField(STEP, "Points per tap")]


def default_settings():
    return {"step": 1}


def clean_settings(raw):
    return {"step": STEP.read(raw.get("step", 1))}


def total(segment):
    points = select(func.coalesce(func.sum(TallyTap.points), 0))
    return db.session.scalar(points.where(TallyTap.segment_id == segment.id))


def public_view(ctx):
    return {"total": total(ctx.segment)}


def host_view(ctx):
    return {"step": ctx.segment.settings["step"]}


def personal_view(ctx, attendee):
    mine = select(func.count(TallyTap.id)).where(
        TallyTap.segment_id == ctx.segment.id, TallyTap.attendee_id == attendee.id
    )
    return {"taps": db.session.scalar(mine)}


@command(COMMANDS, "tally.tap", roles=("attendee",), args=(), strict=True)
def tap(ctx, args):
    """Add this segment's step to the room's total."""
    step = ctx.segment.settings["step"]
    db.session.add(TallyTap(segment_id=ctx.segment.id, attendee_id=ctx.attendee.id, points=step))
    db.session.flush()
    return Change(personal={ctx.attendee.id}, result={"total": total(ctx.segment)})
