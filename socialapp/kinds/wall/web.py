"""Exports of the sticky-note wall for the host: /e/<code>/export.md and /e/<code>/export.csv.

Host only (the notes are the room's, and the host decides where they go). They work at any
moment, mid-event too, and after the event has ended: that is when people take them home.
They are downloads with a file name (Markdown too: raw text in a tab is not a take-home), and
the host panel's "Take home" list offers them through the kind's `exports` hook.
"""

import time

from flask import Blueprint, Response, abort, url_for

from ... import auth
from ...core.export import render
from ...events import find_event
from ...take_home import attachment
from . import KIND
from .export import collect

bp = Blueprint("exports", __name__, url_prefix="/e/<code>")
TYPES = {"md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def filename(event, fmt):
    return f"{event.code}-wall-{time.strftime('%Y%m%d-%H%M', time.gmtime())}.{fmt}"


def take_home(event, attendee=None):
    """The host's wall files, when the agenda has a wall; attendees have none here."""
    if attendee is not None or not any(seg.kind == KIND for seg in event.segments):
        return []
    return [
        ("Wall notes by theme (Markdown)", url_for("exports.export_md", code=event.code),
         filename(event, "md")),
        ("Wall notes (CSV, for a spreadsheet)", url_for("exports.export_csv", code=event.code),
         filename(event, "csv")),
    ]  # fmt: skip


def export(code, fmt):
    event = find_event(code)
    if event is None:
        abort(404)
    if not auth.is_host(event):
        abort(403)
    body = render(collect(event), fmt)
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
