"""Every change goes through one write path (commands.write): joining, the host key, ending
the event, presence and the sweeper's actions bump the version once under the event's lock
and are sent once, like commands."""

import time

import pytest

from socialapp import broadcast, commands, realtime, sweeper
from socialapp.events import find_event, join
from socialapp.extensions import db
from socialapp.models import Attendee
from tests.conftest import command


@pytest.fixture
def sent(monkeypatch):
    """Every emit: (name, payload, room)."""
    out = []
    monkeypatch.setattr(
        broadcast.socketio,
        "emit",
        lambda name, data=None, **k: out.append((name, data, k.get("to"))),
    )
    return out


def states_to(sent, room):
    return [d for name, d, to in sent if name == "state" and to == room]


def version(code):
    db.session.expire_all()
    return find_event(code).version


def test_a_join_bumps_the_version_once_and_tells_the_hosts_once(app, event, ctx, sent):
    v = version(event["code"])
    ada = join(find_event(event["code"]), "Ada", cid="join-form-1")
    assert version(event["code"]) == v + 1
    hosts = states_to(sent, broadcast.room_host(event["id"]))
    assert len(hosts) == 1 and hosts[0]["v"] == v + 1 and hosts[0]["host"]["joined"] == 1
    assert states_to(sent, broadcast.room_public(event["id"])) == []  # a join is no presence
    # The same form again (its answer lost on bad Wi-Fi): the same person, nothing written.
    again = join(find_event(event["code"]), "Ada", cid="join-form-1")
    assert again.id == ada.id and version(event["code"]) == v + 1
    assert len(states_to(sent, broadcast.room_host(event["id"]))) == 1


def test_the_sweepers_action_bumps_the_version_once_and_is_sent_once(app, event, host, sio, sent):
    h = sio(host, "host")
    command(h, "event.settings", {"auto_advance": True})
    command(h, "agenda.start")
    with app.test_request_context():
        v = version(event["code"])
        sent.clear()
        assert sweeper.tick(time.time() + 301) == 1
        assert version(event["code"]) == v + 1
        public = states_to(sent, broadcast.room_public(event["id"]))
        assert len(public) == 1 and public[0]["v"] == v + 1
        assert public[0]["live"]["title"] == "Icebreaker"
        sweeper.tick(time.time() + 302)  # the icebreaker's first look, not a second advance
        db.session.expire_all()
        assert find_event(event["code"]).live_segment.title == "Icebreaker"


def test_ending_the_event_goes_through_the_write_path(app, event, host, sio, sent):
    with app.app_context():
        v = find_event(event["code"]).version
    assert host.post(f"/e/{event['code']}/host/end").status_code == 302
    with app.test_request_context():
        assert version(event["code"]) == v + 1
        public = states_to(sent, broadcast.room_public(event["id"]))
        assert len(public) == 1 and public[0]["event"]["ended"] is True
        signed_out = [to for name, _, to in sent if name == "signed_out"]
        assert signed_out.count(broadcast.room_host(event["id"])) == 1


def test_rotating_the_key_goes_through_the_write_path(app, event, host, sent):
    with app.test_request_context():
        v = version(event["code"])
        old_room = broadcast.room_host(event["id"])
    assert host.post(f"/e/{event['code']}/host/rotate-key").status_code == 302
    with app.test_request_context():
        assert version(event["code"]) == v + 1
        assert broadcast.room_host(event["id"]) != old_room
        assert ("signed_out", old_room) in [(name, to) for name, _, to in sent]
        assert states_to(sent, broadcast.room_public(event["id"])) == []


def test_presence_is_written_without_the_lock_and_sends_nothing(app, event, ctx, sent):
    ada = join(find_event(event["code"]), "Ada")
    v = version(event["code"])
    sent.clear()
    attendee = db.session.get(Attendee, ada.id)
    realtime.touch(attendee, time.time() + 100, force=True)
    db.session.expire_all()
    assert db.session.get(Attendee, ada.id).last_seen > time.time() + 50
    assert version(event["code"]) == v  # heartbeats do not invalidate every screen's views
    assert sent == []  # the sweeper sends presence counts every few seconds


def test_a_message_id_reused_for_another_command_is_not_a_duplicate(app, event, ctx):
    first = commands.run(event["id"], "host", None, "agenda.start", {}, cid="m-1")
    other = commands.run(event["id"], "host", None, "agenda.extend", {"seconds": 60}, cid="m-1")
    assert first["ok"] and other["ok"] and not other.get("duplicate")
    again = commands.run(event["id"], "host", None, "agenda.extend", {"seconds": 60}, cid="m-1")
    assert again.get("duplicate") and again["v"] == other["v"]
    long_cid = "x" * commands.MAX_CID  # name + id beyond the column: stored hashed
    a = commands.run(event["id"], "host", None, "agenda.extend", {"seconds": 60}, cid=long_cid)
    b = commands.run(event["id"], "host", None, "agenda.extend", {"seconds": 60}, cid=long_cid)
    assert a["ok"] and not a.get("duplicate") and b.get("duplicate")


def test_a_resent_message_changes_nothing_and_gets_its_first_answer(app, event, ctx):
    """A copy is found by its id inside its own transaction: what it did is rolled back (the
    timer extended once, the version bumped once), and the answer is the first one."""
    assert commands.run(event["id"], "host", None, "agenda.start", {})["ok"]
    db.session.expire_all()
    ends = find_event(event["code"]).live_segment.timer_ends_at
    first = commands.run(event["id"], "host", None, "agenda.extend", {"seconds": 60}, cid="x-1")
    v = version(event["code"])
    again = commands.run(event["id"], "host", None, "agenda.extend", {"seconds": 60}, cid="x-1")
    assert again == first | {"duplicate": True}
    assert version(event["code"]) == v
    assert find_event(event["code"]).live_segment.timer_ends_at == ends + 60


def test_a_resent_slow_command_waits_for_the_first_and_gets_its_answer(app, event, monkeypatch):
    """The outbox resends wall.suggest after 10 s; grouping may take longer. The copy waits
    for the first (single flight) and answers with its ack; the grouping runs once."""
    import threading

    from socialapp import offload
    from tests.room import Room

    room = Room(app, event, "wall")
    for i in range(3):
        assert room.att(f"P{i}", "wall.note_add", cid=f"n-{i:04d}", text=f"more coffee {i}")["ok"]
    room.close()
    runs, real = [], offload._run

    def slow(fn, *args):
        runs.append(fn)
        time.sleep(0.5)
        return real(fn, *args)

    monkeypatch.setattr(offload, "_run", slow)
    acks = []

    def host_sends():
        with app.test_request_context():
            acks.append(commands.run(event["id"], "host", None, "wall.suggest", {}, cid="s-1"))
            db.session.remove()

    threads = [threading.Thread(target=host_sends) for _ in range(2)]
    for t in threads:
        t.start()
        time.sleep(0.1)
    for t in threads:
        t.join(30)
    assert len(runs) == 1
    assert [a["ok"] for a in acks] == [True, True]
    assert [bool(a.get("duplicate")) for a in acks] == [False, True]
    assert acks[0]["v"] == acks[1]["v"]
