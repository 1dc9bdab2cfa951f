"""The broadcast layer batches sends per event, and re-sends no unchanged personal state."""

import time

import pytest

from socialapp import broadcast
from socialapp.core import patches
from tests.room import Room

N = 50


@pytest.fixture
def wall(app, event):
    room = Room(app, event, "wall")
    assert room.host("wall.max_notes", max_notes=N)["ok"]
    yield room
    room.close()


@pytest.fixture
def sent(monkeypatch):
    """Every emit the broadcast layer makes: (name, payload, room). A patch (the wall sends
    them) is recorded as the "state" the room's screens hold once they applied it."""
    out = []
    held = {}
    for event_id, rec in broadcast.batches().streams.events.items():
        held[broadcast.room_public(event_id)] = rec["rooms"].get("public")
        held[broadcast.room_host(event_id)] = rec["rooms"].get("host")

    def emit(name, data, **k):
        to = k.get("to")
        if name == "patch":
            before = held.get(to)
            ok = before is not None and before["v"] == data["base"]
            name, data = "state", patches.apply(before, data["p"]) if ok else None
        if name == "state":
            held[to] = data
        out.append((name, data, to))

    monkeypatch.setattr(broadcast.socketio, "emit", emit)
    # Personal states leave encoded once (broadcast.send_me), not through socketio.emit.
    monkeypatch.setattr(
        broadcast, "send_me", lambda room, state, packet: emit("me", state, to=room)
    )
    return out


def window(app, seconds):
    """Batch from now on (the fixture's own commands were sent at once)."""
    app.config["BROADCAST_SECONDS"] = seconds
    broadcast.batches().sent_at.clear()


def states(sent, room):
    return [data for name, data, to in sent if name == "state" and to == room]


def test_a_burst_of_notes_sends_a_few_states_and_the_last_is_complete(wall, app, sent):
    for i in range(10):
        wall.person(f"P{i}")  # joined before (a join is a change too: the hosts' counts)
    window(app, 30)  # the burst is over long before the window ends
    sent.clear()
    for i in range(N):
        assert wall.att(f"P{i % 10}", "wall.note_add", cid=f"note-{i:04d}", text=f"idea {i}")["ok"]
    public_room = broadcast.room_public(wall.event_id)
    assert len(states(sent, public_room)) == 1  # the first note went at once
    assert broadcast.flush() == 1  # the window's end: everything since, in one send
    public = states(sent, public_room)
    assert len(public) == 2  # not 50
    assert [n["text"] for n in public[-1]["kind"]["notes"]] == [f"idea {i}" for i in range(N)]
    assert public[-1]["v"] == wall.event().version
    hosts = states(sent, broadcast.room_host(wall.event_id))
    assert len(hosts) == 2 and len(hosts[-1]["host"]["kind"]["notes"]) == N
    # Every writer got their own state once more after the window, with all their notes.
    mine = [
        d
        for name, d, to in sent
        if name == "me" and to == broadcast.room_attendee(wall.person("P3"))
    ]
    assert len(mine) == 1 and len(mine[-1]["kind"]["mine"]) == N // 10
    assert broadcast.flush() == 0  # nothing left


def test_the_window_ends_by_itself(wall, app, sent):
    wall.person("Ada")
    window(app, 0.3)
    for i in range(3):
        assert wall.att("Ada", "wall.note_add", cid=f"note-{i:04d}", text=f"idea {i}")["ok"]
    public_room = broadcast.room_public(wall.event_id)
    assert len(states(sent, public_room)) == 1
    deadline = time.time() + 10
    while len(states(sent, public_room)) < 2 and time.time() < deadline:
        time.sleep(0.05)
    public = states(sent, public_room)
    assert len(public) == 2 and len(public[-1]["kind"]["notes"]) == 3
    time.sleep(0.5)
    assert len(states(sent, public_room)) == 2  # sent once


def test_an_unchanged_personal_state_is_not_sent_again(wall, sent):
    me = broadcast.room_attendee(wall.person("Ada"))
    assert wall.host("wall.max_notes", max_notes=N - 1)["ok"]  # every phone's "left" changes
    assert sum(1 for name, _, to in sent if name == "me" and to == me) == 1
    assert wall.host("wall.max_notes", max_notes=N - 1)["ok"]  # the same again: nothing new
    assert sum(1 for name, _, to in sent if name == "me" and to == me) == 1
    assert wall.host("wall.max_notes", max_notes=N)["ok"]
    assert sum(1 for name, _, to in sent if name == "me" and to == me) == 2


def test_another_workers_change_resends_personal_states(wall, app, sent):
    """A version this worker did not commit means phones may hold something else."""
    me = broadcast.room_attendee(wall.person("Ada"))
    assert wall.host("wall.max_notes", max_notes=N - 1)["ok"]
    ev = wall.event()
    ev.version += 1  # as another worker's command would
    from socialapp.extensions import db

    db.session.commit()
    assert wall.host("wall.max_notes", max_notes=N - 1)["ok"]
    assert sum(1 for name, _, to in sent if name == "me" and to == me) == 2
