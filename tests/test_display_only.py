"""What only the projector draws (a kind's DISPLAY_ONLY keys: the icebreaker's group tiles)
reaches the projectors and the host panel, never the phones: on connect, on every broadcast,
after a resync, as whole states and as patches (issue 11: 1,000 tiles, 48 KB, 2,000 phones)."""

import pytest

from socialapp import broadcast, eventcache, realtime, state
from socialapp.events import find_event
from socialapp.kinds import KINDS
from tests.conftest import last, screen_state

built = state.public_state


def states(client):
    """Every state a test client was sent, patches applied (what its screen held each time)."""
    out, current = [], None
    for m in client.get_received():
        if m["name"] in ("state", "patch"):
            current = screen_state([m], current)
            out.append(current)
    return out


def ack(client, name, **args):
    reply = client.emit("command", {"name": name, "args": args}, callback=True)
    assert reply["ok"], reply
    return reply


@pytest.fixture
def room(sio, host, phone, event):
    """The icebreaker live with a round of groups; a projector, two phones and the host."""
    hosts = sio(host, "host")
    seg = next(s for s in last(hosts.get_received(), "state")["agenda"] if s["kind"] == "wall")
    phones = [sio(phone(name), "attendee") for name in ("Ada", "Bo", "Cy", "Di")]
    ice = next(
        s for s in last(hosts.get_received(), "state")["agenda"] if s["kind"] == "icebreaker"
    )
    ack(hosts, "agenda.goto", segment_id=ice["id"])
    ack(hosts, "icebreaker.start_round")
    projector = sio(None, "display")
    return {"host": hosts, "phones": phones, "projector": projector, "wall": seg} | event


def test_phones_never_get_the_tiles_the_projector_and_host_panel_do(room, sio):
    phones, projector, hosts = room["phones"], room["projector"], room["host"]
    shown = last(projector.get_received(), "state")["kind"]
    assert shown["total"] == 2 and len(shown["groups"]) == 2  # the tiles, on connect
    assert len(last(hosts.get_received(), "state")["kind"]["groups"]) == 2  # the preview
    got = [states(p) for p in phones]
    assert all(got) and all("groups" not in s["kind"] for sent in got for s in sent)
    phone_view = got[0][-1]["kind"]
    assert phone_view["round"] == 1 and phone_view["total"] == 2 and phone_view["prompt"]

    ack(phones[0], "icebreaker.found")  # a broadcast to both rooms
    after = [states(p) for p in phones]
    assert all(after) and all("groups" not in s["kind"] for sent in after for s in sent)
    assert after[0][-1]["kind"]["found"] == 1
    tiles = states(projector)[-1]["kind"]["groups"]
    assert sum(1 for g in tiles if len(g) == 5) == 1  # a found group is ticked

    # A resync (a phone back from the lock screen) and a late screen: the same rule.
    phones[1].emit("resync", {}, callback=True)
    assert "groups" not in states(phones[1])[-1]["kind"]
    projector.emit("resync", {}, callback=True)
    assert len(states(projector)[-1]["kind"]["groups"]) == 2
    assert len(last(sio(None, "display").get_received(), "state")["kind"]["groups"]) == 2


@pytest.mark.parametrize("first", ["display", "attendee"])
def test_the_kept_build_serves_each_room_its_own_state(room, sio, phone, first, monkeypatch):
    """Screens connecting in a rush share one build (socialapp.eventcache): whichever role
    built it, a phone gets it without the tiles and a projector with them."""
    joined = phone("Eve")
    eventcache.forget()
    builds = []
    monkeypatch.setattr(realtime, "public_state", lambda *a: builds.append(1) or built(*a))
    made = {"display": lambda: sio(None, "display"), "attendee": lambda: sio(joined, "attendee")}
    order = [first, "attendee" if first == "display" else "display"]
    got = {role: last(made[role]().get_received(), "state") for role in order}
    assert len(got["display"]["kind"]["groups"]) == 2
    assert "groups" not in got["attendee"]["kind"]
    assert got["attendee"]["v"] == got["display"]["v"] and len(builds) == 1


def test_patches_follow_each_room_of_its_own(room, sio, phone, monkeypatch, app):
    """A patched kind (the wall) with a projector-only key: each room's patches apply to the
    state that room was sent, a newcomer gets its room's last state, and a resync works."""
    monkeypatch.setattr(KINDS["wall"], "DISPLAY_ONLY", ("themes",), raising=False)
    phones, projector, hosts = room["phones"], room["projector"], room["host"]
    ack(hosts, "agenda.goto", segment_id=room["wall"]["id"])
    held_before = {  # what each screen holds once the wall is live
        name: last(screen.get_received(), "state")
        for name, screen in (("phone", phones[0]), ("projector", projector))
    }
    assert "themes" not in held_before["phone"]["kind"]
    for i in range(4):
        ack(phones[i % 2], "wall.note_add", cid=f"note-{i:04d}", text=f"idea {i}")
    with app.test_request_context():
        first = state.public_state(find_event(room["code"]))
    held = {}
    for name, screen in (("phone", phones[0]), ("projector", projector)):
        got = screen.get_received()
        assert {m["name"] for m in got} >= {"patch"}  # the notes went as patches
        held[name] = screen_state(got, held_before[name])
    assert held["projector"]["kind"] == first["kind"] and "themes" in first["kind"]
    assert held["phone"]["kind"] == state.for_phones(first)["kind"]
    assert len(held["phone"]["kind"]["notes"]) == 4
    late = {"phone": sio(phone("Late"), "attendee"), "projector": sio(None, "display")}
    assert "themes" not in last(late["phone"].get_received(), "state")["kind"]
    assert "themes" in last(late["projector"].get_received(), "state")["kind"]
    phones[1].emit("resync", {}, callback=True)
    assert last(phones[1].get_received(), "state")["kind"] == held["phone"]["kind"]


def test_for_phones_leaves_the_state_alone_when_nothing_is_projector_only():
    plain = {"live": {"kind": "wall"}, "kind": {"notes": [1]}}
    assert state.for_phones(plain) is plain  # one build serves both rooms
    assert state.for_phones({"live": None, "kind": {}})["kind"] == {}
    tiles = {"live": {"kind": "icebreaker"}, "kind": {"round": 1, "groups": [[1]]}}
    assert state.for_phones(tiles)["kind"] == {"round": 1}
    assert tiles["kind"]["groups"] == [[1]]  # the projector's build is not touched


def test_the_projectors_room_is_the_install_s_own(app):
    with app.app_context():
        assert broadcast.room_display(7).startswith(app.config["INSTALL_ID"] + ":ev7")
        assert broadcast.room_display(7) != broadcast.room_public(7)
