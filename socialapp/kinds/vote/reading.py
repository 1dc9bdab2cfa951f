"""Reads of the vote kind: the board, the questions, the ballots and their counts.

Counts come from socialapp/core/counting.py, a pure function of the answers: nothing read
here hands a view an attendee id next to an answer.
"""

import json

from sqlalchemy import func, select

from ...core import counting
from ...extensions import db
from .models import VoteBallot, VoteBoard, VoteJudge, VoteQuestion

STATES = ("draft", "open", "closed", "revealed")


def board(ctx, create=False):
    row = db.session.get(VoteBoard, ctx.segment.id)
    if row is None and create:
        row = VoteBoard(segment_id=ctx.segment.id, event_id=ctx.event.id, shown_voters=0)
        db.session.add(row)
        db.session.flush()
    return row


def questions(seg):
    return db.session.scalars(
        select(VoteQuestion)
        .where(VoteQuestion.segment_id == seg.id)
        .order_by(VoteQuestion.position, VoteQuestion.id)
    ).all()


def current(ctx, qs=None):
    """The question on screen: the board's, or the first one."""
    qs = questions(ctx.segment) if qs is None else qs
    row = board(ctx)
    found = next((q for q in qs if row and q.id == row.current_id), None)
    return found or (qs[0] if qs else None)


def voters(question_id):
    where = VoteBallot.question_id == question_id
    return db.session.scalar(select(func.count(VoteBallot.id)).where(where))


def judges(seg):
    return set(
        db.session.scalars(select(VoteJudge.attendee_id).where(VoteJudge.segment_id == seg.id))
    )


def ballots(question, judge_ids):
    """[{"answer", "group"}] in a fixed order that says nothing about who voted when."""
    rows = db.session.execute(
        select(VoteBallot.attendee_id, VoteBallot.answer_json).where(
            VoteBallot.question_id == question.id
        )
    ).all()
    out = [
        {"answer": json.loads(a), "group": "judges" if who in judge_ids else "audience"}
        for who, a in rows
    ]
    out.sort(key=lambda b: (b["group"], json.dumps(b["answer"], sort_keys=True)))
    return out


def result(question, judge_ids):
    """{"all": result, "groups": {group: result}} (groups only when judges voted)."""
    given = ballots(question, judge_ids)
    out = {"all": counting.count(question.spec, given)}
    if any(b["group"] == "judges" for b in given):
        out["groups"] = counting.count_by_group(question.spec, given)
    return out


def sources(event):
    """Lists of options the evening offers (open-mic talks, wall themes...): every kind with a
    `vote_options(event)` hook gives [{"key", "label", "options": [label, ...]}]."""
    from ...kinds import KINDS  # late: the registry is still being filled when this loads

    found = []
    for kind in KINDS.values():
        hook = getattr(kind, "vote_options", None)
        if hook is not None:
            found += [s for s in hook(event) if len(s.get("options", ())) >= 2]
    return found


def brief(question, count):
    """A question as the room may see it: no tallies."""
    spec = question.spec
    out = {
        "id": question.id,
        "title": question.title,
        "type": spec["type"],
        "state": question.state,
        "live_results": question.live_results,
        "lock_first": question.lock_first,
        "voters": count,
    }
    for key in ("options", "method", "rank_all", "max_approvals", "scale_max", "max_answers"):
        if key in spec:
            out[key] = spec[key]
    return out
