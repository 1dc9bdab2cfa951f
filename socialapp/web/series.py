"""The host's "Save as template" and "New session" (socialapp.template_files, socialapp.series),
on the host panel and on the report page after the event: host only, CSRF-checked forms."""

from flask import Blueprint, current_app, flash, redirect, request, url_for

from .. import auth, series, template_files
from ..errors import CommandError
from ..extensions import db
from .report import host_event

bp = Blueprint("series", __name__, url_prefix="/e/<code>")


@bp.app_template_global()
def series_place(event):
    """ "Session 2 of Paper club" for the host's forms, or None outside a series."""
    found = series.place(event)
    return f"Session {found[1]} of {found[0].name}" if found else None


def back(event):
    if event.ended_at is not None:
        return redirect(url_for("report.page", code=event.code) + "#series")
    return redirect(url_for("host.panel", code=event.code) + "#series")


@bp.post("/save-template")
def save_template(code):
    event = host_event(code)
    try:
        path = template_files.save(event, request.form.get("name", ""), current_app)
    except CommandError as exc:
        flash(f"Not saved. {exc.message}", "error")
    else:
        flash(f"Saved as the template {path.stem!r}: it is on the front page's list now.", "ok")
    return back(event)


@bp.post("/new-session")
def new_session(code):
    """The next session of this event's series (the event becomes the first session of a new
    series if it is in none): the same agenda, what the kinds carry over, the same host key;
    this browser is signed in as its host."""
    event = host_event(code)
    name = request.form.get("name", "").strip() or None
    try:
        club = series.start(event)
        # The key of the session it is made from: a host who made a new key (a leaked link)
        # does not hand the old one to the next session.
        club.host_key = event.host_key
        db.session.flush()
        new = series.new_session(club, name)
    except CommandError as exc:
        db.session.rollback()
        flash(f"No new session. {exc.message}", "error")
        return back(event)
    auth.sign_in_host(new)
    flash(f"Session {len(series.sessions(club))} of {club.name} is ready.", "ok")
    return redirect(url_for("host.panel", code=new.code, created=1))
