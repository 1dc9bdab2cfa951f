"""The questions' part of what the evening leaves behind: the questions asked (with their
votes) in the host's report, and letting go of who asked and who voted."""

from sqlalchemy import delete, func, select, update

from ...core import questions as rules
from ...extensions import db
from ...models import Segment
from .models import Question, QuestionsHand, QuestionVote
from .report import question_figures

SHOWN = (rules.OPEN, rules.ANSWERING, rules.ANSWERED)  # what the room saw


def report_part(event):
    """{"questions": question_figures(...)}; {} when nobody asked."""
    votes = (
        select(QuestionVote.question_id, func.count(QuestionVote.id).label("n"))
        .group_by(QuestionVote.question_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Question.text, Question.status, func.coalesce(votes.c.n, 0))
        .outerjoin(votes, votes.c.question_id == Question.id)
        .where(Question.event_id == event.id, Question.status.in_(SHOWN))
        .order_by(Question.created_at, Question.id)
    ).all()
    if not rows:
        return {}
    asked = [{"text": t, "votes": n, "answered": s == rules.ANSWERED} for t, s, n in rows]
    return {"questions": question_figures(asked)}


def forget_people(ctx, ids, keeper, everyone=False):
    """Who asked and who voted are personal: the questions stay, by nobody; votes and raised
    hands go. The report keeps its counts (socialapp.privacy saves them before a purge)."""
    people = list(ids)
    asked = update(Question).where(Question.event_id == ctx.event.id)
    votes = delete(QuestionVote).where(
        QuestionVote.question_id.in_(select(Question.id).where(Question.event_id == ctx.event.id))
    )
    hands = delete(QuestionsHand).where(QuestionsHand.event_id == ctx.event.id)
    if not everyone:
        asked = asked.where(Question.attendee_id.in_(people))
        votes = votes.where(QuestionVote.attendee_id.in_(people))
        hands = hands.where(QuestionsHand.attendee_id.in_(people))
    db.session.execute(asked.values(attendee_id=None, name=""))
    db.session.execute(votes)
    db.session.execute(hands)


def papers_segments(event_id):
    segs = db.session.scalars(
        select(Segment)
        .where(Segment.event_id == event_id, Segment.kind == "questions")
        .order_by(Segment.position)
    )
    return [s for s in segs if s.settings.get("wording") == "papers"]


def carry_over(old_event_id, new_event_id):
    """A series' next session (socialapp series): the paper suggestions still on the list
    come along with their votes, into the new session's first paper-suggestion segment. They
    come by nobody (who suggested and who voted is personal to the old session); their votes
    so far are a count (carried_votes), so a phone may vote again this week. Returns how many."""
    old_segs, new_segs = papers_segments(old_event_id), papers_segments(new_event_id)
    if not old_segs or not new_segs:
        return 0
    target = new_segs[0]
    have = set(db.session.scalars(select(Question.text).where(Question.segment_id == target.id)))
    votes = (
        select(QuestionVote.question_id, func.count(QuestionVote.id).label("n"))
        .group_by(QuestionVote.question_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Question, func.coalesce(votes.c.n, 0))
        .outerjoin(votes, votes.c.question_id == Question.id)
        .where(
            Question.segment_id.in_([s.id for s in old_segs]),
            Question.status.in_((rules.OPEN, rules.ANSWERING)),
        )
        .order_by(Question.created_at, Question.id)
    ).all()
    carried = 0
    for q, n in rows:
        if q.text in have:
            continue
        have.add(q.text)
        db.session.add(
            Question(
                event_id=new_event_id,
                segment_id=target.id,
                attendee_id=None,
                name="",
                text=q.text,
                link=q.link,
                status=rules.OPEN,
                carried_votes=n + (q.carried_votes or 0),
                created_at=q.created_at,
            )
        )
        carried += 1
    db.session.flush()
    return carried
