"""Who confirmed meeting whom: each side of a met pair (IcebreakerPair) confirms on its own.

Being grouped in a round is not meeting: a fake attendee grouped with a real person never
stood in front of them. So a contact line goes only where BOTH sides confirmed: each tapped
"we found each other" in the icebreaker (naming that person), or "I met them" on the Stay
connected list. The icebreaker and connect kinds both write here; connect reads it.
"""

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased

from ...extensions import db
from .models import IcebreakerMember, IcebreakerPair


def _pairs_of(event_id, me, others):
    others = list(others)
    if not others:
        return []
    return db.session.scalars(
        select(IcebreakerPair).where(
            IcebreakerPair.event_id == event_id,
            or_(
                and_(IcebreakerPair.a == me, IcebreakerPair.b.in_(others)),
                and_(IcebreakerPair.b == me, IcebreakerPair.a.in_(others)),
            ),
        )
    ).all()


def confirm(event_id, me, others, on, now):
    """Set (on) or clear my side of the pairs (me, other); returns the others that had a pair
    with me (nobody can confirm someone they were never grouped with)."""
    done = set()
    for pair in _pairs_of(event_id, me, others):
        if pair.a == me:
            pair.a_confirmed_at = (pair.a_confirmed_at or now) if on else None
            done.add(pair.b)
        else:
            pair.b_confirmed_at = (pair.b_confirmed_at or now) if on else None
            done.add(pair.a)
    return done


def sides(pair_row):
    """{(who, whom)} confirmations of one (a, b, a_confirmed_at, b_confirmed_at) row."""
    a, b, a_at, b_at = pair_row
    return ({(a, b)} if a_at is not None else set()) | ({(b, a)} if b_at is not None else set())


def within(event_id, people):
    """{(who, whom)}: confirmations among a few people (a group)."""
    people = list(people)
    rows = db.session.execute(
        select(
            IcebreakerPair.a,
            IcebreakerPair.b,
            IcebreakerPair.a_confirmed_at,
            IcebreakerPair.b_confirmed_at,
        ).where(
            IcebreakerPair.event_id == event_id,
            IcebreakerPair.a.in_(people),
            IcebreakerPair.b.in_(people),
        )
    )
    out = set()
    for row in rows:
        out |= sides(tuple(row))
    return out


def in_round(event_id, round_id):
    """{(who, whom)}: confirmations between people who share a group in this round."""
    m1, m2 = aliased(IcebreakerMember), aliased(IcebreakerMember)
    rows = db.session.execute(
        select(
            IcebreakerPair.a,
            IcebreakerPair.b,
            IcebreakerPair.a_confirmed_at,
            IcebreakerPair.b_confirmed_at,
        )
        .join(m1, and_(m1.attendee_id == IcebreakerPair.a, m1.round_id == round_id))
        .join(
            m2,
            and_(
                m2.attendee_id == IcebreakerPair.b,
                m2.round_id == round_id,
                m2.group_id == m1.group_id,
            ),
        )
        .where(
            IcebreakerPair.event_id == event_id,
            or_(
                IcebreakerPair.a_confirmed_at.is_not(None),
                IcebreakerPair.b_confirmed_at.is_not(None),
            ),
        )
    )
    out = set()
    for row in rows:
        out |= sides(tuple(row))
    return out


def mutual(confirmed, me, other):
    return (me, other) in confirmed and (other, me) in confirmed
