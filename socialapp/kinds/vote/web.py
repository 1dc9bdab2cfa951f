"""Exports of the vote for the host: /e/<code>/vote/export.md and /e/<code>/vote/export.csv.

Counts only, for every question of every vote segment, at any moment (and after the event).
"""

import time

from flask import Blueprint, Response, abort

from ... import auth
from ...core.results_export import to_csv, to_markdown
from ...events import find_event
from .export import collect

bp = Blueprint("vote_exports", __name__, url_prefix="/e/<code>/vote")
TYPES = {"md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8"}


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
    stamp = time.strftime("%Y%m%d-%H%M", time.gmtime())
    name = f"{event.code}-votes-{stamp}.{fmt}"
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/export.md")
def export_md(code):
    return export(code, "md")


@bp.get("/export.csv")
def export_csv(code):
    return export(code, "csv")
