"""Sending state: to a room per event (attendees and projectors), one for hosts, one per
attendee for personal data. Built once per change, not once per receiver."""

import time

from sqlalchemy import select

from .extensions import db, socketio
from .models import Attendee
from .segments.base import ALL
from .state import host_state, personal_states, public_state


def room_public(event_id):
    return f"ev{event_id}"


def room_host(event_id):
    return f"ev{event_id}:host"


def room_attendee(attendee_id):
    return f"at{attendee_id}"


def after(event, change):
    """Send what a committed change made stale."""
    now = time.time()
    public = public_state(event, now)
    if getattr(change, "public", True):  # a change only the host and some phones see
        socketio.emit("state", public, to=room_public(event.id))
    socketio.emit("state", host_state(event, now, public), to=room_host(event.id))
    personal(event, change.personal, now)


def personal(event, who, now):
    if not who:
        return
    query = select(Attendee).where(Attendee.event_id == event.id)
    if who != ALL:
        query = query.where(Attendee.id.in_(list(who)))
    attendees = db.session.scalars(query).all()
    for attendee, state in personal_states(event, attendees, now):
        socketio.emit("me", state, to=room_attendee(attendee.id))


def everything(event):
    """A full resend, for changes made outside a command (join, a form, a restart)."""
    after(event, _All())


class _All:
    personal = ALL
