"""Socket.IO handlers: parse, authorise, call a command, emit. Nothing else lives here."""

import hmac
import time

from flask import request, session
from flask_socketio import ConnectionRefusedError, disconnect, emit, join_room
from sqlalchemy import select

from . import auth, broadcast, commands, eventcache, presence, streams
from .errors import refusal
from .extensions import db, socketio
from .kinds.base import Change
from .models import Attendee, Event
from .state import for_phones, host_state, personal_state, present_count, public_state
from .web.common import TOO_MANY_CODES, lookup_refused

# sid -> (event_id, role, attendee_id): who is on this socket, decided once at connect.
clients = {}
# sid -> the host key fingerprint a host socket signed in with: re-checked on every host
# message, so a rotated key or an ended event locks an open socket out.
host_keys = {}
SIGNED_OUT = "The host key was changed or the event ended: this panel is signed out."
HEARTBEAT_WRITE_SECONDS = 20


def error(message, code="invalid"):
    refused = refusal(message, code)
    emit("error", refused)
    return refused


def on_connect(data=None):
    data = data if isinstance(data, dict) else {}
    # A Row, not an ORM event: a QR rush connects a thousand sockets (socialapp.eventcache).
    code = data.get("code") if isinstance(data.get("code"), str) else ""
    event = eventcache.find(code, session=True)  # the cookie's attendee is read next
    if lookup_refused(event, data.get("key") if isinstance(data.get("key"), str) else None):
        raise ConnectionRefusedError(TOO_MANY_CODES)
    if event is None:
        raise ConnectionRefusedError("No event has this code. Check the link or ask the host.")
    role, attendee = auth.socket_role(event, data.get("role"), session)
    if role is None:
        raise ConnectionRefusedError(auth.REFUSED.get(data.get("role"), "Not allowed."))
    if role == "host":
        if event.ended_at is not None:
            raise ConnectionRefusedError("This event has ended.")
        host_keys[request.sid] = auth.key_fingerprint(event)
    clients[request.sid] = (event.id, role, attendee.id if attendee else None)
    send_all(event, role, attendee)


def send_all(event, role, attendee):
    """Join the rooms for this role and send the full current state. event: an ORM event or
    a Row (socialapp.eventcache)."""
    now = time.time()
    # A patched kind's room gets the state its next patch starts from (socialapp.streams).
    sent = broadcast.batches().streams
    if role == "host":
        event = eventcache.orm_event(event)
        join_room(broadcast.room_host(event.id))
        emit("state", sent.newcomer(event, "host") or host_state(event, now))
        return
    display = role == "display"  # the projector: the public state with its own parts
    join_room((broadcast.room_display if display else broadcast.room_public)(event.id))
    emit("state", first_public(event, now, display))
    if attendee is not None:
        join_room(broadcast.room_attendee(attendee.id))
        # Presence: written only if not already fresh (a phone that just joined was seen at
        # its join; a QR rush must not cost every phone a second write transaction).
        touch(attendee, now)
        emit("me", personal_state(eventcache.orm_event(event), attendee, now))


def first_public(event, now, display=False):
    """The public state for a screen joining its room: the one built for this content
    version (by the broadcast layer or the last screen that connected) while it is fresh,
    with the count of now; a patched kind's room's last state; else a new build, kept.
    What is kept is the projectors' (whole) build: a phone gets it without the projector's
    parts (state.for_phones)."""
    trim = (lambda s: s) if display else for_phones
    kept = eventcache.public(event, now)
    if kept is not None and not kept[1]:
        state = trim(kept[0])
        count = present_count(event, now) if event.show_count else None
        return state | {"t": now, "event": state["event"] | {"count": count}}
    event = eventcache.orm_event(event)
    patched = streams.patched(event)
    role = "display" if display else "public"
    if patched and (room := broadcast.batches().streams.newcomer(event, role)) is not None:
        return room
    state = public_state(event, now)
    eventcache.remember_public(event, state, patched, now)
    return trim(state)


def touch(attendee, now, force=False):
    """Presence: remember when this phone was last heard from (throttled writes), through the
    one write path, without the event's lock (commands.write says why)."""
    if not force and now - attendee.last_seen <= HEARTBEAT_WRITE_SECONDS:
        return

    def step(event):
        attendee.last_seen = now
        return Change(public=False, host=False)

    commands.write(attendee.event_id, step, "presence", lock_event=False)


def on_disconnect(reason=None):
    clients.pop(request.sid, None)
    host_keys.pop(request.sid, None)


def current(sid):
    """Who is on this socket, or None: a host socket whose key is no longer current (rotated,
    or the event ended) is disconnected here, before it can do or see anything more."""
    who = clients.get(sid)
    if who is None or who[1] != "host":
        return who
    event = db.session.get(Event, who[0], populate_existing=True)
    if event is not None and host_is_current(event, host_keys.get(sid)):
        return who
    sign_out(sid)
    return None


def host_is_current(event, fingerprint):
    return (
        event.ended_at is None
        and isinstance(fingerprint, str)
        and hmac.compare_digest(fingerprint, auth.key_fingerprint(event))
    )


def sign_out(sid):
    clients.pop(sid, None)
    host_keys.pop(sid, None)
    socketio.emit("signed_out", {"error": SIGNED_OUT}, to=sid, ignore_queue=True)
    socketio.server.disconnect(sid, namespace="/", ignore_queue=True)


def drop_stale_hosts(event_id=None):
    """Disconnect this worker's host sockets whose key is no longer current. Run at once by
    the worker that rotates a key or ends an event, and by every worker's sweeper for the
    sockets it holds (it has no other way to learn of a rotation on another worker)."""
    # host_keys holds only the host sockets: a room's 2,000 phones are not walked every second.
    hosts = [(sid, clients.get(sid)) for sid in list(host_keys)]
    local = {sid: who[0] for sid, who in hosts if who and who[1] == "host"}
    if event_id is not None:
        local = {sid: e for sid, e in local.items() if e == event_id}
    if not local:
        return 0
    events = db.session.scalars(
        select(Event)
        .where(Event.id.in_(set(local.values())))
        .execution_options(populate_existing=True)
    ).all()
    by_id = {e.id: e for e in events}
    stale = [
        sid
        for sid, e in local.items()
        if e not in by_id or not host_is_current(by_id[e], host_keys.get(sid))
    ]
    for sid in stale:
        sign_out(sid)
    return len(stale)


def on_command(data=None):
    who = current(request.sid)
    if who is None:
        return error("Not connected to an event.", "forbidden")
    if not isinstance(data, dict):
        return error("The message is malformed.")
    ack = commands.run(*who, data.get("name"), data.get("args", {}), data.get("cid"))
    if not ack["ok"]:
        emit("error", {"error": ack["error"], "code": ack["code"], "cid": data.get("cid")})
    return ack


def on_sync(data=None):
    """Clock sync: the client computes its offset from its send time and ours."""
    t = data.get("t") if isinstance(data, dict) else None
    return {"t": t if isinstance(t, (int, float)) else None, "s": time.time()}


def here_handler(app):
    """A phone's heartbeat, noted in memory and written in bulk (socialapp.presence says why).
    Registered on python-socketio itself: Flask-SocketIO pushes a request context for every
    event, opening the signed session cookie, and 80 heartbeats a second in a room of 2,000
    made that 8% of a fan-out's server CPU. It needs only who is on the socket."""
    heard = presence.heard_of(app)

    def on_here(sid, data=None):
        who = clients.get(sid)
        if who and who[2] is not None:
            heard.note(who[0], who[2], time.time())
        return {"ok": True}

    return on_here


def on_resync(data=None):
    who = current(request.sid)
    if who is None:
        return error("Not connected to an event.", "forbidden")
    event_id, role, attendee_id = who
    event = db.session.get(Event, event_id)
    attendee = db.session.get(Attendee, attendee_id) if attendee_id else None
    if role == "attendee" and (attendee is None or attendee.removed_at is not None):
        disconnect()  # removed by the host (socialapp.people)
        return refusal("The host removed you from this event.", "forbidden")
    send_all(event, role, attendee)
    return {"ok": True}


def on_unknown(*args):
    """Any other message. Registered on python-socketio itself: it calls a catch-all with
    (name, sid, data...), but a message literally named "*" finds the catch-all by name and
    comes without its name, (sid, data...): through Flask-SocketIO that shifted every
    argument and crashed the handler (found by tests/test_fuzz.py)."""
    named = (
        len(args) > 1
        and isinstance(args[1], str)
        and socketio.server.manager.is_connected(args[1], "/")
    )
    name, sid = (args[0], args[1]) if named else ("*", args[0] if args else None)
    message, code = f"Unknown message {str(name)[:40]!r}.", "not_found"
    refused = refusal(message, code)
    if isinstance(sid, str):  # as error() does, without Flask-SocketIO's request context
        socketio.server.emit("error", refused, to=sid, namespace="/")
    return refused


def on_exception(exc):
    db.session.rollback()
    return error("Something went wrong; nothing was changed.", "server")


def init_app(app):
    """Register on the current server: each create_app() makes a new one (tests make many)."""
    for name, handler in (
        ("connect", on_connect),
        ("disconnect", on_disconnect),
        ("command", on_command),
        ("sync", on_sync),
        ("resync", on_resync),
    ):
        socketio.on_event(name, handler)
    socketio.server.on("here", here_handler(app), namespace="/")
    socketio.server.on("*", on_unknown, namespace="/")
    socketio.on_error_default(on_exception)
