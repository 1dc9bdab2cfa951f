"""Exports of the vote for the host: /e/<code>/vote/export.md and /e/<code>/vote/export.csv.

Counts only, for every question of every vote segment, at any moment (and after the event).
Downloads with a file name, listed in the host panel's "Take home" by the `exports` hook.
"""

import time

from flask import Blueprint, Response, abort, url_for

from ... import auth
from ...core.results_export import to_csv, to_markdown
from ...events import find_event
from ...take_home import attachment
from . import KIND
from .export import collect

bp = Blueprint("vote_exports", __name__, url_prefix="/e/<code>/vote")
TYPES = {"md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def filename(event, fmt):
    return f"{event.code}-votes-{time.strftime('%Y%m%d-%H%M', time.gmtime())}.{fmt}"


def take_home(event, attendee=None):
    """The host's vote results files, when the agenda has a vote; attendees have none here."""
    if attendee is not None or not any(seg.kind == KIND for seg in event.segments):
        return []
    return [
        ("Vote results (Markdown)", url_for("vote_exports.export_md", code=event.code),
         filename(event, "md")),
        ("Vote results (CSV)", url_for("vote_exports.export_csv", code=event.code),
         filename(event, "csv")),
    ]  # fmt: skip


def export(code, fmt):
    event = find_event(code)
    if event is None:
        abort(404)
    if not auth.is_host(event):
        abort(403)
    data = collect(event)
    body = to_markdown(data) if fmt == "md" else to_csv(data)
    response = Response(body, mimetype=TYPES[fmt].split(";")[0])
    response.headers["Content-Type"] = TYPES[fmt]
    return attachment(response, filename(event, fmt))


@bp.get("/export.md")
def export_md(code):
    return export(code, "md")


@bp.get("/export.csv")
def export_csv(code):
    return export(code, "csv")


export_md.host_only = export_csv.host_only = True  # tests/test_roles.py tries them as others
