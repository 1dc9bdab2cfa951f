"""Exports of the sticky-note wall for the host: /e/<code>/export.md and /e/<code>/export.csv.

Host only (the notes are the room's, and the host decides where they go). They work at any
moment, mid-event too, and after the event has ended: that is when people take them home.
"""

import time

from flask import Blueprint, Response, abort

from ... import auth
from ...core.export import render
from ...events import find_event
from .export import collect

bp = Blueprint("exports", __name__, url_prefix="/e/<code>")
TYPES = {"md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def filename(event, fmt):
    return f"{event.code}-wall-{time.strftime('%Y%m%d-%H%M', time.gmtime())}.{fmt}"


def export(code, fmt):
    event = find_event(code)
    if event is None:
        abort(404)
    if not auth.is_host(event):
        abort(403)
    body = render(collect(event), fmt)
    response = Response(body, mimetype=TYPES[fmt].split(";")[0])
    response.headers["Content-Type"] = TYPES[fmt]
    response.headers["Content-Disposition"] = f'inline; filename="{filename(event, fmt)}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/export.md")
def export_md(code):
    return export(code, "md")


@bp.get("/export.csv")
def export_csv(code):
    return export(code, "csv")
