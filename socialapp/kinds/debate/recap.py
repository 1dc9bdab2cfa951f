"""The debate's part of what the evening leaves behind: its result in the host's report, and
letting go of people's ballots and raised hands when their personal data goes."""

from types import SimpleNamespace

from sqlalchemy import delete, select, update

from ...extensions import db
from ...models import Segment
from .models import DebateBallot, DebateBoard, DebateHand
from .reading import motion, result


def report_part(event):
    """{"debates": [{"motion", "result": core.debate.count_debate(...)}]}, the debates that
    had ballots, in agenda order; {} when none had."""
    debates = []
    for seg in db.session.scalars(
        select(Segment)
        .where(Segment.event_id == event.id, Segment.kind == "debate")
        .order_by(Segment.position)
    ):
        row = db.session.get(DebateBoard, seg.id)
        voted = db.session.scalar(select(DebateBallot.id).where(DebateBallot.segment_id == seg.id))
        if row is not None and voted is not None:
            ctx = SimpleNamespace(segment=seg, event=event)
            debates.append({"motion": motion(seg), "result": result(ctx, row)})
    return {"debates": debates} if debates else {}


def forget_people(ctx, ids, keeper, everyone=False):
    """Ballots and raised hands are personal (who voted what, who asked to speak): they go.
    The report keeps the result (socialapp.privacy saves it before a purge)."""
    segs = select(Segment.id).where(Segment.event_id == ctx.event.id, Segment.kind == "debate")
    for model in (DebateBallot, DebateHand):
        stmt = delete(model).where(model.segment_id.in_(segs))
        if not everyone:
            stmt = stmt.where(model.attendee_id.in_(list(ids)))
        db.session.execute(stmt)
    called = update(DebateBoard).where(DebateBoard.event_id == ctx.event.id)
    if not everyone:
        called = called.where(DebateBoard.floor_id.in_(list(ids)))
    db.session.execute(called.values(floor_id=None))
