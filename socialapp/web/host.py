"""The host control panel: sign-in by secret link or typed key, and the agenda-editing forms.

Live control (start, pause, next...) goes over Socket.IO from the panel's script; the forms
here post to the same command layer, so both paths are validated and authorised alike.
"""

import secrets
import time

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from .. import auth, broadcast, commands, realtime, take_home, urls
from ..extensions import socketio
from ..forms import EventSettingsForm, HostKeyForm, SegmentForm
from ..kinds import KINDS
from ..kinds.base import ALL, Change
from .common import event_or_page

bp = Blueprint("host", __name__, url_prefix="/e/<code>/host")


@bp.route("", methods=["GET", "POST"])
def panel(code):
    event, page = event_or_page(code)
    if page:
        return page
    key = request.args.get("key")
    if key is not None:
        # Exchange the key for a session once, then drop it from the address bar.
        if auth.check_host_key(event, key):
            auth.sign_in_host(event)
            return redirect(url_for("host.panel", code=event.code))
        return login(event, HostKeyForm(), "That host link is not valid (any more).", 403)
    form = HostKeyForm()
    if form.validate_on_submit():
        if auth.check_host_key(event, form.key.data.strip()):
            auth.sign_in_host(event)
            return redirect(url_for("host.panel", code=event.code))
        return login(event, form, "That host key is not right.", 403)
    if not auth.is_host(event):
        return login(event, form, None, 200)
    return render_template(
        "host.html",
        event=event,
        kinds=KINDS,
        links=host_links(event),
        add_form=SegmentForm(prefix="new", formdata=None),
        edit_forms=edit_forms(event),
        settings_form=EventSettingsForm(formdata=None, obj=event),
        take_home=host_take_home(event),
    )


def host_take_home(event):
    """The host's downloads, plus this browser's own if it also joined as a phone."""
    me = auth.current_attendee(event)
    return take_home.exports(event) + (take_home.exports(event, me) if me else [])


def login(event, form, error, status):
    return render_template("host_login.html", event=event, form=form, error=error), status


def host_links(event):
    return {
        "join": urls.join_url(event.code),
        "display": urls.display_url(event.code),
        "host": urls.host_url(event),
        "poster": url_for("main.poster", code=event.code),
    }


def edit_forms(event):
    forms = []
    for seg in event.segments:
        form = SegmentForm(prefix=f"s{seg.id}", formdata=None, obj=seg)
        form.load_settings(seg)
        forms.append((seg, form))
    return forms


def require_host(code):
    event, page = event_or_page(code)
    if page:
        abort(page[1])
    if not auth.is_host(event):
        abort(403)
    return event


def run_form_command(event, name, args):
    ack = commands.run(event.id, "host", None, name, args)
    flash(ack["error"] if not ack["ok"] else "Saved.", "error" if not ack["ok"] else "ok")
    return redirect(url_for("host.panel", code=event.code) + "#agenda")


@bp.post("/segments")
def add_segment(code):
    event = require_host(code)
    form = SegmentForm(prefix="new")
    if not form.validate():
        return form_errors(event, form)
    return run_form_command(event, "agenda.add", form.payload())


@bp.post("/segments/<int:segment_id>")
def update_segment(code, segment_id):
    event = require_host(code)
    form = SegmentForm(prefix=f"s{segment_id}")
    if not form.validate():
        return form_errors(event, form)
    return run_form_command(event, "agenda.update", form.payload() | {"segment_id": segment_id})


@bp.post("/segments/<int:segment_id>/delete")
def delete_segment(code, segment_id):
    event = require_host(code)
    return run_form_command(event, "agenda.remove", {"segment_id": segment_id})


@bp.post("/segments/<int:segment_id>/move")
def move_segment(code, segment_id):
    event = require_host(code)
    to = request.form.get("to", type=int)
    return run_form_command(event, "agenda.move", {"segment_id": segment_id, "to": to})


@bp.post("/settings")
def settings(code):
    event = require_host(code)
    form = EventSettingsForm()
    if not form.validate():
        return form_errors(event, form)
    return run_form_command(
        event,
        "event.settings",
        {
            "show_count": form.show_count.data,
            "auto_advance": form.auto_advance.data,
            "chime": form.chime.data,
        },
    )


@bp.post("/rotate-key")
def rotate_key(code):
    """A new host key: every other host session ends, and every open host socket of the event
    is closed (this browser's panel reloads with the new key and connects again)."""
    event = require_host(code)

    def step(locked):
        old_room = broadcast.room_host(locked.id)  # named after the key about to go
        locked.host_key = secrets.token_urlsafe(24)
        change = Change(public=False)
        change.then = lambda: sign_out_hosts(locked, old_room)
        return change

    commands.write(event.id, step, "rotate-key")
    auth.sign_in_host(event)
    flash("New host key made: old host links and sessions no longer work.", "ok")
    return redirect(url_for("host.panel", code=event.code))


@bp.post("/end")
def end_event(code):
    """Every screen gets the ended state; host sockets close, phones can send nothing more."""
    event = require_host(code)

    def step(locked):
        if locked.ended_at is not None:
            return None
        locked.ended_at = time.time()
        change = Change(personal=ALL)
        change.then = lambda: sign_out_hosts(locked, broadcast.room_host(locked.id))
        return change

    commands.write(event.id, step, "end")
    # The host's session still reads the report (and, later, deletes the personal data).
    return redirect(url_for("report.page", code=event.code))


def sign_out_hosts(event, room):
    """Close the host sockets signed in with a key that no longer works: this worker's at once;
    the other workers' get "signed_out" through the queue at once (and no more host state:
    the hosts' room name changes with the key) and are closed by their own sweeper within
    SWEEP_SECONDS, which checks every host socket it holds."""
    socketio.emit("signed_out", {"error": realtime.SIGNED_OUT}, to=room)
    realtime.drop_stale_hosts(event.id)


def form_errors(event, form):
    msgs = [f"{getattr(form, f).label.text}: {'; '.join(e)}" for f, e in form.errors.items()]
    flash("Not saved. " + " ".join(msgs), "error")
    return redirect(url_for("host.panel", code=event.code) + "#agenda")
