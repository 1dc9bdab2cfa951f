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
