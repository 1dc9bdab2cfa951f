"""The host's take-home of the slots: /e/<code>/slots/export.md, who presents when (and what),
for every slots segment of the event, at any moment and after the event."""

from flask import Blueprint, Response, abort
from sqlalchemy import select

from ... import auth
from ...events import find_event
from ...extensions import db
from .models import SlotClaim

bp = Blueprint("slots_exports", __name__, url_prefix="/e/<code>/slots")


def markdown(event):
    """Plain Markdown: a heading per slots segment, a line per slot (free ones say so)."""
    lines = [f"# {event.name}: volunteers", ""]
    for seg in event.segments:
        if seg.kind != "slots":
            continue
        claims = db.session.scalars(select(SlotClaim).where(SlotClaim.segment_id == seg.id))
        taken = {c.slot: c for c in claims}
        lines += [f"## {seg.title}", ""]
        for label in seg.settings.get("slots", []):
            c = taken.get(label)
            who = f"{c.name}" + (f": {c.topic}" if c and c.topic else "") if c else "free"
            lines.append(f"- {label}: {who}")
        lines.append("")
    return "\n".join(lines)


@bp.get("/export.md")
def export_md(code):
    event = find_event(code)
    if event is None:
        abort(404)
    if not auth.is_host(event):
        abort(403)
    response = Response(markdown(event), mimetype="text/markdown")
    response.headers["Content-Type"] = "text/markdown; charset=utf-8"
    disposition = f'attachment; filename="{event.code}-volunteers.md"'
    response.headers["Content-Disposition"] = disposition
    response.headers["Cache-Control"] = "no-store"
    return response


export_md.host_only = True


def exports(event, attendee=None):
    """Take home (the host's list): the volunteers file, when the agenda has slots."""
    if attendee is not None or not any(s.kind == "slots" for s in event.segments):
        return []
    from flask import url_for

    url = url_for("slots_exports.export_md", code=event.code)
    return [("Volunteers (Markdown)", url, f"{event.code}-volunteers.md")]
