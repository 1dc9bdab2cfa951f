"""Sending state: to a room per event (attendees and projectors), one for hosts, one per
attendee for personal data. Built once per change, not once per receiver.

Room names start with the install's id: two installs on one Redis never share a room, even on
one channel. The hosts' room also carries the host key's fingerprint, so the moment the key is
rotated no broadcast reaches a socket signed in with the old key, on any worker."""

import logging
import time

from flask import current_app
from sqlalchemy import select

from . import auth, msgqueue
from .extensions import db, socketio
from .kinds.base import ALL
from .models import Attendee, Event
from .state import host_state, personal_states, public_state

log = logging.getLogger(__name__)
QUEUE_DOWN = (
    "Saved, but screens on the other workers did not get it: this server cannot reach its "
    "message queue (Redis). They catch up with the first change after it is back."
)


def _install():
    return current_app.config["INSTALL_ID"]


def room_public(event_id):
    return f"{_install()}:ev{event_id}"


def room_host(event_id):
    event = db.session.get(Event, event_id)  # already loaded by whoever sends: no query
    return f"{_install()}:ev{event_id}:host:{auth.key_fingerprint(event)[:12]}"


def room_attendee(attendee_id):
    return f"{_install()}:at{attendee_id}"


def after(event, change):
    """Send what a committed change made stale."""
    now = time.time()
    failed = msgqueue.failures()
    # A change only the host and some phones see skips the room; one only some phones see
    # (a ballot: the counts follow through the sweeper) skips the host too.
    if getattr(change, "public", True) or getattr(change, "host", True):
        public = public_state(event, now)
        if getattr(change, "public", True):
            socketio.emit("state", public, to=room_public(event.id))
        socketio.emit("state", host_state(event, now, public), to=room_host(event.id))
    personal(event, change.personal, now)
    if msgqueue.failures() > failed:
        queue_down(event)


def queue_down(event):
    """The screens on this worker got the change; the others did not. Say so where someone
    can act: in the log, and on the panels of the hosts connected here (no queue needed)."""
    log.error("event %s: a change was not published to the message queue", event.code)
    socketio.emit(
        "error",
        {"error": QUEUE_DOWN, "code": "queue_down"},
        to=room_host(event.id),
        ignore_queue=True,
    )


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
