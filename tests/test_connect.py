"""Stay connected: people find again those they met; contacts are opt-in and go only to the
people their owner met in an icebreaker round, only while shared; the projector and the host
see numbers only.

Most tests run real icebreaker rounds through the command layer (as the Socket.IO handler
does), then make the "Stay connected" segment live and read the three views; a few go
through Socket.IO to check who is sent what.
"""

import json
import random
import time

import pytest
from sqlalchemy import insert, select, update

from socialapp import broadcast, commands, ratelimit, state
from socialapp.events import create_event, find_event, join
from socialapp.extensions import db
from socialapp.kinds import KINDS, connect
from socialapp.kinds.connect.models import ConnectContact
from socialapp.kinds.icebreaker.models import IcebreakerPair, IcebreakerRound
from socialapp.kinds.open_mic.models import OpenMicEntry
from socialapp.models import Attendee
from tests.conftest import command, last
from tests.room import Room as BaseRoom

NAMES = ["Ada", "Grace", "Alan", "Barbara", "Edsger"]


class Room(BaseRoom):
    """The test event: five people, two icebreaker rounds, then "Stay connected" live."""

    def __init__(self, app, event, rounds=2, seed=3):
        super().__init__(app, event, seed=seed)
        connect.forget()
        self.ice_id = self.segment_of("icebreaker")
        self.seg_id = self.segment_of("connect")
        for name in NAMES:
            self.person(name)
        if rounds:
            assert self.host("agenda.goto", segment_id=self.ice_id)["ok"]
            for name in NAMES:
                assert self.att(name, "icebreaker.here")["ok"]
            for _ in range(rounds):
                assert self.host("icebreaker.start_round")["ok"]
        assert self.host("agenda.goto", segment_id=self.seg_id)["ok"]

    def public(self):
        return state.public_state(self.event())

    def hosted(self):
        return state.host_state(self.event())

    def met(self):
        """{name: set of names they met}, from the stored pairs."""
        by_id = {i: n for n, i in self.people.items()}
        out = {n: set() for n in self.people}
        for a, b in db.session.execute(
            select(IcebreakerPair.a, IcebreakerPair.b).where(
                IcebreakerPair.event_id == self.event_id
            )
        ):
            out[by_id[a]].add(by_id[b])
            out[by_id[b]].add(by_id[a])
        return out

    def confirm(self, a, b):
        """Both say they met, on the Stay connected list."""
        for x, y in ((a, b), (b, a)):
            ack = self.att(x, "connect.confirm", attendee_id=self.person(y))
            assert ack["ok"] and ack["met"] is True, ack

    def confirm_everyone(self):
        for name, others in self.met().items():
            for other in others:
                assert self.att(name, "connect.confirm", attendee_id=self.person(other))["ok"]

    def pick(self):
        """Someone who met some people and did not meet at least one other."""
        met = self.met()
        who = next(n for n in NAMES if met[n] and set(NAMES) - met[n] - {n})
        return who, met[who], set(NAMES) - met[who] - {who}


@pytest.fixture
def room(app, event):
    board = Room(app, event)
    yield board
    board.close()


# ---------- the template and the views ----------


def test_the_reference_social_ends_with_stay_connected(app, event):
    with app.app_context():
        last_seg = find_event(event["code"]).segments[-1]
        assert (last_seg.kind, last_seg.title) == ("connect", "Stay connected")
        assert last_seg.minutes == 10 and "only they see it" in last_seg.instructions
    assert KINDS["connect"].LABEL == "Stay connected"


def test_phones_list_the_people_met_with_round_and_question(room):
    met = room.met()
    assert all(met[n] for n in NAMES)  # two rounds of five: everyone met someone
    prompts = {r: room.event().segments[1].settings["prompts"][r - 1] for r in (1, 2)}
    for name in NAMES:
        view = room.me(name)
        assert {p["label"] for p in view["met"]} == met[name]
        for p in view["met"]:
            assert p["where"] == f"Round {p['round']}" and p["prompt"] == prompts[p["round"]]
            assert "contact" not in p
        assert view["contact"] is None and view["speakers"] == []
    pairs = sum(len(v) for v in met.values()) // 2
    assert room.public()["kind"] == {"pairs": pairs, "met_people": 5, "sharing": 0, "stories": 0}
    host = room.hosted()["host"]["kind"]
    assert host == {"pairs": pairs, "met_people": 5, "met_nobody": 0, "sharing": 0, "stories": 0}


def test_nobody_met_before_any_round(app, event):
    board = Room(app, event, rounds=0)
    try:
        view = board.me("Ada")
        assert view == {"met": [], "speakers": [], "speakers_total": 0, "contact": None}
        assert board.public()["kind"]["pairs"] == 0
        assert board.hosted()["host"]["kind"]["met_nobody"] == 5
    finally:
        board.close()


# ---------- sharing: only the people you met, only while you share ----------


def contacts_seen(room, name):
    return {p["label"]: p.get("contact") for p in room.me(name)["met"]}


def test_only_people_you_met_see_your_contact(room):
    room.confirm_everyone()
    who, met, strangers = room.pick()
    ack = room.att(who, "connect.share", contact="ada@example.org")
    assert ack["ok"] and ack["sharing"] is True and ack["visible_to"] == len(met)
    assert room.me(who)["contact"] == "ada@example.org"
    for name in met:
        assert contacts_seen(room, name)[who] == "ada@example.org"
    for name in strangers:
        assert who not in contacts_seen(room, name)
        assert "ada@example.org" not in json.dumps(room.me(name))
    # Never in the public state (projector, every phone) or the host's.
    assert "ada@example.org" not in json.dumps(room.public())
    assert "ada@example.org" not in json.dumps(room.hosted())
    assert room.public()["kind"]["sharing"] == 1
    assert room.hosted()["host"]["kind"]["sharing"] == 1


def test_edit_replaces_and_stop_removes_everywhere(room):
    room.confirm_everyone()
    who, met, _ = room.pick()
    assert room.att(who, "connect.share", contact="first@example.org")["ok"]
    assert room.att(who, "connect.share", contact="  @ada   on   mastodon ")["ok"]
    for name in met:
        assert contacts_seen(room, name)[who] == "@ada on mastodon"
    rows = db.session.scalars(select(ConnectContact)).all()
    assert [r.contact for r in rows] == ["@ada on mastodon"]
    ack = room.att(who, "connect.stop")
    assert ack["ok"] and ack["sharing"] is False
    assert db.session.scalars(select(ConnectContact)).all() == []  # deleted, not hidden
    for name in NAMES:
        assert "mastodon" not in json.dumps(room.me(name))
    assert room.public()["kind"]["sharing"] == 0
    assert room.att(who, "connect.stop")["ok"]  # stopping twice is harmless


def test_contacts_are_text_and_stored_as_typed(room):
    room.confirm_everyone()
    who, met, _ = room.pick()
    nasty = '<img src=x onerror=alert(1)><script>alert("x")</script>'
    assert room.att(who, "connect.share", contact=nasty)["ok"]
    mate = next(iter(met))
    assert contacts_seen(room, mate)[who] == nasty  # the screens render it with textContent
    assert room.att(who, "connect.share", contact="x" * 120)["ok"]
    assert room.att(who, "connect.share", contact="line one\nline two\ttab")["ok"]
    assert room.me(who)["contact"] == "line one line two tab"
    assert room.att(who, "connect.share", contact="Zoë 🙂 https://zoë.example/ü")["ok"]


@pytest.mark.parametrize(
    "args, error",
    [
        ({"contact": ""}, "cannot be empty"),
        ({"contact": "   \n "}, "cannot be empty"),
        ({"contact": "x" * 121}, "at most 120"),
        ({"contact": "🙂" * 121}, "at most 120"),
        ({"contact": "a\x00b"}, "characters we cannot show"),
        ({"contact": "a\x1bb"}, "characters we cannot show"),
        ({"contact": "a\x7fb"}, "characters we cannot show"),
        ({"contact": "gro.elpmaxe@ada\u202e"}, "characters we cannot show"),
        ({"contact": "\ud800"}, "characters we cannot show"),
        ({"contact": 42}, "must be text"),
        ({"contact": None}, "must be text"),
        ({"contact": ["a"]}, "must be text"),
        ({}, "must be text"),
        ({"contact": "ok", "attendee_id": 1}, "Unexpected field"),
    ],
)
def test_bad_contacts_are_refused_and_change_nothing(room, args, error):
    who, _, _ = room.pick()
    assert room.att(who, "connect.share", contact="kept@example.org")["ok"]
    version = room.event().version
    ack = room.att(who, "connect.share", **args)
    assert ack["ok"] is False and error in ack["error"], ack
    assert room.me(who)["contact"] == "kept@example.org"
    assert room.event().version == version


def test_only_attendees_share_and_only_while_live(room):
    for role in ("host", "display", "stranger"):
        ratelimit.reset()
        ack = commands.run(room.event_id, role, None, "connect.share", {"contact": "h@x.org"})
        assert ack["ok"] is False and ack["code"] == "forbidden", (role, ack)
    who, met, _ = room.pick()
    assert room.att(who, "connect.share", contact="a@b.org")["ok"]
    assert room.host("agenda.goto", segment_id=room.ice_id)["ok"]
    ack = room.att(who, "connect.share", contact="new@b.org")
    assert ack["ok"] is False and ack["code"] == "conflict"
    # Stopping works even when the segment is over (with its id): privacy first.
    assert room.att(who, "connect.stop", segment_id=room.seg_id)["ok"]
    assert db.session.scalars(select(ConnectContact)).all() == []


def test_open_mic_speakers_are_listed(room):
    ev = room.event()
    mics = [s for s in ev.segments if s.kind == "open_mic"]
    now = time.time()
    for i, (name, aid) in enumerate([("Grace", room.person("Grace")), ("Walk-in", None)]):
        db.session.add(
            OpenMicEntry(
                event_id=ev.id,
                segment_id=mics[i].id,
                attendee_id=aid,
                name=name,
                title="Four time zones" if aid else "",
                status="done",
                draw_no=1,
                started_at=now,
                ended_at=now,
            )
        )
    db.session.add(  # in the bowl, never spoke: not listed
        OpenMicEntry(
            event_id=ev.id,
            segment_id=mics[0].id,
            attendee_id=room.person("Alan"),
            name="Alan",
            status="bowl",
        )
    )
    db.session.commit()
    connect.forget()
    ada = room.me("Ada")["speakers"]
    assert [(s["name"], s["title"], s["segment"]) for s in ada] == [
        ("Grace", "Four time zones", mics[0].title),
        ("Walk-in", "", mics[1].title),
    ]
    assert ada[0]["met"] == ("Grace" in room.met()["Ada"])
    assert [s["name"] for s in room.me("Grace")["speakers"]] == ["Walk-in"]  # not herself
    assert room.public()["kind"]["stories"] == 2


# ---------- being grouped is not meeting: both must confirm ----------


def test_grouped_people_see_a_contact_only_once_both_confirmed(room):
    who, met, _ = room.pick()
    mate = sorted(met)[0]
    assert room.att(who, "connect.share", contact="ada@example.org")["ok"]
    assert who not in {p["label"]: 1 for p in room.me(mate)["met"] if "contact" in p}
    assert "ada@example.org" not in json.dumps(room.me(mate))  # grouped, nobody confirmed
    assert room.att(mate, "connect.confirm", attendee_id=room.person(who))["ok"]
    assert "ada@example.org" not in json.dumps(room.me(mate))  # only one side
    row = next(p for p in room.me(who)["met"] if p["label"] == mate)
    assert row["confirmed"] is False and row["confirmed_me"] is True
    ack = room.att(who, "connect.confirm", attendee_id=room.person(mate))
    assert ack["ok"] and ack["met"] is True
    assert contacts_seen(room, mate)[who] == "ada@example.org"
    for other in met - {mate}:  # the others still need their own confirmation
        assert "ada@example.org" not in json.dumps(room.me(other))
    assert room.att(mate, "connect.confirm", attendee_id=room.person(who), met=False)["ok"]
    assert "ada@example.org" not in json.dumps(room.me(mate))


def test_we_found_each_other_in_the_round_counts_on_both_sides(app, event):
    board = Room(app, event, rounds=0)
    try:
        assert board.host("agenda.goto", segment_id=board.ice_id)["ok"]
        db.session.execute(  # only Ada and Grace are in the room
            update(Attendee)
            .where(Attendee.name.not_in(["Ada", "Grace"]))
            .values(last_seen=time.time() - 3600)
        )
        db.session.commit()
        assert board.host("icebreaker.start_round")["groups"] == 1  # one pair
        assert board.att("Ada", "icebreaker.found")["ok"]
        assert board.host("agenda.goto", segment_id=board.seg_id)["ok"]
        assert board.att("Ada", "connect.share", contact="ada@x.org")["ok"]
        assert board.att("Grace", "connect.share", contact="grace@x.org")["ok"]
        assert "grace@x.org" not in json.dumps(board.me("Ada"))  # Grace never tapped
        assert "ada@x.org" not in json.dumps(board.me("Grace"))
        assert board.host("agenda.goto", segment_id=board.ice_id)["ok"]
        assert board.att("Grace", "icebreaker.found")["ok"]
        assert board.host("agenda.goto", segment_id=board.seg_id)["ok"]
        assert contacts_seen(board, "Ada") == {"Grace": "grace@x.org"}
        assert contacts_seen(board, "Grace") == {"Ada": "ada@x.org"}
    finally:
        board.close()


@pytest.mark.parametrize(
    "args, error",
    [
        ({}, "Unknown person"),
        ({"attendee_id": "1"}, "Unknown person"),
        ({"attendee_id": 0}, "Unknown person"),
        ({"attendee_id": 10**12}, "grouped with"),
        ({"attendee_id": 1, "met": "yes"}, "true or false"),
        ({"attendee_id": 1, "contact": "x"}, "Unexpected field"),
    ],
)
def test_bad_confirmations_change_nothing(room, args, error):
    v = room.event().version
    ack = room.att("Ada", "connect.confirm", **args)
    assert ack["ok"] is False and error in ack["error"], ack
    assert room.event().version == v


def test_you_can_only_confirm_someone_you_were_grouped_with(room):
    who, _, strangers = room.pick()
    stranger = sorted(strangers)[0]
    ack = room.att(who, "connect.confirm", attendee_id=room.person(stranger))
    assert ack["ok"] is False and ack["code"] == "not_found"
    assert room.att(who, "connect.confirm", attendee_id=room.person(who))["ok"] is False
    for role in ("host", "display", "stranger"):
        ratelimit.reset()
        ack = commands.run(room.event_id, role, None, "connect.confirm", {"attendee_id": 1})
        assert ack["code"] == "forbidden"


def test_a_removed_attendees_contact_goes_to_nobody(room):
    room.confirm_everyone()
    who, met, _ = room.pick()
    assert room.att(who, "connect.share", contact="spam@example.org")["ok"]
    assert room.host("people.remove", attendee_ids=[room.person(who)])["ok"]
    for name in met:
        assert "spam@example.org" not in json.dumps(room.me(name))
    assert room.public()["kind"]["sharing"] == 0


# ---------- over Socket.IO: who is sent what ----------


def test_socket_share_reaches_only_the_people_met(app, event, host, sio):
    board = Room(app, event)
    try:
        board.confirm_everyone()
        who, met, strangers = board.pick()
        ids = dict(board.people)
    finally:
        board.close()
    socks = {}
    for name in NAMES:
        c = app.test_client()
        with c.session_transaction() as sess:
            with app.app_context():
                token = db.session.get(Attendee, ids[name]).token
            sess["attendees"] = {str(event["id"]): token}
        socks[name] = sio(c, "attendee")
    display, h = sio(role="display"), sio(host, "host")
    for s in [*socks.values(), display, h]:
        s.get_received()
    ack = command(socks[who], "connect.share", {"contact": "@ada"}, cid="c-1")
    assert ack["ok"]
    again = command(socks[who], "connect.share", {"contact": "@ada"}, cid="c-1")
    assert again["duplicate"] is True  # the outbox resends: applied once
    got = {n: s.get_received() for n, s in socks.items()}
    for name in met:
        me = last(got[name], "me")
        assert {p["label"]: p.get("contact") for p in me["kind"]["met"]}[who] == "@ada"
    for name in strangers:
        assert last(got[name], "me") is None  # not even sent a new personal view
        assert "@ada" not in json.dumps(got[name])
    assert last(got[who], "me")["kind"]["contact"] == "@ada"
    public = display.get_received()
    assert last(public, "state")["kind"]["sharing"] == 1 and "@ada" not in json.dumps(public)
    hosted = h.get_received()
    assert last(hosted, "state")["host"]["kind"]["sharing"] == 1
    assert "@ada" not in json.dumps(hosted)
    # A display or the host cannot share.
    for s in (display, h):
        ack = command(s, "connect.share", {"contact": "x@y.org"})
        assert ack["ok"] is False and ack["code"] == "forbidden"
    # Stop: every phone that had it gets a view without it.
    assert command(socks[who], "connect.stop", {}, cid="c-2")["ok"]
    for name in met:
        me = last(socks[name].get_received(), "me")
        assert "@ada" not in json.dumps(me)


def test_an_attendee_of_another_event_sees_nothing(app, event, sio):
    board = Room(app, event)
    try:
        who, _, _ = board.pick()
        assert board.att(who, "connect.share", contact="secret@example.org")["ok"]
        other = create_event("Other Social", "mlc-social")
        stranger = join(other, "Mallory")
        db.session.commit()
        other_id, token = other.id, stranger.token
    finally:
        board.close()
    c = app.test_client()
    with c.session_transaction() as sess:
        sess["attendees"] = {str(other_id): token}
    s = sio(c, "attendee")  # an identity of the other event is no attendee here
    assert not s.is_connected()
    d = sio(c, "display")  # the public screen: numbers only
    assert "secret@example.org" not in json.dumps(d.get_received())
    with app.test_request_context():  # and the other event's views know nothing of it
        other = db.session.get(type(find_event(event["code"])), other_id)
        mallory = db.session.get(Attendee, stranger.id)
        view = connect.personal_view(state.Ctx(other, None, time.time()), mallory)
        assert view["met"] == [] and view["contact"] is None


# ---------- big rooms: numbers on the projector are batched ----------


def test_big_rooms_batch_the_sharing_count(room, app, monkeypatch):
    """Shares in a burst send the projector's sharing count a few times, not once each
    (socialapp.broadcast batches them; the kind keeps no flag of its own)."""
    sent = []
    monkeypatch.setattr(broadcast.socketio, "emit", lambda *a, **k: sent.append((a, k)))
    app.config["BROADCAST_SECONDS"] = 30
    broadcast.batches().sent_at.clear()
    for name in NAMES:
        assert room.att(name, "connect.share", contact=f"{name}@b.org")["ok"]
    public_room = broadcast.room_public(room.event_id)
    public = [a[1] for a, k in sent if a[0] == "state" and k.get("to") == public_room]
    assert len(public) == 1  # the first share, at once
    assert broadcast.flush() == 1
    public = [a[1] for a, k in sent if a[0] == "state" and k.get("to") == public_room]
    assert len(public) == 2 and public[-1]["kind"]["sharing"] == len(NAMES)
    assert broadcast.flush() == 0  # sent once


# ---------- cost: 2,000 phones ----------


def test_personal_views_for_two_thousand_are_cheap(app):
    with app.test_request_context():
        ev = create_event("Big Social", "mlc-social")
        seg = next(s for s in ev.segments if s.kind == "connect")
        ice = next(s for s in ev.segments if s.kind == "icebreaker")
        now = time.time()
        db.session.execute(
            insert(Attendee),
            [
                {
                    "event_id": ev.id,
                    "token": f"t{i}",
                    "name": f"P{i}",
                    "name_no": 1,
                    "created_at": now,
                    "last_seen": now,
                }
                for i in range(2000)
            ],
        )
        ids = list(db.session.scalars(select(Attendee.id).where(Attendee.event_id == ev.id)))
        rounds = []
        for n in range(5):
            r = IcebreakerRound(event_id=ev.id, segment_id=ice.id, number=n + 1, prompt=f"Q{n}")
            db.session.add(r)
            rounds.append(r)
        db.session.flush()
        rng = random.Random(1)
        pairs = {}
        for r in rounds:  # five rounds of pairs
            order = ids[:]
            rng.shuffle(order)
            for a, b in zip(order[::2], order[1::2], strict=True):
                pairs.setdefault(frozenset((a, b)), r.id)
        db.session.execute(
            insert(IcebreakerPair),
            [
                {"event_id": ev.id, "a": min(p), "b": max(p), "round_id": rid, "met_at": now}
                for p, rid in pairs.items()
            ],
        )
        db.session.add_all(
            ConnectContact(event_id=ev.id, attendee_id=i, contact=f"p{i}@x.org", updated_at=now)
            for i in ids[::2]
        )
        ev.live_segment_id = seg.id
        seg.status = "live"
        db.session.commit()
        connect.forget()
        people = db.session.scalars(select(Attendee).where(Attendee.event_id == ev.id)).all()
        t0 = time.perf_counter()
        views = [state.personal_state(ev, a, now) for a in people]
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        for a in people:
            state.personal_state(ev, a, now)
        warm = time.perf_counter() - t0
        assert sum(len(v["kind"]["met"]) for v in views) == 2 * len(pairs)
        print(f"\n2,000 personal views: {first * 1000:.0f} ms cold, {warm * 1000:.0f} ms warm")
        assert first < 5 and warm < 3
