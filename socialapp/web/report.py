"""The host's report: /e/<code>/report (a printable page with the charts inline) and
/e/<code>/report.zip (report.md with charts/*.svg). Host only, during the event and after it
has ended (the host's session outlives the end; the host link signs in here too)."""

import time

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from .. import auth, report
from ..events import find_event

bp = Blueprint("report", __name__, url_prefix="/e/<code>")


def host_event(code):
    event = find_event(code)
    if event is None:
        abort(404)
    key = request.args.get("key")
    if key is not None and auth.check_host_key(event, key):
        auth.sign_in_host(event)
    if not auth.is_host(event):
        abort(403)
    return event


@bp.get("/report")
def page(code):
    event = host_event(code)
    if "key" in request.args:  # signed in: drop the key from the address bar
        return redirect(url_for("report.page", code=event.code))
    body = report.to_html(report.build(event, time.time()))
    response = Response(render_template("report.html", event=event, body=body))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/report.zip")
def download(code):
    event = host_event(code)
    response = Response(report.to_zip(event, time.time()), mimetype="application/zip")
    name = report.filename(event, "zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response
