"""The open mic's part of the host's report: the stories told, in the order told."""

from sqlalchemy import delete, select

from ...extensions import db
from ...models import Segment
from .models import OpenMicEntry
from .report import story_figures


def report_part(event):
    """{"stories": story_figures}; {} when no story was told."""
    e = OpenMicEntry
    rows = db.session.execute(
        select(e.title, e.name, e.started_at, e.ended_at)
        .join(Segment, Segment.id == OpenMicEntry.segment_id)
        .where(OpenMicEntry.event_id == event.id, OpenMicEntry.started_at.is_not(None))
        .order_by(Segment.position, OpenMicEntry.started_at, OpenMicEntry.id)
    )
    entries = [
        {"title": t, "name": n or None, "started_at": s, "ended_at": e} for t, n, s, e in rows
    ]
    stories = story_figures(entries)
    return {"stories": stories} if stories else {}


def forget_people(ctx, ids, keeper, everyone=False):
    """Personal data goes (socialapp.privacy): the tellers' names (and the link to them) leave
    their stories and the draw log; the titles stay. For everyone: names the host typed too."""
    from .models import OpenMicInterest, OpenMicLog

    # "I can help" says who met whom: personal, it goes (both sides of each tap).
    taps = delete(OpenMicInterest).where(OpenMicInterest.event_id == ctx.event.id)
    if not everyone:
        people = list(ids)
        taps = taps.where(
            OpenMicInterest.pitcher_id.in_(people) | OpenMicInterest.helper_id.in_(people)
        )
    db.session.execute(taps)

    stmt = select(OpenMicEntry).where(OpenMicEntry.event_id == ctx.event.id)
    if not everyone:
        stmt = stmt.where(OpenMicEntry.attendee_id.in_(list(ids)))
    gone = db.session.scalars(stmt).all()
    for entry in gone:
        entry.attendee_id, entry.name = None, ""
    logs = select(OpenMicLog).where(OpenMicLog.event_id == ctx.event.id)
    if not everyone:
        logs = logs.where(OpenMicLog.entry_id.in_([e.id for e in gone]))
    for row in db.session.scalars(logs):
        row.name = ""


def digest_part(ctx):
    """The attendee's after-event digest: the story they signed up for or told."""
    rows = db.session.execute(
        select(OpenMicEntry.title, OpenMicEntry.started_at, Segment.title)
        .join(Segment, Segment.id == OpenMicEntry.segment_id)
        .where(OpenMicEntry.attendee_id == ctx.attendee.id)
        .order_by(Segment.position)
    ).all()
    items = []
    for title, started, segment in rows:
        story = f"“{title}”" if title else "a story"
        items.append(f"{segment}: you {'told' if started else 'signed up to tell'} {story}")
    return [{"title": "What you signed up for", "items": items}] if items else []
