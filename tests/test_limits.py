"""Limits at the edges: message size at the Socket.IO layer, identities that belong to one
event only."""

import contextlib

import socketio

from tests.conftest import command
from tests.netclient import Person


def test_attendee_identity_works_for_one_event_only(app, event, phone, sio):
    from socialapp.events import create_event

    with app.app_context():
        other = create_event("Other social").code
    ada = phone("Ada")
    assert sio(ada, "attendee").is_connected()
    assert not sio(ada, "attendee", code=other).is_connected()
    page = ada.get(f"/j/{other}")
    assert b'name="name"' in page.data  # a join form, not Ada's phone page


def test_host_session_works_for_one_event_only(app, event, host, sio):
    from socialapp.events import create_event

    with app.app_context():
        other = create_event("Other social").code
    assert not sio(host, "host", code=other).is_connected()
    assert b'id="controls"' not in host.get(f"/e/{other}/host").data


def test_oversized_messages_are_dropped_and_the_server_stays_up(live_server):
    ev = live_server.create_event("Big messages")
    host = Person(live_server.url)
    host.get(f"/e/{ev['code']}/host?key={ev['key']}")
    host.connect(ev["code"], "host")
    dropped = []
    host.sio.on("disconnect", lambda *a: dropped.append(a))
    refused = (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError)
    with contextlib.suppress(*refused):
        host.sio.call("command", {"name": "agenda.add", "args": {"title": "x" * 40_000}}, timeout=3)
    assert dropped, "the server closes a connection that sends more than 16 KB"
    host.close()
    again = Person(live_server.url)
    again.get(f"/e/{ev['code']}/host?key={ev['key']}")
    again.connect(ev["code"], "host")
    state = again.wait_for("state")
    assert len(state["agenda"]) == 6  # nothing was added
    assert again.command("agenda.start")["ok"]
    again.close()


def test_normal_messages_fit_under_the_cap(app, event, host, sio):
    h = sio(host, "host")
    ack = command(
        h, "agenda.add", {"kind": "info", "title": "t", "minutes": 5, "instructions": "é" * 2000}
    )
    assert ack["ok"], ack
