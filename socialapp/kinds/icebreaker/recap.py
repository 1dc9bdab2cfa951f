"""The icebreaker's part of the host's report: its rounds and groups, and how many new people
each attendee met (counts only: report.py's figures keep no names or ids)."""

from sqlalchemy import select

from ...extensions import db
from ...models import Attendee, Segment
from .models import IcebreakerGroup, IcebreakerMember, IcebreakerPair, IcebreakerRound
from .report import met_counts, met_figures, round_figures


def report_part(event):
    """{"rounds": round_figures, "met": met_figures}; {} without rounds."""
    rounds = {}
    for rid, number, prompt, title in db.session.execute(
        select(IcebreakerRound.id, IcebreakerRound.number, IcebreakerRound.prompt, Segment.title)
        .join(Segment, Segment.id == IcebreakerRound.segment_id)
        .where(IcebreakerRound.event_id == event.id)
        .order_by(Segment.position, IcebreakerRound.number)
    ):
        rounds[rid] = {"number": number, "prompt": prompt, "segment": title, "groups": {}}
    if not rounds:
        return {}
    for gid, rid, found_at in db.session.execute(
        select(IcebreakerGroup.id, IcebreakerGroup.round_id, IcebreakerGroup.found_at).where(
            IcebreakerGroup.round_id.in_(rounds)
        )
    ):
        rounds[rid]["groups"][gid] = {"members": [], "found": found_at is not None}
    for rid, gid, aid in db.session.execute(
        select(
            IcebreakerMember.round_id, IcebreakerMember.group_id, IcebreakerMember.attendee_id
        ).where(IcebreakerMember.round_id.in_(rounds))
    ):
        group = rounds[rid]["groups"].get(gid)
        if group is not None:
            group["members"].append(aid)
    several = len({r["segment"] for r in rounds.values()}) > 1
    shaped = [
        r | {"groups": list(r["groups"].values()), "segment": r["segment"] if several else ""}
        for r in rounds.values()
    ]
    people = db.session.scalars(
        select(Attendee.id).where(Attendee.event_id == event.id, Attendee.removed_at.is_(None))
    ).all()
    pairs = db.session.execute(
        select(IcebreakerPair.a, IcebreakerPair.b).where(IcebreakerPair.event_id == event.id)
    ).all()
    counts = met_counts(people, [tuple(p) for p in pairs])
    return {
        "rounds": round_figures(shaped),
        "met": met_figures(counts.values()),
    }


def forget_people(ctx, ids, keeper, everyone=False):
    """Personal data goes (socialapp.privacy): these people's places in groups, who met whom
    and who was here. Rounds and groups stay, as anonymous counts."""
    from sqlalchemy import delete, or_

    from .models import IcebreakerAttendance

    ids = list(ids)
    rounds = select(IcebreakerRound.id).where(IcebreakerRound.event_id == ctx.event.id)
    db.session.execute(
        delete(IcebreakerMember).where(
            IcebreakerMember.round_id.in_(rounds), IcebreakerMember.attendee_id.in_(ids)
        )
    )
    db.session.execute(
        delete(IcebreakerPair).where(
            IcebreakerPair.event_id == ctx.event.id,
            or_(IcebreakerPair.a.in_(ids), IcebreakerPair.b.in_(ids)),
        )
    )
    segments = select(Segment.id).where(Segment.event_id == ctx.event.id)
    db.session.execute(
        delete(IcebreakerAttendance).where(
            IcebreakerAttendance.segment_id.in_(segments),
            IcebreakerAttendance.attendee_id.in_(ids),
        )
    )
