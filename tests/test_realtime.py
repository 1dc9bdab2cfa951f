"""Socket.IO: state on connect for each role, commands, authorisation and bad input."""

import pytest

from socialapp.events import find_event
from socialapp.extensions import db
from tests.conftest import command, last


def test_each_role_gets_full_state_on_connect(host, phone, sio):
    h = sio(host, "host")
    state = last(h.get_received(), "state")
    assert state["host"]["joined"] == 0 and state["live"] is None
    assert [s["title"] for s in state["agenda"]][:2] == ["Welcome", "Icebreaker"]
    d = sio(role="display")
    got = d.get_received()
    assert last(got, "state")["event"]["join_url"].startswith("http://social.test/j/")
    assert "host" not in last(got, "state")
    a = sio(phone("Ada"), "attendee")
    got = a.get_received()
    assert last(got, "me")["label"] == "Ada"
    assert "host" not in last(got, "state")


def test_connect_refused_without_rights(sio, phone, app, event):
    stranger = app.test_client()
    assert not sio(stranger, "host").is_connected()
    assert not sio(stranger, "attendee").is_connected()
    assert not sio(phone("Eve"), "host").is_connected()
    assert not sio(role="display", code="NOPE42").is_connected()


def test_host_drives_the_agenda_and_everyone_follows(host, phone, sio, app, event):
    h = sio(host, "host")
    a = sio(phone("Ada"), "attendee")
    d = sio(role="display")
    for c in (h, a, d):
        c.get_received()
    ack = command(h, "agenda.start")
    assert ack["ok"], ack
    for c in (h, a, d):
        s = last(c.get_received(), "state")
        assert s["live"]["title"] == "Welcome"
        assert s["live"]["timer"]["status"] == "running"
        assert abs(s["live"]["timer"]["ends_at"] - s["t"] - 300) < 2
    assert command(h, "agenda.next")["ok"]
    s = last(a.get_received(), "state")
    assert s["live"]["title"] == "Icebreaker"
    assert [x["status"] for x in s["agenda"][:2]] == ["done", "live"]


def test_pause_extend_resume_end(host, sio, app, event):
    h = sio(host, "host")
    command(h, "agenda.start")
    command(h, "agenda.pause")
    t = last(h.get_received(), "state")["live"]["timer"]
    assert t["status"] == "paused" and 299 < t["remaining"] <= 300
    command(h, "agenda.extend", {"seconds": 60})
    t = last(h.get_received(), "state")["live"]["timer"]
    assert 359 < t["remaining"] <= 360
    command(h, "agenda.extend", {"seconds": -60})
    command(h, "agenda.resume")
    t = last(h.get_received(), "state")["live"]["timer"]
    assert t["status"] == "running"
    command(h, "agenda.end")
    s = last(h.get_received(), "state")
    assert s["live"] is None and s["agenda"][0]["status"] == "done"


def test_goto_prev_and_finish(host, sio, event):
    h = sio(host, "host")
    s = last(h.get_received(), "state")
    last_id = s["agenda"][-1]["id"]
    assert command(h, "agenda.goto", {"segment_id": last_id})["ok"]
    assert command(h, "agenda.prev")["ok"]
    assert last(h.get_received(), "state")["live"]["id"] == s["agenda"][-2]["id"]
    command(h, "agenda.goto", {"segment_id": last_id})
    assert command(h, "agenda.next")["ok"]  # ends the last one
    assert last(h.get_received(), "state")["live"] is None
    ack = command(h, "agenda.next")
    assert not ack["ok"] and "finished" in ack["error"]


@pytest.mark.parametrize(
    "name",
    [
        "agenda.start",
        "agenda.next",
        "agenda.pause",
        "agenda.extend",
        "agenda.goto",
        "event.settings",
        "agenda.add",
        "agenda.remove",
    ],
)
def test_only_hosts_run_host_commands(name, phone, sio, app, event):
    a = sio(phone("Eve"), "attendee")
    d = sio(role="display")
    for c in (a, d):
        c.get_received()
        ack = command(c, name, {"seconds": 60, "segment_id": 1, "show_count": False})
        assert ack == {"ok": False, "error": ack["error"], "code": "forbidden"}
        assert last(c.get_received(), "error")["error"] == ack["error"]
    with app.app_context():
        ev = find_event(event["code"])
        assert ev.live_segment_id is None and ev.version == 2  # only Eve's join bumped it
        assert ev.show_count is True


BAD = [
    None,
    "agenda.start",
    42,
    [],
    {"name": None},
    {"name": "nope.nope"},
    {"name": "x" * 10_000},
    {"name": "agenda.extend", "args": {"seconds": "60"}},
    {"name": "agenda.extend", "args": {"seconds": 10**9}},
    {"name": "agenda.extend", "args": {"seconds": True}},
    {"name": "agenda.extend", "args": []},
    {"name": "agenda.goto", "args": {"segment_id": 99999}},
    {"name": "agenda.goto", "args": {"segment_id": "1"}},
    {"name": "agenda.pause", "args": {}, "cid": 5},
    {"name": "agenda.pause", "args": {}, "cid": "x" * 65},
    {"name": "agenda.update", "args": {"segment_id": 1, "title": "<b>" * 100}},
    {"name": "agenda.add", "args": {"kind": "info", "title": "", "minutes": 5}},
    {"name": "agenda.add", "args": {"kind": "poll", "title": "x", "minutes": 5}},
    {"name": "agenda.add", "args": {"kind": [], "title": "x", "minutes": 5}},  # found by fuzzing
    {"name": "agenda.move", "args": {"segment_id": 1, "to": 99}},
]


@pytest.mark.parametrize("payload", BAD)
def test_bad_input_is_refused_and_changes_nothing(payload, host, sio, app, event):
    h = sio(host, "host")
    h.get_received()
    with app.app_context():
        before = find_event(event["code"]).version
    ack = h.emit("command", payload, callback=True)
    assert ack["ok"] is False and ack["error"]
    assert last(h.get_received(), "error")["error"]
    with app.app_context():
        ev = find_event(event["code"])
        assert ev.version == before and ev.live_segment_id is None
        assert len(ev.segments) == 6


def test_unknown_events_get_an_error(sio):
    d = sio(role="display")
    d.get_received()
    ack = d.emit("drop_tables", {"x": 1}, callback=True)
    assert ack["ok"] is False and "Unknown" in ack["error"]


def test_same_message_twice_is_applied_once(host, sio, app, event):
    h = sio(host, "host")
    command(h, "agenda.start")
    first = command(h, "agenda.extend", {"seconds": 60}, cid="c-1")
    again = command(h, "agenda.extend", {"seconds": 60}, cid="c-1")
    assert first["ok"] and again["ok"] and again.get("duplicate")
    with app.app_context():
        seg = find_event(event["code"]).live_segment
        assert seg.timer_duration == 360


def test_clock_sync_returns_server_time(sio):
    import time

    ack = sio(role="display").emit("sync", {"t": 123}, callback=True)
    assert ack["t"] == 123 and abs(ack["s"] - time.time()) < 5


def test_presence_count(host, phone, sio, app, event):
    sio(phone("A"), "attendee")
    sio(phone("B"), "attendee")
    h = sio(host, "host")
    assert last(h.get_received(), "state")["host"]["count"] == 2


def test_rate_limit_has_a_readable_message(phone, sio, app, event):
    a = sio(phone("Spammy"), "attendee")
    acks = [command(a, "agenda.start") for _ in range(15)]
    assert any(x["code"] == "rate_limited" for x in acks)
    assert "wait" in next(x for x in acks if x["code"] == "rate_limited")["error"]


def test_state_is_versioned(host, sio, event, app):
    h = sio(host, "host")
    v1 = last(h.get_received(), "state")["v"]
    command(h, "agenda.start")
    assert last(h.get_received(), "state")["v"] > v1
    with app.app_context():
        db.session.remove()


def test_a_failed_broadcast_does_not_deny_a_committed_change(host, sio, app, event, monkeypatch):
    from socialapp import broadcast

    h = sio(host, "host")

    def boom(*a):
        raise RuntimeError("network trouble")

    monkeypatch.setattr(broadcast, "after", boom)
    ack = command(h, "agenda.start")
    assert ack["ok"] is True
    with app.app_context():
        assert find_event(event["code"]).live_segment.title == "Welcome"
