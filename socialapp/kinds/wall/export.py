"""What people take home: the wall's themes with their notes and votes, as Markdown or CSV.

collect(event) reads the database once; the renderers in socialapp.core.export (to_markdown,
to_csv, render) are pure functions of what it returns. Only notes shown on the wall are
exported (never pending or hidden ones).
"""

import time

from ...core.export import group


def collect(event, now=None):
    """{"event": {...}, "exported_at": t, "walls": [{"title", "status", "themes": [...]}]}."""
    from .. import wall

    walls = []
    for seg in event.segments:
        if seg.kind != wall.KIND:
            continue
        themes, notes = wall.export_rows(seg)
        walls.append({"title": seg.title, "status": seg.status, **group(themes, notes)})
    return {
        "event": {"name": event.name, "code": event.code},
        "exported_at": now or time.time(),
        "walls": walls,
    }
