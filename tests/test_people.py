"""The host's crowd control through the command layer: removing attendees (groups heal, the
socket closes, the cookie dies, what they wrote stays), the cap and rotating-code settings,
joins per minute; and each person's own "we found each other" in the icebreaker."""

import time

import pytest
from sqlalchemy import select

from socialapp import people, state
from socialapp.extensions import db
from socialapp.kinds.icebreaker.models import IcebreakerPair
from socialapp.kinds.open_mic.models import OpenMicEntry
from socialapp.kinds.wall.models import WallNote
from socialapp.models import Attendee
from tests.conftest import command, last
from tests.test_icebreaker import Ice


@pytest.fixture
def ice(app, event):
    board = Ice(app, event)
    yield board
    board.close()


def group_of(ice, who):
    aid = ice.person(who)
    return next((g for g in ice.groups() if aid in g), None)


# ---------- removing attendees ----------


def test_removing_one_of_a_pair_places_the_other_into_a_group(ice):
    ice.crowd(6)
    ice.host("icebreaker.start_round")  # three pairs
    fake = ice.person("P0")
    mate = next(a for a in group_of(ice, "P0") if a != fake)
    ack = ice.host("people.remove", attendee_ids=[fake])
    assert ack["ok"] and ack["removed"] == 1
    groups = ice.groups()
    assert all(fake not in g for g in groups)
    assert sorted(len(g) for g in groups) == [2, 3]  # the one left alone joined a pair
    assert any(mate in g and len(g) == 3 for g in groups)
    me = ice.me(ice.name_of(mate))
    assert me["status"] == "grouped" and me["late"] is True
    assert all(fake not in p for p in ice.pairs())  # this round's pairs with them are gone
    assert ice.hosted()["present"] == 5


def test_removing_from_a_trio_leaves_a_pair_and_a_lone_pair_waits(ice):
    ice.crowd(3)
    ice.host("icebreaker.start_round")  # one trio
    ice.host("people.remove", attendee_ids=[ice.person("P0")])
    assert [len(g) for g in ice.groups()] == [2]
    # Now remove one of the last pair: nobody to join, so the other waits (never alone).
    ice.host("people.remove", attendee_ids=[ice.person("P1")])
    assert ice.groups() == []
    assert ice.me("P2")["status"] in ("unplaced", "alone")  # waiting: "a group is coming"
    hosted = ice.hosted()
    assert hosted["waiting"] == [{"id": ice.person("P2"), "label": "P2"}]
    ice.person("Late")
    assert ice.host("icebreaker.place")["ok"]
    assert ice.groups() == [sorted([ice.person("P2"), ice.person("Late")])]


def test_a_burst_of_fakes_removed_at_once(ice):
    real = ice.crowd(4, "Real")
    fakes = ice.crowd(20, "Fake")
    ice.host("icebreaker.start_round")
    ack = ice.host("people.remove", attendee_ids=fakes)
    assert ack["ok"] and ack["removed"] == 20
    grouped = [a for g in ice.groups() for a in g]
    assert sorted(grouped) == sorted(real)  # the real people all have a group again
    assert all(2 <= len(g) <= 3 for g in ice.groups())
    ice.host("icebreaker.start_round")
    assert sorted(a for g in ice.groups() for a in g) == sorted(real)  # fakes never matched
    assert ice.host("people.remove", attendee_ids=fakes)["removed"] == 0  # twice: harmless


def test_what_they_wrote_stays(app, ice):
    fake = ice.person("Writer")
    wall = ice.segment_of("wall")
    assert ice.host("agenda.goto", segment_id=wall)["ok"]
    assert ice.att("Writer", "wall.note_add", text="A note worth keeping", cid="n-1")["ok"]
    assert ice.host("people.remove", attendee_ids=[fake])["ok"]
    notes = db.session.scalars(select(WallNote)).all()
    assert [n.text for n in notes] == ["A note worth keeping"] and notes[0].attendee_id == fake
    assert db.session.get(Attendee, fake).removed_at is not None


def test_a_removed_name_leaves_the_open_mic_bowl_but_not_the_stage(ice):
    for name in ("Fake", "Real", "Drawn"):
        ice.person(name)
    assert ice.host("agenda.goto", segment_id=ice.segment_of("open_mic"))["ok"]
    assert ice.att("Drawn", "open_mic.enter")["ok"]
    assert ice.host("open_mic.draw")["ok"]  # the only name in the bowl: Drawn
    for name in ("Fake", "Real"):
        assert ice.att(name, "open_mic.enter")["ok"]
    ack = ice.host("people.remove", attendee_ids=[ice.person("Fake"), ice.person("Drawn")])
    assert ack["ok"]
    left = {(e.name, e.status) for e in db.session.scalars(select(OpenMicEntry))}
    assert left == {("Real", "bowl"), ("Drawn", "drawn")}


def test_a_removed_attendee_can_do_nothing(ice):
    ice.crowd(4)
    ice.host("icebreaker.start_round")
    assert ice.host("people.remove", attendee_ids=[ice.person("P0")])["ok"]
    for name, args in (("icebreaker.found", {}), ("icebreaker.here", {}), ("icebreaker.skip", {})):
        ack = ice.att("P0", name, **args)
        assert ack["ok"] is False and ack["code"] == "forbidden" and "removed" in ack["error"]


@pytest.mark.parametrize(
    "args, words",
    [
        ({}, "list of people is malformed"),
        ({"attendee_ids": []}, "Choose 1 to"),
        ({"attendee_ids": "1"}, "list of people is malformed"),
        ({"attendee_ids": [True]}, "list of people is malformed"),
        ({"attendee_ids": list(range(1, 600))}, "list of people is malformed"),
        ({"attendee_ids": [999_999]}, "not in this event"),
        ({"attendee_ids": [1], "x": 1}, "Unexpected field"),
    ],
)
def test_bad_removals_change_nothing(ice, args, words):
    ice.crowd(2)
    v = ice.event().version
    ack = ice.host("people.remove", **args)
    assert ack["ok"] is False and words in ack["error"], ack
    assert ice.event().version == v
    assert db.session.scalar(select(Attendee).where(Attendee.removed_at.is_not(None))) is None


def test_only_the_host_removes_or_changes_settings(ice):
    ice.crowd(2)
    for name, args in (
        ("people.remove", {"attendee_ids": [ice.person("P1")]}),
        ("people.settings", {"max_attendees": 1}),
    ):
        assert ice.att("P0", name, **args)["code"] == "forbidden"
    assert db.session.get(Attendee, ice.person("P1")).removed_at is None


@pytest.mark.parametrize(
    "args, ok",
    [
        ({"max_attendees": 300}, True),
        ({"max_attendees": None}, True),
        ({"max_attendees": 0}, True),
        ({"rotate": True}, True),
        ({"max_attendees": -1}, False),
        ({"max_attendees": "300"}, False),
        ({"max_attendees": True}, False),
        ({"max_attendees": 10**9}, False),
        ({"rotate": "yes"}, False),
        ({"cap": 3}, False),
    ],
)
def test_settings_are_checked(ice, args, ok):
    ack = ice.host("people.settings", **args)
    assert ack["ok"] is ok, ack
    hosted = state.host_state(ice.event())["host"]["people"]
    if ok:
        assert hosted["cap"] == (args.get("max_attendees") or None)
        assert hosted["rotate"] is args.get("rotate", False)
    else:
        assert hosted["cap"] is None and hosted["rotate"] is False


def test_joins_per_minute_for_the_host():
    now = 1_000_000 * 60 + 30.0
    times = [now, now - 1, now - 61, now - 14 * 60, now - 15 * 60, now + 120]
    counts = people.per_minute(times, now)
    assert len(counts) == people.MINUTES_SHOWN
    assert counts[-1] == 2 and counts[-2] == 1 and counts[0] == 1 and sum(counts) == 4


def test_the_host_state_shows_joins_and_removals_never_names(ice):
    ids = ice.crowd(5)
    ice.host("people.remove", attendee_ids=ids[:2])
    host = state.host_state(ice.event())["host"]
    assert host["joined"] == 3 and host["people"]["joined"] == 3
    assert host["people"]["removed"] == 2 and sum(host["people"]["per_minute"]) == 5
    assert "P0" not in str(host["people"])
    assert state.public_state(ice.event())["event"]["rotating"] is False
    listed = people.listing(ice.event(), "p")["people"]
    assert sorted(p["label"] for p in listed) == ["P2", "P3", "P4"]  # removed ones are gone
    assert people.listing(ice.event(), "%")["people"] == []  # a search, not a pattern


def test_host_people_list_over_http(app, event, host, phone, client):
    phone("Ada")
    phone("Mallory 1")
    phone("Mallory 2")
    r = host.get(f"/e/{event['code']}/host/people.json?q=mall")
    assert r.status_code == 200 and [p["label"] for p in r.get_json()["people"]] == [
        "Mallory 2",
        "Mallory 1",
    ]
    since = time.time() - 60
    everyone = host.get(f"/e/{event['code']}/host/people.json?since={since}").get_json()
    assert len(everyone["people"]) == 3 and everyone["more"] is False
    assert host.get(f"/e/{event['code']}/host/people.json?since=nan").status_code == 200
    assert client.get(f"/e/{event['code']}/host/people.json").status_code == 403
    assert phone("Eve").get(f"/e/{event['code']}/host/people.json").status_code == 403


def test_a_removed_phone_is_told_and_disconnected(app, event, host, phone, sio):
    h = sio(host, "host")
    mallory, ada = sio(phone("Mallory"), "attendee"), sio(phone("Ada"), "attendee")
    me = last(mallory.get_received(), "me")
    ada.get_received()
    ack = command(h, "people.remove", {"attendee_ids": [me["id"]]})
    assert ack["ok"] and ack["removed"] == 1
    got = mallory.get_received() if mallory.is_connected() else []
    assert not mallory.is_connected()
    assert all(m["name"] != "me" for m in got)
    assert ada.is_connected()
    assert last(h.get_received(), "state")["host"]["joined"] == 1


def test_the_sweeper_closes_sockets_removed_on_another_worker(app, event, host, phone, sio):
    """Another worker removed them (a row changed under this one): the next sweep closes
    this worker's socket."""
    mallory = sio(phone("Mallory"), "attendee")
    mid = last(mallory.get_received(), "me")["id"]
    with app.test_request_context():
        people.sweep_removed(time.time())
        db.session.get(Attendee, mid).removed_at = time.time()
        db.session.commit()
        assert mallory.is_connected()
        assert people.sweep_removed(time.time()) == 1
    assert not mallory.is_connected()


# ---------- "we found each other": each person's own word ----------


def test_found_is_each_persons_own_confirmation(ice):
    ice.crowd(2)
    ice.host("icebreaker.start_round")
    assert ice.att("P0", "icebreaker.found")["ok"]
    p0, p1 = ice.me("P0"), ice.me("P1")
    assert p0["confirmed"] is True and p0["mates"][0]["confirmed_me"] is False
    assert p1["confirmed"] is False and p1["mates"][0]["confirmed_me"] is True
    assert p1["found"] is True  # the group shows as found once anyone tapped
    pair = db.session.scalar(select(IcebreakerPair))
    assert (pair.a_confirmed_at is None) != (pair.b_confirmed_at is None)
    assert ice.att("P1", "icebreaker.found")["ok"]
    assert ice.me("P0")["mates"][0] == {
        "id": ice.person("P1"),
        "label": "P1",
        "confirmed": True,
        "confirmed_me": True,
    }
    assert ice.att("P0", "icebreaker.found", found=False)["ok"]
    assert ice.me("P1")["mates"][0]["confirmed_me"] is False
    assert ice.public()["found"] == 1  # P1's word still stands
    assert ice.att("P1", "icebreaker.found", found=False)["ok"]
    assert ice.public()["found"] == 0


def test_a_trio_confirms_each_person_found(ice):
    ids = ice.crowd(3)
    ice.host("icebreaker.start_round")
    a, b, c = ids
    assert ice.att("P0", "icebreaker.found", mates=[b])["ok"]
    me = {m["id"]: m["confirmed"] for m in ice.me("P0")["mates"]}
    assert me == {b: True, c: False} and ice.me("P0")["confirmed"] is False
    for bad in ([a], [999], [], "b", [b, 999]):
        ack = ice.att("P0", "icebreaker.found", mates=bad)
        assert ack["ok"] is False, bad
    assert ice.att("P0", "icebreaker.found", mates=[c])["ok"]
    assert ice.me("P0")["confirmed"] is True
