"""The icebreaker's reads: the current round, who is present, attendance, the pairs that met."""

from sqlalchemy import and_, func, or_, select

from ...core import clock
from ...extensions import db
from ...models import Attendee
from .models import (
    IcebreakerAttendance,
    IcebreakerMember,
    IcebreakerPair,
    IcebreakerRound,
    IcebreakerState,
)

# ---------- reading the database ----------


def current_round(seg):
    return db.session.scalar(
        select(IcebreakerRound)
        .where(IcebreakerRound.segment_id == seg.id)
        .order_by(IcebreakerRound.number.desc())
        .limit(1)
    )


def round_open(rnd, now):
    """A round still counts as "this round" until its timer runs out or the next starts."""
    return rnd is not None and rnd.ended_at is None and clock.remaining(rnd.timer, now) > 0


def get_state(seg):
    st = db.session.scalar(select(IcebreakerState).where(IcebreakerState.segment_id == seg.id))
    if st is None:
        st = IcebreakerState(segment_id=seg.id, next_prompt=0)
        db.session.add(st)
    return st


def attendance(seg, attendee_id):
    row = db.session.scalar(
        select(IcebreakerAttendance).where(
            IcebreakerAttendance.segment_id == seg.id,
            IcebreakerAttendance.attendee_id == attendee_id,
        )
    )
    if row is None:
        row = IcebreakerAttendance(segment_id=seg.id, attendee_id=attendee_id)
        db.session.add(row)
    return row


def _present(event, seg, now):
    """SQL condition: phones heard from lately, or who tapped "I'm here" in this segment."""
    from ...state import PRESENCE_SECONDS  # state imports the kinds: import it late

    tapped = select(IcebreakerAttendance.attendee_id).where(
        IcebreakerAttendance.segment_id == seg.id, IcebreakerAttendance.here_at.is_not(None)
    )
    return and_(
        Attendee.event_id == event.id,
        Attendee.removed_at.is_(None),
        or_(Attendee.last_seen > now - PRESENCE_SECONDS, Attendee.id.in_(tapped)),
    )


def present_ids(event, seg, now):
    return set(db.session.scalars(select(Attendee.id).where(_present(event, seg, now))))


def host_seen(event, seg, now):
    """How many are present and how many wait for a group, in two cheap counts."""
    present = _present(event, seg, now)
    count = db.session.scalar(select(func.count(Attendee.id)).where(present))
    rnd = current_round(seg)
    waiting = 0
    if rnd is not None:
        members = select(IcebreakerMember.attendee_id).where(IcebreakerMember.round_id == rnd.id)
        sitting = select(IcebreakerAttendance.attendee_id).where(
            IcebreakerAttendance.segment_id == seg.id,
            IcebreakerAttendance.skip_round == rnd.number,
        )
        waiting = db.session.scalar(
            select(func.count(Attendee.id)).where(
                present, Attendee.id.not_in(members), Attendee.id.not_in(sitting)
            )
        )
    return f"{count}:{waiting}"


def skippers(seg, number):
    return set(
        db.session.scalars(
            select(IcebreakerAttendance.attendee_id).where(
                IcebreakerAttendance.segment_id == seg.id,
                IcebreakerAttendance.skip_round == number,
            )
        )
    )


def met_pairs(event):
    rows = db.session.execute(
        select(IcebreakerPair.a, IcebreakerPair.b).where(IcebreakerPair.event_id == event.id)
    )
    return {frozenset(r) for r in rows}


def avoid_pairs(event, met=None):
    """The pairs matching keeps apart: met tonight (met, if the caller read it already) and
    met at an earlier session of the event's series (socialapp.series; none outside one)."""
    from ... import series  # the core imports the kinds' registry: late

    return (met_pairs(event) if met is None else met) | series.earlier_pairs(event)


def first_name(attendee_name, name_no):
    first = attendee_name.split()[0] if attendee_name.split() else attendee_name
    return first if name_no == 1 else f"{first} ({name_no})"
