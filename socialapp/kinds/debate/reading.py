"""Reads of the debate kind: the board, the running order, the ballots and their count.

The result comes from socialapp/core/debate.py, a pure function of the two votes: nothing
read here hands a view an attendee id next to a side.
"""

from sqlalchemy import func, select

from ...core import clock, debate_plan
from ...core import debate as counting
from ...extensions import db
from .models import DebateBallot, DebateBoard, DebateHand


def settings_of(seg):
    return seg.settings or {}


def steps(seg):
    s = settings_of(seg)
    minutes = {k: s[f"{k}_minutes"] for k in debate_plan.DEFAULT_MINUTES if f"{k}_minutes" in s}
    return debate_plan.plan(s.get("for_speakers", []), s.get("against_speakers", []), minutes)


def motion(seg):
    return settings_of(seg).get("motion") or seg.title


def board(ctx, create=False):
    row = db.session.get(DebateBoard, ctx.segment.id)
    if row is None and create:
        margin = settings_of(ctx.segment).get("dead_heat_margin", counting.DEFAULT_MARGIN)
        row = DebateBoard(
            segment_id=ctx.segment.id, event_id=ctx.event.id, step=0, margin=margin,
            shown_voters=0, timer_status="idle", timer_duration=0,
        )  # fmt: skip
        db.session.add(row)
        db.session.flush()
    return row


def step_of(ctx, row=None):
    row = row or board(ctx)
    return steps(ctx.segment)[row.step if row else 0]


def timer_of(row, now):
    t = row.timer
    return t.to_dict() | {"phase": clock.phase(t, now)}


def voters(seg, round_):
    where = (DebateBallot.segment_id == seg.id) & (DebateBallot.round == round_)
    return db.session.scalar(select(func.count(DebateBallot.id)).where(where))


def result(ctx, row):
    """count_debate over the segment's two votes: keys stay on the server."""
    votes = {"before": {}, "after": {}}
    rows = db.session.execute(
        select(DebateBallot.attendee_id, DebateBallot.round, DebateBallot.side).where(
            DebateBallot.segment_id == ctx.segment.id
        )
    )
    for who, round_, side in rows:
        votes[round_][who] = side
    return counting.count_debate(votes["before"], votes["after"], row.margin)


def hands(seg):
    return db.session.scalars(
        select(DebateHand)
        .where(DebateHand.segment_id == seg.id)
        .order_by(DebateHand.raised_at, DebateHand.id)
    ).all()
