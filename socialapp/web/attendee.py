"""The join page the QR code points to, which becomes the phone's live screen once joined."""

import secrets

from flask import Blueprint, redirect, render_template, url_for

from .. import auth, events
from ..errors import CommandError
from ..forms import JoinForm
from .common import event_or_page

bp = Blueprint("attendee", __name__)


@bp.route("/j/<code>", methods=["GET", "POST"])
def join(code):
    event, page = event_or_page(code)
    if page:
        return page
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
