"""What the wall leaves behind: its part of the host's report, and its notes without their
authors once personal data goes (socialapp.privacy)."""

from sqlalchemy import delete, select, update

from ...extensions import db
from ...models import Segment
from .models import WallNote, WallVote


def report_part(event):
    """Each wall's themes with their shown notes and votes (no authors)."""
    from .export import collect

    walls = collect(event)["walls"]
    return {"walls": walls} if walls else {}


def forget_people(ctx, ids, keeper, everyone=False):
    """The notes stay, written by nobody: they move to the anonymous `keeper` (a note needs an
    author row) with a cid of their own; these people's +1s (ballots) go."""
    ids = list(ids)
    segments = select(Segment.id).where(Segment.event_id == ctx.event.id)
    db.session.execute(
        delete(WallVote).where(WallVote.segment_id.in_(segments), WallVote.attendee_id.in_(ids))
    )
    notes = db.session.scalars(
        select(WallNote.id).where(WallNote.segment_id.in_(segments), WallNote.attendee_id.in_(ids))
    ).all()
    for note_id in notes:
        db.session.execute(
            update(WallNote)
            .where(WallNote.id == note_id)
            .values(attendee_id=keeper, cid=f"anonymous-{note_id}")
        )


THEMES_IN_DIGEST = 8


def digest_part(ctx):
    """The attendee's after-event digest: the themes the room found on each wall."""
    from .export import collect

    sections = []
    for wall in collect(ctx.event)["walls"]:
        themes = [t for t in wall["themes"] if not t["unsorted"]][:THEMES_IN_DIGEST]
        if themes:
            items = [f"{t['title']} ({_count(len(t['notes']), 'note')})" for t in themes]
            sections.append({"title": f"The room's themes: {wall['title']}", "items": items})
    return sections


def _count(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
