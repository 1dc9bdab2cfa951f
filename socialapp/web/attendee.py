"""The join page the QR code points to, which becomes the phone's live screen once joined."""

import secrets
import time

from flask import Blueprint, redirect, render_template, url_for

from .. import auth, events
from ..errors import CommandError
from ..forms import JoinForm
from ..segments import connect
from ..segments.base import Ctx
from .common import event_or_page


def after_the_event(code):
    """Once the event has ended, a phone that took part still finds the people it met (and the
    contacts they share with it); anyone else gets the friendly "has ended" page."""
    event = events.find_event(code)
    attendee = auth.current_attendee(event) if event and event.ended_at else None
    if attendee is None:
        return None
    ctx = Ctx(event, None, time.time(), role="attendee", attendee=attendee)
    view = connect.personal_view(ctx, attendee)
    return render_template("after.html", event=event, attendee=attendee, view=view)


bp = Blueprint("attendee", __name__)


@bp.route("/j/<code>", methods=["GET", "POST"])
def join(code):
    event, page = event_or_page(code)
    if page:
        return after_the_event(code) or page
    if event.code != code:  # lower case or stray spaces from a typed URL
        return redirect(url_for("attendee.join", code=event.code))
    attendee = auth.current_attendee(event)
    if attendee is not None:
        return render_template("phone.html", event=event, attendee=attendee)
    form = JoinForm()
    if form.validate_on_submit():
        try:
            attendee = events.join(event, form.name.data, form.cid.data)
        except CommandError as exc:
            form.name.errors.append(exc.message)
        else:
            auth.remember_attendee(event, attendee)
            return redirect(url_for("attendee.join", code=event.code))
    if not form.cid.data:
        form.cid.data = secrets.token_urlsafe(16)
    status = 400 if form.errors else 200
    return render_template("join.html", event=event, form=form), status
