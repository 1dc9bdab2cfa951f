"""Socket.IO handlers: parse, authorise, call a command, emit. Nothing else lives here."""

import time

from flask import request, session
from flask_socketio import ConnectionRefusedError, emit, join_room

from . import auth, broadcast, commands
from .events import find_event
from .extensions import db, socketio
from .models import Attendee
from .state import host_state, personal_state, public_state

# sid -> (event_id, role, attendee_id): who is on this socket, decided once at connect.
clients = {}
HEARTBEAT_WRITE_SECONDS = 20


def error(message, code="invalid"):
    emit("error", {"error": message, "code": code})
    return {"ok": False, "error": message, "code": code}


def on_connect(data=None):
    data = data if isinstance(data, dict) else {}
    event = find_event(data.get("code") if isinstance(data.get("code"), str) else "")
    if event is None:
        raise ConnectionRefusedError("No event has this code. Check the link or ask the host.")
    role, attendee = auth.socket_role(event, data.get("role"), session)
    if role is None:
        raise ConnectionRefusedError(auth.REFUSED.get(data.get("role"), "Not allowed."))
    clients[request.sid] = (event.id, role, attendee.id if attendee else None)
    send_all(event, role, attendee)


def send_all(event, role, attendee):
    """Join the rooms for this role and send the full current state."""
    now = time.time()
    if role == "host":
        join_room(broadcast.room_host(event.id))
        emit("state", host_state(event, now))
        return
    join_room(broadcast.room_public(event.id))
    emit("state", public_state(event, now))
    if attendee is not None:
        join_room(broadcast.room_attendee(attendee.id))
        touch(attendee, now, force=True)
        emit("me", personal_state(event, attendee, now))


def touch(attendee, now, force=False):
    """Presence: remember when this phone was last heard from (throttled writes)."""
    if force or now - attendee.last_seen > HEARTBEAT_WRITE_SECONDS:
        attendee.last_seen = now
        db.session.commit()


def on_disconnect(reason=None):
    clients.pop(request.sid, None)


def on_command(data=None):
    who = clients.get(request.sid)
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


def on_here(data=None):
    who = clients.get(request.sid)
    if who and who[2] is not None:
        attendee = db.session.get(Attendee, who[2])
        if attendee is not None:
            touch(attendee, time.time())
    return {"ok": True}


def on_resync(data=None):
    who = clients.get(request.sid)
    if who is None:
        return error("Not connected to an event.", "forbidden")
    event_id, role, attendee_id = who
    from .models import Event

    event = db.session.get(Event, event_id)
    send_all(event, role, db.session.get(Attendee, attendee_id) if attendee_id else None)
    return {"ok": True}


def on_unknown(name, data=None):
    return error(f"Unknown message {str(name)[:40]!r}.", "not_found")


def on_exception(exc):
    db.session.rollback()
    return error("Something went wrong; nothing was changed.", "server")


def init_app():
    """Register on the current server: each create_app() makes a new one (tests make many)."""
    for name, handler in (
        ("connect", on_connect),
        ("disconnect", on_disconnect),
        ("command", on_command),
        ("sync", on_sync),
        ("here", on_here),
        ("resync", on_resync),
        ("*", on_unknown),
    ):
        socketio.on_event(name, handler)
    socketio.on_error_default(on_exception)
