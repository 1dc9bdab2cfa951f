"""The join page the QR code points to, which becomes the phone's live screen once joined."""

import secrets
import time

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import generate_csrf

from .. import auth, commands, eventcache, events, joincode, series
from ..errors import CommandError
from ..extensions import db
from ..forms import JoinForm
from ..kinds import KINDS
from ..kinds.base import Change, Ctx
from ..models import Attendee
from .common import TOO_MANY_CODES, client_address, event_or_page, event_ref, join_secret, wait_for

BUSY = "Lots of people are joining right now: tap Join again in a few seconds."
WRONG_ROOM_CODE = "That room code is not (or no longer) right: type the one on the big screen."


def after_the_event(code):
    """Once the event has ended, a phone that took part gets the first page a kind has for it
    (after_event_page: the people it met and the contacts they share with it); anyone else
    gets the friendly "has ended" page."""
    event = events.find_event(code)
    attendee = auth.current_attendee(event) if event and event.ended_at else None
    if attendee is None:
        return None
    ctx = Ctx(event, None, time.time(), role="attendee", attendee=attendee)
    for kind in KINDS.values():
        page = kind.after_event_page(ctx) if hasattr(kind, "after_event_page") else None
        if page is not None:
            return page
    return None


def message(title, text, status):
    return render_template("message.html", title=title, message=text), status


bp = Blueprint("attendee", __name__)


@bp.route("/j/<code>", methods=["GET", "POST"])
def join(code):
    # The event as a Row (socialapp.eventcache): one cheap statement, no ORM, for each of a
    # QR rush's pages and forms.
    event, page = event_or_page(code, eventcache.find)
    if page:
        return after_the_event(code) or page
    if event.code != code:  # lower case or stray spaces from a typed URL
        return redirect(url_for("attendee.join", code=event.code, **request.args))
    attendee = auth.current_attendee(event)
    if attendee is not None:
        return render_template("phone.html", event=event, attendee=attendee)
    if g.get("removed_attendee"):
        return message("You were removed", f"The host removed you from {event.name}.", 403)
    if full(event):
        return message("This event is full", events.FULL, 403)
    # Came to an earlier session of this event's series? (No query for a phone that never did.)
    tokens = auth.series_tokens()
    back = series.returning(event, tokens) if tokens else None
    plain = request.method in ("GET", "HEAD") and back is None
    if plain and (page := fresh_form_page(event)) is not None:
        return page, 200
    form = JoinForm()
    if not form.is_submitted() and request.args.get("k"):
        form.room_code.data = request.args["k"]
    if not form.is_submitted() and back is not None:
        form.name.data = back.name
    room_code_ok = code_ok(event, form.room_code.data)
    status = None
    if form.validate_on_submit():
        attendee, status = try_to_join(event, form, room_code_ok, back and back.token)
        if attendee is not None:
            auth.remember_attendee(event, attendee)
            if (who := series_person(attendee)) is not None:  # the phone keeps who it is
                auth.remember_person(*who)
            return redirect(url_for("attendee.join", code=event.code))
        if status == 403:
            return message("This event is full", events.FULL, 403)
    if not form.cid.data:
        form.cid.data = secrets.token_urlsafe(16)
    status = (status or 400) if form.errors else 200
    page = render_template(
        "join.html", event=event, form=form, room_code_ok=room_code_ok, back=back
    )
    return page, status


def fresh_form_page(event):
    """The join page for a phone that has not sent the form (not a returning series member:
    the caller checked), without building the form nor rendering the template: in a QR rush
    a thousand phones ask for the same page, which differs only by its CSRF token and its
    form id. Kept per event content version (the name is in the page) and room-code answer;
    None when the page is not the plain one (a room code in the link of a rotating event,
    flashed messages to show)."""
    if (event.join_rotate and request.args.get("k")) or "_flashes" in session:
        return None
    room_code_ok = code_ok(event, None)
    csrf = current_app.config.get("WTF_CSRF_ENABLED", True)
    name = ("join page", room_code_ok, csrf)
    parts = eventcache.kept(event, name)
    # What differs from phone to phone, made as the form makes them.
    fills = ([generate_csrf()] if csrf else []) + [secrets.token_urlsafe(16)]
    if parts is not None:
        return "".join(p for pair in zip(parts, [*fills, ""], strict=True) for p in pair)
    form = JoinForm()
    form.cid.data = fills[-1]
    page = render_template(
        "join.html", event=event, form=form, room_code_ok=room_code_ok, back=None
    )
    if (split := _split(page, fills)) is not None:
        eventcache.keep(event, name, split)
    return page


def code_ok(event, typed):
    """Whether the join form may go without (or with this) room code: always, unless the
    event's code rotates (socialapp.joincode)."""
    return not event.join_rotate or joincode.accepts(
        join_secret(), event_ref(event), typed, time.time()
    )


def _split(page, fills):
    """The page's text around each fill (in order, each there once), or None."""
    parts, rest = [], page
    for fill in fills:
        if page.count(fill) != 1 or fill not in rest:
            return None
        head, _, rest = rest.partition(fill)
        parts.append(head)
    return (*parts, rest)


def series_person(attendee):
    """(series id, token) of the person a joined attendee is in a series, or None: set by
    the join that made the row, read back for a join form sent again."""
    if hasattr(attendee, "series_person"):
        return attendee.series_person
    who = series.person_of(attendee)
    return (who.series_id, who.token) if who else None


def full(event):
    return event.max_attendees is not None and events.joined_count(event) >= event.max_attendees


def try_to_join(event, form, room_code_ok, series_token=None):
    """(attendee, None) or (None, status) with the reason on the form."""
    addr = client_address()
    if not room_code_ok:
        # Wrong room codes spend the probing budget: guessing them is probing too.
        if wait_for("probe_address", addr):
            form.room_code.errors.append(TOO_MANY_CODES)
            return None, 429
        form.room_code.errors.append(WRONG_ROOM_CODE)
        return None, 400
    if wait_for("join_address", addr) or wait_for("join_event", event.id):
        form.name.errors.append(BUSY)
        return None, 429
    try:
        return events.join(event, form.name.data, form.cid.data, series_token), None
    except CommandError as exc:
        if exc.code == "full":
            return None, 403
        form.name.errors.append(exc.message)
        return None, 400


@bp.post("/j/<code>/leave")
def leave(code):
    """Remove myself: during the event through the command layer (everyone's lists update),
    after it directly (nobody is listening any more)."""
    event = events.find_event(code)
    attendee = auth.current_attendee(event) if event else None
    if attendee is None:
        return message("Not found", "This phone is not (or no longer) in this event.", 404)
    if event.ended_at is None:
        ack = commands.run(event.id, "attendee", attendee.id, "people.leave", {})
        if not ack["ok"]:
            return message("Not removed", ack["error"], 409)
    else:
        from .. import privacy

        def step(locked):  # the one write path; nobody is listening after the end
            now = time.time()
            me = db.session.get(Attendee, attendee.id, populate_existing=True)
            me.removed_at = now
            privacy.forget(Ctx(locked, None, now, role="attendee", attendee=me), {me.id})
            return Change(public=False, host=False)

        commands.write(event.id, step, "leave")
    text = f"Your name, contact line and authorship are gone from {event.name}."
    return message("You removed yourself", text, 200)
