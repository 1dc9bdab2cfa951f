"""The host's report: /e/<code>/report (a printable page with the charts inline) and
/e/<code>/report.zip (report.md with charts/*.svg). Host only, during the event and after it
has ended (the host's session outlives the end; the host link signs in here too)."""

import time

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for

from .. import auth, commands, privacy, report, take_home
from ..core import retention
from ..errors import CommandError
from ..events import find_event
from ..extensions import db

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
    page = render_template(
        "report.html",
        event=event,
        body=body,
        kept=retention.host_choice(event.retention_days),
        deadline=privacy.kept_until(event),
        days=retention.clean_days(event.retention_days),
        max_days=retention.MAX_DAYS,
        # Take home (socialapp/take_home.py): the kinds' files next to the report's zip.
        downloads=[item for item in take_home.exports(event) if item["kind"]],
    )
    response = Response(page)
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


page.host_only = download.host_only = True  # tests/test_roles.py tries them as everyone else


# ---------------------------------------------------------------- personal data


@bp.post("/report/retention")
def set_retention(code):
    """The host's choice: personal data is kept this many days after the end."""
    event = host_event(code)
    try:
        days = retention.clean_days(request.form.get("days", "").strip() or None)
    except retention.RetentionError as exc:
        flash(str(exc), "error")
        return redirect(url_for("report.page", code=event.code) + "#privacy")
    if event.purged_at is None:
        commands.lock(event.id)
        event.retention_days = days
        db.session.commit()
        flash(retention.host_choice(days), "ok")
    return redirect(url_for("report.page", code=event.code) + "#privacy")


@bp.post("/report/purge")
def purge(code):
    """Delete the event's personal data now (after the end; the report's figures stay)."""
    event = host_event(code)
    if request.form.get("confirm") != "yes":
        flash("Tick the box to confirm: deleted personal data cannot come back.", "error")
        return redirect(url_for("report.page", code=event.code) + "#privacy")
    try:
        privacy.purge_now(event.id, time.time())
    except CommandError as exc:
        flash(exc.message, "error")
        return redirect(url_for("report.page", code=event.code) + "#privacy")
    flash("The event's personal data was deleted. The report keeps its figures.", "ok")
    return redirect(url_for("report.page", code=event.code) + "#privacy")
