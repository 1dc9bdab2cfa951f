"""A rotated host key or an ended event locks every open host socket out at once: no more
host commands, no more host state; the rotating host's own panel carries on."""

import pytest

from socialapp import realtime
from socialapp.events import find_event
from socialapp.extensions import db
from tests.conftest import command, last


@pytest.fixture
def old_host(app, event):
    """A second browser signed in with the original key (a leaked link, a borrowed laptop)."""
    c = app.test_client()
    assert c.get(f"/e/{event['code']}/host?key={event['key']}").status_code == 302
    return c


def rotate_elsewhere(app, code):
    """The key changes as another worker would change it: in the database only, so no socket
    of this process hears of it."""
    with app.app_context():
        ev = find_event(code)
        ev.host_key = "rotated-on-another-worker"
        db.session.commit()


def test_rotating_the_key_disconnects_other_host_sockets(app, event, host, old_host, sio):
    mine, theirs = sio(host, "host"), sio(old_host, "host")
    assert command(theirs, "agenda.start")["ok"]
    r = host.post(f"/e/{event['code']}/host/rotate-key")
    assert r.status_code == 302
    assert not theirs.is_connected()
    # The old browser's panel asks for the key again; the rotating browser's panel goes on.
    assert b'id="controls"' not in old_host.get(f"/e/{event['code']}/host").data
    assert b'id="controls"' in host.get(f"/e/{event['code']}/host").data
    assert not sio(old_host, "host").is_connected()
    again = sio(host, "host")  # the reloaded panel connects with the new key
    assert command(again, "agenda.pause")["ok"]
    assert not mine.is_connected()  # the page that rotated reloads: its old socket is gone


def test_a_host_socket_is_checked_on_every_message(app, event, host, sio):
    """A socket on a worker that did not see the rotation: its next command is refused and
    it is disconnected; it gets no more host state in the meantime."""
    h = sio(host, "host")
    display = sio(role="display")
    rotate_elsewhere(app, event["code"])
    ack = command(h, "agenda.start")
    assert ack["ok"] is False and ack["code"] == "forbidden"
    assert not h.is_connected()
    with app.app_context():
        assert find_event(event["code"]).live_segment is None
    assert last(display.get_received(), "state")["live"] is None


def test_a_stale_host_socket_hears_nothing_and_cannot_resync(app, event, host, sio):
    h = sio(host, "host")
    h.get_received()
    rotate_elsewhere(app, event["code"])
    new_host = app.test_client()
    new_host.get(f"/e/{event['code']}/host?key=rotated-on-another-worker")
    fresh = sio(new_host, "host")
    assert command(fresh, "agenda.start")["ok"]
    assert last(fresh.get_received(), "state")["live"] is not None
    assert last(h.get_received(), "state") is None  # the room moved with the key
    ack = h.emit("resync", {}, callback=True)
    assert ack["ok"] is False and not h.is_connected()


def test_each_worker_drops_its_stale_host_sockets(app, event, host, sio):
    """What every worker's sweeper runs: the sockets it holds, checked against the database."""
    h = sio(host, "host")
    display = sio(role="display")
    with app.test_request_context():
        assert realtime.drop_stale_hosts() == 0
    rotate_elsewhere(app, event["code"])
    with app.test_request_context():
        assert realtime.drop_stale_hosts() == 1
    assert not h.is_connected() and display.is_connected()


def test_ending_the_event_disconnects_hosts_and_freezes_phones(app, event, host, phone, sio):
    h = sio(host, "host")
    ada = sio(phone("Ada"), "attendee")
    d = sio(role="display")
    assert command(h, "agenda.start")["ok"]
    assert host.post(f"/e/{event['code']}/host/end").status_code == 302
    assert not h.is_connected()
    for screen in (ada, d):
        assert last(screen.get_received(), "state")["event"]["ended"] is True
        assert screen.is_connected()
    ack = command(ada, "icebreaker.found")
    assert ack["ok"] is False
    assert not sio(host, "host").is_connected()  # a host cannot come back to an ended event
