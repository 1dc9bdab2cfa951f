"""What people take home: the wall's themes with their notes and votes, as Markdown or CSV.

collect(event) reads the database once; the renderers in socialapp.core.export (to_markdown,
to_csv, render) are pure functions of what it returns. Only notes shown on the wall are
exported (never pending or hidden ones).
"""

import time

from sqlalchemy import select

from ...core.export import group
from ...extensions import db
from . import KIND, col_of
from .models import WallNote
from .reading import themes_of, vote_counts
from .rules import columns_of

NO_COLUMN = "In no column"


def collect(event, now=None):
    """{"event": {...}, "exported_at": t, "walls": [{"title", "status", "themes": [...]}]}."""
    walls = []
    for seg in event.segments:
        if seg.kind != KIND:
            continue
        themes, notes = export_rows(seg)
        wall = {"title": seg.title, "status": seg.status, **group(themes, notes)}
        names = columns_of(seg)
        if names:  # each column with its own themes; notes in no column (any more) last
            wall["columns"] = [
                {"name": name, **group(themes, [n for n in notes if n["col"] == i])}
                for i, name in enumerate(names)
            ]
            loose = [n for n in notes if n["col"] is None]
            if loose:
                wall["columns"].append({"name": NO_COLUMN, **group(themes, loose)})
        walls.append(wall)
    return {
        "event": {"name": event.name, "code": event.code},
        "exported_at": now or time.time(),
        "walls": walls,
    }


def export_rows(seg):
    """(themes, notes) of one wall segment for export: shown notes only, with vote counts."""
    votes = vote_counts(seg)
    names = columns_of(seg)
    notes = db.session.execute(
        select(WallNote.id, WallNote.text, WallNote.theme_id, WallNote.column_no)
        .where(WallNote.segment_id == seg.id, WallNote.state == "shown")
        .order_by(WallNote.id)
    ).all()
    return (
        [{"id": t.id, "title": t.title} for t in themes_of(seg)],
        [
            {"id": i, "text": t, "theme": th, "votes": votes.get(i, 0)} | col_of(c, names)
            for i, t, th, c in notes
        ],
    )
