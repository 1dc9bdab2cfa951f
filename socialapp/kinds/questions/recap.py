"""The questions' part of what the evening leaves behind: the questions asked (with their
votes) in the host's report, and letting go of who asked and who voted."""

from sqlalchemy import delete, func, select, update

from ...core import figures
from ...core import questions as rules
from ...extensions import db
from .models import Question, QuestionsHand, QuestionVote

SHOWN = (rules.OPEN, rules.ANSWERING, rules.ANSWERED)  # what the room saw


def report_part(event):
    """{"questions": figures.question_figures(...)}; {} when nobody asked."""
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
    return {"questions": figures.question_figures(asked)}


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
