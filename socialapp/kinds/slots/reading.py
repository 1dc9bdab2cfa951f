"""The slots kind's settings and reads: one plain-data picture of a segment per event version
(socialapp.viewcache), so 2,000 personal views cost one query."""

from sqlalchemy import select

from ... import viewcache
from ...args import Text, Texts
from ...errors import CommandError
from ...extensions import db
from .models import SlotClaim

MAX_SLOTS = 30
SLOT_MAX = 80
TOPIC_MAX = 200
SLOTS = Texts("slots", MAX_SLOTS, SLOT_MAX, item="slot", label="slots")
PROMPT = Text("prompt", 120, min_len=0, required=False, label="prompt")
DEFAULT_PROMPT = "Volunteer to present"


def default_settings():
    return {"slots": [], "prompt": DEFAULT_PROMPT}


def clean_settings(raw):
    raw = dict(raw or {})
    out = default_settings()
    if raw.get("slots") is not None:
        slots = SLOTS.read(raw["slots"])
        if len(set(slots)) != len(slots):
            raise CommandError("Each slot is listed once.")
        out["slots"] = slots
    prompt = PROMPT.parse(raw)
    if prompt:
        out["prompt"] = prompt
    return out


def claims(segment, fresh=False):
    query = select(SlotClaim).where(SlotClaim.segment_id == segment.id).order_by(SlotClaim.id)
    if fresh:  # inside a command, after the event lock
        query = query.execution_options(populate_existing=True)
    return db.session.scalars(query).all()


def picture(ctx):
    return viewcache.memo(ctx.event, ("slots", ctx.segment.id), lambda: build(ctx.segment))


def build(segment):
    taken = {c.slot: c for c in claims(segment)}
    listed = []
    for label in segment.settings.get("slots", []):
        c = taken.get(label)
        listed.append({"slot": label, "name": c.name if c else None, "topic": c.topic if c else ""})
    mine = {c.attendee_id: c.slot for c in taken.values() if c.attendee_id is not None}
    return {"slots": listed, "mine": mine}
