"""Heartbeats: when each phone was last heard from, written in bulk, not one write each.

Every phone says `here` every 25 s: 80 a second in a room of 2,000. Written one transaction
each (load the attendee, load the event, commit), they cost more server CPU than the room's
broadcasts (measured: 22% of a 2,000-phone fan-out's samples). So a heartbeat is only noted
here, in memory, and the times are written as one UPDATE per event:
- inside the next write transaction on that event (commands.write calls save()), so a command
  (a round that groups who is present) sees every heartbeat this worker heard before it;
- and by the sweeper every tick (about a second), so presence counts stay fresh.

A heartbeat is at most a sweep old when written; presence allows 75 s (state.PRESENCE_SECONDS).
Per worker and per app: a worker that dies loses at most a second of heartbeats, which the
next ones (or the phone's reconnect, written at once) replace.
"""

import threading

from flask import current_app
from sqlalchemy import bindparam, update

from .extensions import db
from .models import Attendee


class Heard:
    def __init__(self):
        self.guard = threading.Lock()
        self.events = {}  # event id -> {attendee id: last heard (time.time())}

    def note(self, event_id, attendee_id, now):
        with self.guard:
            seen = self.events.setdefault(event_id, {})
            seen[attendee_id] = max(now, seen.get(attendee_id, now))

    def take(self, event_id):
        with self.guard:
            return self.events.pop(event_id, None) or {}

    def give_back(self, event_id, taken):
        """A transaction that held them rolled back: keep them for the next one."""
        with self.guard:
            seen = self.events.setdefault(event_id, {})
            for attendee_id, t in taken.items():
                seen[attendee_id] = max(t, seen.get(attendee_id, t))

    def pending(self):
        with self.guard:
            return [e for e, seen in self.events.items() if seen]


def heard_of(app):
    return app.extensions.setdefault("socialapp_presence", Heard())


def heard():
    return heard_of(current_app)


def note(event_id, attendee_id, now):
    """A phone said it is here (no database work)."""
    heard().note(event_id, attendee_id, now)


# Never moves last_seen backwards (a connect may have written a later time meanwhile).
_SEEN = (
    update(Attendee)
    .where(Attendee.id == bindparam("aid"), Attendee.last_seen < bindparam("t"))
    .values(last_seen=bindparam("t"))
    .execution_options(synchronize_session=False)
)


def save(event_id):
    """Write this event's noted heartbeats in the current transaction. Returns what was taken,
    for give_back() should the transaction roll back."""
    taken = heard().take(event_id)
    if taken:
        rows = [{"aid": a, "t": t} for a, t in taken.items()]
        db.session.connection().execute(_SEEN, rows)
    return taken


def give_back(event_id, taken):
    if taken:
        heard().give_back(event_id, taken)


def pending_events():
    return heard().pending()
