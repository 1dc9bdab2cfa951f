"""The open mic's limits and reads: the entries of a segment, its bowl row, the speaker's time."""

from sqlalchemy import select

from ...core import clock
from ...extensions import db
from .models import OpenMicBowl, OpenMicEntry

TITLE_MAX = 80
PITCH_MAX = 120  # the talk queue's one-line "request for plot"
NAME_MAX = 40
ORDER_SHOWN = 12  # running-order names in the public view (the projector shows fewer)
LOG_SHOWN = 50
DEFAULT_GO_TO = "Walk to the microphone at the front of the room."
# ---------- reading ----------


def entries(segment, fresh=False):
    query = select(OpenMicEntry).where(OpenMicEntry.segment_id == segment.id)
    query = query.order_by(OpenMicEntry.id)
    if fresh:  # inside a command, after the event lock: never trust the identity map
        query = query.execution_options(populate_existing=True)
    return db.session.scalars(query).all()


def bowl_row(ctx, create=False):
    row = db.session.get(OpenMicBowl, ctx.segment.id, populate_existing=create)
    if row is None and create:
        row = OpenMicBowl(segment_id=ctx.segment.id, event_id=ctx.event.id, closed=False, last_no=0)
        db.session.add(row)
    return row


def speaker_seconds(segment):
    return int(segment.settings.get("speaker_minutes") or 4) * 60


def brief(e):
    return {"id": e.id, "name": e.name, "title": e.title, "pitch": e.pitch, "no": e.draw_no}


def timer_of(entry, now):
    t = entry.timer
    return t.to_dict() | {"phase": clock.phase(t, now)}
