"""The questions kind's limits, settings and reads. Views are built from one plain-data picture
of the segment per event version (socialapp.viewcache), so 2,000 phones asking for their
personal view cost one set of queries, not one per phone."""

from sqlalchemy import select

from ... import viewcache
from ...args import Choice, Int
from ...core import clock
from ...core import questions as rules
from ...extensions import db
from .models import Question, QuestionsFloor, QuestionsHand, QuestionVote

SHOWN = 40  # open questions in the public view (the projector shows fewer)
HOST_SHOWN = 300  # per list in the host's view
QUEUE_SHOWN = 12
MAX_OPEN_PER_PHONE = 10  # questions one phone may have waiting or open in a segment
WAITING, SPEAKING, DONE = "waiting", "speaking", "done"

NAMES = Choice("names", ("named", "anonymous", "either"), default="either", required=False)
HAND_MINUTES = Int("hand_minutes", 1, 10, default=2, required=False, label="minutes per speaker")
# Collect during the N segments before this one (a paper club's sections before their pause):
# phones ask and vote in a side panel while those are live (socialapp/side.py).
ASK_EARLY = Int("ask_early", 0, 10, default=0, required=False, label="segments to collect during")
# The same ask-and-upvote list worded for paper suggestions: a title and a link.
WORDING = Choice("wording", ("questions", "papers"), default="questions", required=False)
LINK_MAX = 300
SIDE_SHOWN = 5  # questions a side panel lists (the phone's main view shows the rest later)


def default_settings():
    return {"names": "either", "moderated": False, "hands": False, "hand_minutes": 2,
            "ask_early": 0, "wording": "questions"}  # fmt: skip


# ---------- reading ----------


def floor_row(ctx, create=False):
    row = db.session.get(QuestionsFloor, ctx.segment.id, populate_existing=create)
    if row is None and create:
        row = QuestionsFloor(segment_id=ctx.segment.id, event_id=ctx.event.id, closed=False)
        db.session.add(row)
    return row


def rows(model, segment, fresh=False):
    query = select(model).where(model.segment_id == segment.id).order_by(model.id)
    if fresh:  # inside a command, after the event lock: never trust the identity map
        query = query.execution_options(populate_existing=True)
    return db.session.scalars(query).all()


def voters_of(segment):
    """{question id: {attendee id}} for the segment, in one query."""
    out = {}
    query = select(QuestionVote.question_id, QuestionVote.attendee_id)
    for qid, aid in db.session.execute(query.where(QuestionVote.segment_id == segment.id)):
        out.setdefault(qid, set()).add(aid)
    return out


def hand_seconds(segment):
    return int(segment.settings.get("hand_minutes") or 2) * 60


def queue(hands):
    """The waiting hands in the order they were raised, and the one speaking (or None)."""
    waiting = sorted((h for h in hands if h.status == WAITING), key=lambda h: (h.raised_at, h.id))
    return waiting, next((h for h in hands if h.status == SPEAKING), None)


# ---------- the picture the views are built from ----------


def picture(ctx):
    return viewcache.memo(ctx.event, ("questions", ctx.segment.id), lambda: build(ctx))


def build(ctx):
    seg = ctx.segment
    qs = rows(Question, seg)
    voters = voters_of(seg)
    askers = {}
    for q in qs:
        askers.setdefault(q.merged_into or q.id, set()).add(q.attendee_id)
    plain = {
        q.id: {
            "id": q.id,
            "text": q.text,
            "link": q.link or "",
            "name": q.name,
            "status": q.status,
            "at": q.created_at,
            "answered_at": q.answered_at,
            "into": q.merged_into,
            "votes": len(voters.get(q.id, ())) + (q.carried_votes or 0),
            "merged": len(askers.get(q.id, ())) - 1 if q.merged_into is None else 0,
        }
        for q in qs
    }
    waiting, speaking = queue(rows(QuestionsHand, seg))
    row = floor_row(ctx)
    return {
        "questions": plain,
        "voters": voters,
        "askers": askers,
        "mine": _mine(qs),
        "voted": _voted(voters),  # per phone: 2,000 personal views, no scan of every question
        "places": {h.attendee_id: i for i, h in enumerate(waiting, start=1)},
        "waiting": [{"id": h.id, "name": h.name, "attendee": h.attendee_id} for h in waiting],
        "speaking": speaking
        and {
            "id": speaking.id,
            "name": speaking.name,
            "attendee": speaking.attendee_id,
            "timer": speaking.timer,
        },
        "closed": bool(row and row.closed),
    }


def _voted(voters):
    out = {}
    for qid, who in voters.items():
        for aid in who:
            out.setdefault(aid, []).append(qid)
    return out


def _mine(qs):
    out = {}
    for q in qs:
        out.setdefault(q.attendee_id, []).append(q.id)
    return out


def listed(pic, status):
    """The questions with this status, in the room's order (votes, then the newest)."""
    found = [q for q in pic["questions"].values() if q["status"] == status]
    return sorted(found, key=lambda q: rules.rank_key(q["votes"], q["at"], q["id"]))


def brief(q):
    out = {k: q[k] for k in ("id", "text", "name", "votes", "at", "merged")}
    if q["link"]:  # paper suggestions: only then, so question lists stay as small as before
        out["link"] = q["link"]
    return out


def timer_of(timer, now):
    return timer.to_dict() | {"phase": clock.phase(timer, now)}
