"""Sending state: to a room per event for its phones, one for its projectors, one for hosts, one
per attendee for personal data. Built once per send, not once per receiver.

The phones' and the projectors' rooms get the same public state, less for the phones what the
live kind marks DISPLAY_ONLY (socialapp.state.for_phones): one build, two audiences.

Sends are batched here, and only here: after(event, change) sends at once when the event was
quiet for BROADCAST_SECONDS, and otherwise gathers what changed (public or not, whose
personal state) and sends it once when that window is over. A burst of 50 notes in a second
sends a few states, not 50; each is built from the database when it is sent, so the last one
is complete. Kinds never batch or flag anything themselves.

A phone's personal state is sent only when it differs from the last one this worker sent it
(socialapp.sent), so a change that concerns everyone does not re-send 2,000 identical ones.

A kind whose view grows to long lists (the wall) sets PATCHES = True: while it is live, the
rooms get a "patch" (socialapp.core.patches: what changed since the state this worker last sent
the room, with that state's version as `base`) instead of the whole state, and a phone or
panel that does not hold `base` asks for the state again (socialapp.streams says how the two
stay in step).

Room names start with the install's id: two installs on one Redis never share a room, even on
one channel. The hosts' room also carries the host key's fingerprint, so the moment the key is
rotated no broadcast reaches a socket signed in with the old key, on any worker."""

import json
import logging
import threading
import time

from engineio.packet import MESSAGE
from engineio.packet import Packet as EioPacket
from flask import current_app
from socketio.manager import Manager
from socketio.packet import EVENT
from sqlalchemy import inspect

from . import auth, eventcache, msgqueue, streams, transport
from .extensions import db, socketio
from .kinds.base import ALL
from .models import Event
from .sent import Sent
from .state import for_phones, host_state, people_of, personal_states, public_state

log = logging.getLogger(__name__)
QUEUE_DOWN = (
    "Saved, but screens on the other workers did not get it: this server cannot reach its "
    "message queue (Redis). They catch up with the first change after it is back."
)


def _install():
    return current_app.config["INSTALL_ID"]


def room_public(event_id):
    return f"{_install()}:ev{event_id}"


def room_display(event_id):
    """The projectors' room: the public state with the parts only a projector draws."""
    return f"{_install()}:ev{event_id}:display"


def room_host(event_id):
    event = db.session.get(Event, event_id)  # already loaded by whoever sends: no query
    return f"{_install()}:ev{event_id}:host:{auth.key_fingerprint(event)[:12]}"


def room_attendee(attendee_id):
    return f"{_install()}:at{attendee_id}"


# ---------- batching ----------


class Pending:
    """What changed in an event since its last send: the public state if any change was
    public, the host state if any concerned the hosts, and the union of the personal states
    made stale."""

    def __init__(self):
        self.public = False
        self.host = False
        self.personal = set()
        self.scheduled = False

    def add(self, change):
        self.public = self.public or getattr(change, "public", True)
        self.host = self.host or getattr(change, "host", True)
        who = getattr(change, "personal", None) or set()
        if ALL in (who, self.personal):
            self.personal = ALL
        else:
            self.personal |= set(who)


class Batches:
    """One per app (tests make many): pending changes and last send time per event, and what
    each phone was last sent."""

    def __init__(self):
        self.guard = threading.Lock()
        self.pending = {}  # event id -> Pending
        self.sent_at = {}  # event id -> time.monotonic() of its last send
        self.sent = Sent()
        self.counts = {}  # event id -> the presence counts last sent
        self.streams = streams.Streams()  # event id -> the states last sent to its rooms


def batches():
    # Made once per app: setdefault(key, Batches()) built (and dropped) a new one per call.
    found = current_app.extensions.get("socialapp_batches")
    if found is None:
        found = current_app.extensions.setdefault("socialapp_batches", Batches())
    return found


def after(event, change, version=None):
    """Send what a committed change made stale: now, or once the event's window is over.
    version: the version the change committed (for socialapp.sent's gap check)."""
    b = batches()
    # The id without a query: the commit expired the event, and a change batched in a rush
    # (a join) needs nothing else of it now.
    is_row = isinstance(event, eventcache.Row)  # a join's (commands.lock_row)
    event_id = event.id if is_row else inspect(event).identity[0]
    b.sent.committed(event_id, event.version if version is None else version)
    b.streams.committed(event_id, event.version if version is None else version)
    seen = getattr(change, "public", True) or getattr(change, "host", True)
    if not seen and not getattr(change, "personal", None):
        return  # nothing anyone sees at once (presence: the sweeper sends counts)
    window = current_app.config["BROADCAST_SECONDS"]
    now = time.monotonic()
    with b.guard:
        p = b.pending.setdefault(event_id, Pending())
        p.add(change)
        if p.scheduled:
            return
        wait = b.sent_at.get(event_id, float("-inf")) + window - now
        if wait > 0:
            p.scheduled = True
        else:
            del b.pending[event_id]
            b.sent_at[event_id] = now
    if wait > 0:
        app = current_app._get_current_object()
        socketio.start_background_task(_later, app, event_id, wait)
    else:
        send(eventcache.orm_event(event) if is_row else event, p)


def _later(app, event_id, wait):
    socketio.sleep(wait)
    with worker_context(app):
        try:
            flush(event_id)
        except Exception:
            log.exception("batched broadcast for event %s failed", event_id)
        finally:
            db.session.remove()


def flush(event_id=None):
    """Send what is pending now (one event, or all): the window's end, or a test."""
    b = batches()
    with b.guard:
        ids = list(b.pending) if event_id is None else [event_id]
        due = {i: b.pending.pop(i) for i in ids if i in b.pending}
        for i in due:
            b.sent_at[i] = time.monotonic()
    for i, p in due.items():
        event = db.session.get(Event, i, populate_existing=True)
        if event is not None:
            send(event, p)
    return len(due)


def worker_context(app):
    """A request context for work outside requests (the sweeper, a batched send), so the
    state's URLs can be built: url_for needs one without SERVER_NAME; its host is the same
    fallback urls.base_url uses outside requests."""
    return app.test_request_context(base_url=f"http://localhost:{app.config['PORT']}")


# ---------- sending ----------


def send(event, pending):
    """The states made stale. When phones get their own state along with the public one (a
    round), each phone's two frames leave in one write (socialapp.transport.gathered)."""
    if pending.public and pending.personal:
        with transport.gathered(socketio.server):
            _send(event, pending)
    else:
        _send(event, pending)


def _send(event, pending):
    now = time.time()
    failed = msgqueue.failures()
    public = public_state(event, now) if pending.public or pending.host else None
    patched = streams.patched(event)
    if public is not None:  # the state phones that connect next are sent (socialapp.eventcache)
        eventcache.remember_public(event, public, patched, now)
    if pending.public:
        emit_state(event, "public", for_phones(public), room_public(event.id), patched)
        emit_state(event, "display", public, room_display(event.id), patched)
    if pending.host:
        emit_state(event, "host", host_state(event, now, public), room_host(event.id), patched)
    personal(event, pending.personal, now)
    if msgqueue.failures() > failed:
        queue_down(event)


def emit_state(event, role, state, room, patched):
    """The state to a room: as a patch from the last one sent there when the live kind asks for
    patches and one is smaller, else whole."""
    name, payload = batches().streams.message(event, role, state, patched)
    socketio.emit(name, payload, to=room)


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
    """Each phone whose personal state changed gets it. Encoded once per phone: the same JSON
    is what socialapp.sent compares and what goes on the wire (a round for 2,000 encoded every
    state twice, and went through Flask-SocketIO's emit once per phone)."""
    if not who:
        return
    attendees = people_of(event, None if who == ALL else who)
    sent = batches().sent
    prefix = room_attendee("")
    states = [(a.id, unversioned(s), s) for a, s in personal_states(event, attendees, now)]
    for aid, body, state in sent.changed_many(event.id, event.version, states):
        send_me(prefix + str(aid), state, me_packet(state["v"], body))


def unversioned(state):
    """A personal state's JSON without its version (socialapp.sent compares it), keys in the
    order built: the same code builds the same order."""
    return _compact({k: v for k, v in state.items() if k != "v"})


# json.dumps with separators builds an encoder per call (2,000 per round): one, kept.
_compact = json.JSONEncoder(separators=(",", ":")).encode


def me_packet(version, body):
    """The Socket.IO packet of a "me" event, as python-socketio encodes it (EVENT, namespace
    "/", compact JSON), built from the state's JSON without its version: a personal state
    starts with its "v" (socialapp.state.personal_state)."""
    rest = "}" if body == "{}" else "," + body[1:]
    return f'{EVENT}["me",{{"v":{json.dumps(version)}{rest}]'


def send_me(room, state, packet):
    """One phone's personal state to its room. In one process (no message queue) the packet
    already encoded goes straight to the room's sockets, as python-socketio's own emit does
    with the packet it encodes; through a queue, the state goes the ordinary way (every
    worker encodes it for its own sockets)."""
    server = socketio.server
    manager = server.manager
    # python-socketio's own send of an encoded packet (private: a release without it takes
    # the ordinary way; tests/test_packets.py checks the bytes are python-socketio's own).
    write = getattr(server, "_send_eio_packet", None)
    if type(manager) is not Manager or write is None:
        socketio.emit("me", state, to=room)
        return
    eio = EioPacket(MESSAGE, packet)
    for _, eio_sid in manager.get_participants("/", room):
        write(eio_sid, eio)


def everything(event):
    """A full resend, for changes made outside a command (a restart)."""
    after(event, _All())


class _All:
    personal = ALL


def counts_changed(event, counts):
    """True (and remembered) when an event's presence counts differ from the last ones sent."""
    b = batches()
    with b.guard:
        if b.counts.get(event.id) == counts:
            return False
        b.counts[event.id] = counts
        return True


def counts(event, count, people_view):
    """Presence, every few seconds (the sweeper): to the hosts, and to the room if shown."""
    message = {"count": count, "code": event.code}
    socketio.emit("people", people_view | {"code": event.code}, to=room_host(event.id))
    socketio.emit("count", message, to=room_host(event.id))
    if event.show_count:
        socketio.emit("count", message, to=room_public(event.id))
        socketio.emit("count", message, to=room_display(event.id))
