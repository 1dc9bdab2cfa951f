"""The open mic's talk-queue mode (issue 14): sign-up with a title and a one-line pitch,
first-come or drawn order, slots of 3 to 10 minutes, and "I'm interested / I can help",
which stay connected treats like people met (contacts only once both confirmed)."""

import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from socialapp import commands
from socialapp.errors import CommandError
from socialapp.extensions import db
from socialapp.kinds import connect
from socialapp.kinds.open_mic import clean_settings
from socialapp.kinds.open_mic.models import OpenMicEntry, OpenMicInterest
from socialapp.models import Attendee
from tests.room import Room

JAM = ["Ada", "Grace", "Alan", "Barbara"]


class Jam(Room):
    def __init__(self, app, event, order="first_come", minutes=5, seed=1):
        super().__init__(app, event, kind="open_mic", seed=seed)
        setup = dict(mode="talk_queue", order=order, speaker_minutes=minutes)
        assert self.host("open_mic.setup", **setup)["ok"]

    def sign_up(self, who, title, pitch=""):
        ack = self.att(who, "open_mic.enter", title=title, pitch=pitch)
        assert ack["ok"], ack
        return ack["entry_id"]

    def order(self):
        return [e["name"] for e in self.public()["order"]]


@pytest.fixture
def jam(app, event):
    room = Jam(app, event)
    yield room
    room.close()


def test_modes_and_slot_minutes_are_settings():
    assert "mode" not in clean_settings({}) and "order" not in clean_settings({})  # open, drawn
    talks = clean_settings({"mode": "talk_queue"})
    assert talks["speaker_minutes"] == 5 and "order" not in talks
    assert clean_settings({"order": "first_come"})["order"] == "first_come"
    assert clean_settings({"mode": "talk_queue", "speaker_minutes": 10})["speaker_minutes"] == 10
    assert clean_settings({"speaker_minutes": 2})["speaker_minutes"] == 2  # open mic: 1..60
    for minutes in (2, 11):
        with pytest.raises(CommandError, match="between 3 and 10 minutes"):
            clean_settings({"mode": "talk_queue", "speaker_minutes": minutes})
    for bad in ({"mode": "karaoke"}, {"order": "alphabetical"}, {"mode": ["talk_queue"]}):
        with pytest.raises(CommandError):
            clean_settings(bad)


def test_first_come_order_is_sign_up_order(jam):
    ids = [jam.sign_up(n, f"Talk of {n}", pitch=f"plot {i}") for i, n in enumerate(JAM)]
    assert jam.order() == JAM and jam.public()["in_bowl"] == 0
    first = jam.public()["order"][0]
    assert (first["title"], first["pitch"]) == ("Talk of Ada", "plot 0")
    assert jam.me("Ada")["entry"]["position"] == 1  # on deck
    assert jam.me("Barbara")["entry"]["position"] == 4
    assert jam.att("Grace", "open_mic.withdraw")["ok"]  # leaving the queue
    assert jam.order() == ["Ada", "Alan", "Barbara"]
    assert jam.me("Alan")["entry"]["position"] == 2
    ack = jam.host("open_mic.next", start=True)
    assert ack["ok"] and ack["speaker"]["id"] == ids[0]
    pub = jam.public()
    assert pub["speaker"]["name"] == "Ada" and pub["timer"]["duration"] == 300
    assert pub["timer_label"] == "Talk time" and pub["mode"] == "talk_queue"
    assert jam.me("Ada")["entry"]["status"] == "speaking"  # "you're up"


def test_drawn_order_uses_the_fair_draw(app, event):
    room = Jam(app, event, order="drawn", seed=7)
    try:
        for n in JAM:
            room.sign_up(n, f"Talk of {n}")
        assert room.order() == [] and room.public()["in_bowl"] == 4
        ack = room.host("open_mic.draw", count=4)
        assert ack["ok"] and sorted(d["name"] for d in ack["drawn"]) == sorted(JAM)
        assert room.order() == [d["name"] for d in ack["drawn"]]
    finally:
        room.close()


def test_the_draw_is_fair_over_many_runs():
    """The talk queue draws with the open mic's bowl: each talk first equally often."""
    import random

    from socialapp.core import bowl

    class E:
        def __init__(self, i):
            self.id = i

    rng = random.Random(5)
    firsts = Counter(bowl.draw([E(i) for i in range(4)], 4, rng)[0].id for _ in range(4000))
    assert all(900 < firsts[i] < 1100 for i in range(4))


def test_switching_to_first_come_queues_the_bowl_in_sign_up_order(app, event):
    room = Jam(app, event, order="drawn")
    try:
        for n in JAM:
            room.sign_up(n, f"Talk of {n}")
        assert room.host("open_mic.setup", order="first_come")["ok"]
        assert room.order() == JAM and room.public()["order_by"] == "first_come"
    finally:
        room.close()


def test_slot_minutes_set_by_the_host_apply_to_the_next_talk(jam):
    jam.sign_up("Ada", "A")
    jam.sign_up("Grace", "G")
    assert jam.host("open_mic.setup", speaker_minutes=8)["ok"]
    assert jam.host("open_mic.next")["ok"]
    assert jam.public()["timer"]["duration"] == 480
    before = jam.event().version
    ack = jam.host("open_mic.setup", speaker_minutes=12)
    assert not ack["ok"] and "between 3 and 10" in ack["error"]
    assert jam.event().version == before  # nothing changed
    assert jam.public()["speaker_minutes"] == 8


@pytest.mark.parametrize(
    "args, error",
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 81}, "title"),
        ({"title": "Plots", "pitch": "y" * 121}, "pitch"),
        ({"title": "Plots", "pitch": "a\u202eb"}, "characters"),
        ({"title": "Plots", "pitch": 7}, "pitch"),
    ],
)
def test_bad_sign_ups_are_refused_and_change_nothing(jam, args, error):
    jam.person("Ada")  # joining changes the event
    before = jam.event().version
    ack = jam.att("Ada", "open_mic.enter", **args)
    assert not ack["ok"] and error in ack["error"].lower(), ack
    assert jam.event().version == before and jam.me("Ada")["entry"] is None


def test_an_open_mic_takes_no_pitch(app, event):
    room = Room(app, event, kind="open_mic")
    try:
        ack = room.att("Ada", "open_mic.enter", title="Story", pitch="a plot")
        assert not ack["ok"] and "no pitch" in ack["error"]
        assert room.att("Ada", "open_mic.enter", title="Story")["ok"]
        assert room.public()["mode"] == "open_mic" and "heard" not in room.public()
    finally:
        room.close()


# ---------- "I'm interested / I can help" ----------


def give_talk(jam, who, title, pitch=""):
    entry = jam.sign_up(who, title, pitch)
    assert jam.host("open_mic.next", start=True)["ok"]
    return entry


def test_the_pitcher_sees_who_can_help_names_only(jam):
    talk = give_talk(jam, "Ada", "Sparse probes", "attention entropy per layer")
    assert jam.att("Grace", "open_mic.help", entry_id=talk)["ok"]  # during the pitch
    assert jam.att("Alan", "open_mic.help", entry_id=talk)["ok"]
    assert jam.att("Alan", "open_mic.help", entry_id=talk)["ok"]  # twice is once
    assert jam.me("Ada")["helpers"] == ["Grace", "Alan"]
    assert jam.me("Grace")["helping"] == [talk] and jam.me("Grace")["helpers"] == []
    assert "Grace" not in json.dumps(jam.public()) and "Grace" not in json.dumps(jam.hosted())
    assert jam.att("Alan", "open_mic.help", entry_id=talk, on=False)["ok"]
    assert jam.me("Ada")["helpers"] == ["Grace"] and jam.me("Alan")["helping"] == []
    assert jam.host("open_mic.end")["ok"]  # after the pitch, still possible
    assert [h["id"] for h in jam.public()["heard"]] == [talk]
    assert jam.att("Barbara", "open_mic.help", entry_id=talk)["ok"]
    assert jam.me("Ada")["helpers"] == ["Grace", "Barbara"]


@pytest.mark.parametrize(
    "who, args, error",
    [
        ("Ada", {}, "own talk"),
        ("Grace", {"entry_id": 999999}, "unknown entry"),
        ("Grace", {"entry_id": "x"}, "entry"),
        ("Grace", {"on": "yes"}, "on"),
        ("Grace", {"attendee_id": 1}, "attendee"),  # phones act on themselves only
    ],
)
def test_bad_help_taps_change_nothing(jam, who, args, error):
    talk = give_talk(jam, "Ada", "Sparse probes")
    jam.person("Grace")  # joining changes the event
    before = jam.event().version
    ack = jam.att(who, "open_mic.help", **({"entry_id": talk} | args))
    assert not ack["ok"] and error in ack["error"].lower(), ack
    assert jam.event().version == before and jam.me("Ada")["helpers"] == []


def test_help_only_once_a_talk_started_and_not_for_talks_added_by_hand(jam):
    waiting = jam.sign_up("Ada", "Later")
    ack = jam.att("Grace", "open_mic.help", entry_id=waiting)
    assert not ack["ok"] and "started" in ack["error"]
    walk_in = {"name": "Walk-in", "title": "No phone"}
    by_hand = commands.run(jam.event_id, "host", None, "open_mic.add", walk_in)["entry_id"]
    assert jam.host("open_mic.next")["ok"] and jam.host("open_mic.next")["ok"]
    ack = jam.att("Grace", "open_mic.help", entry_id=by_hand)
    assert not ack["ok"] and "by hand" in ack["error"]


def test_help_in_an_open_mic_is_refused(app, event):
    room = Room(app, event, kind="open_mic")
    try:
        entry = room.att("Ada", "open_mic.enter", title="Story")["entry_id"]
        assert room.host("open_mic.draw")["ok"] and room.host("open_mic.next")["ok"]
        ack = room.att("Grace", "open_mic.help", entry_id=entry)
        assert not ack["ok"] and "no talk queue" in ack["error"]
    finally:
        room.close()


def test_i_can_help_reaches_stay_connected_contacts_after_both_confirm(jam):
    talk = give_talk(jam, "Ada", "Sparse probes")
    assert jam.att("Grace", "open_mic.help", entry_id=talk)["ok"]
    assert jam.host("agenda.goto", segment_id=jam.segment_of("connect"))["ok"]
    connect.forget()
    mic = next(s for s in jam.event().segments if s.id == jam.segment_id)
    ada = jam.me("Ada")["met"]
    assert [(p["label"], p["where"], p["prompt"]) for p in ada] == [
        ("Grace", f"{mic.title} · “I can help”", "Sparse probes")
    ]
    assert jam.att("Ada", "connect.share", contact="ada@example.org")["ok"]
    assert jam.att("Grace", "connect.share", contact="@grace")["ok"]
    assert jam.att("Alan", "connect.share", contact="alan@example.org")["ok"]
    assert "ada@example.org" not in json.dumps(jam.me("Grace"))  # nobody confirmed
    ack = jam.att("Grace", "connect.confirm", attendee_id=jam.person("Ada"))
    assert ack["ok"]
    assert "ada@example.org" not in json.dumps(jam.me("Grace"))  # one side only
    assert "@grace" not in json.dumps(jam.me("Ada"))
    assert jam.att("Ada", "connect.confirm", attendee_id=jam.person("Grace"))["ok"]
    assert "ada@example.org" in json.dumps(jam.me("Grace"))
    assert "@grace" in json.dumps(jam.me("Ada"))
    assert "alan@example.org" not in json.dumps(jam.me("Ada"))  # never tapped
    ack = jam.att("Alan", "connect.confirm", attendee_id=jam.person("Ada"))
    assert not ack["ok"]  # nobody can confirm someone they never met or helped


def test_removed_people_leave_a_first_come_queue(jam):
    for n in JAM:
        jam.sign_up(n, f"Talk of {n}")
    ack = jam.host("people.remove", attendee_ids=[jam.person("Grace")])
    assert ack["ok"] and ack["removed"] == 1
    assert jam.order() == ["Ada", "Alan", "Barbara"]
    assert jam.me("Barbara")["entry"]["position"] == 3


def test_a_removed_helper_leaves_the_pitchers_list(jam):
    talk = give_talk(jam, "Ada", "Sparse probes")
    for n in ("Grace", "Alan"):
        assert jam.att(n, "open_mic.help", entry_id=talk)["ok"]
    assert jam.host("people.remove", attendee_ids=[jam.person("Alan")])["ok"]
    assert jam.me("Ada")["helpers"] == ["Grace"]


def test_met_in_a_round_and_by_i_can_help_is_listed_once(app, event):
    from tests.test_connect import Room as Social

    room = Social(app, event)
    try:
        who, met, _ = room.pick()
        mate = sorted(met)[0]
        mic = room.segment_of("open_mic")
        assert room.host("agenda.goto", segment_id=mic)["ok"]
        assert room.host("open_mic.setup", mode="talk_queue", order="first_come")["ok"]
        talk = room.att(who, "open_mic.enter", title="Plots")["entry_id"]
        assert room.host("open_mic.next")["ok"]
        assert room.att(mate, "open_mic.help", entry_id=talk)["ok"]
        assert room.host("agenda.goto", segment_id=room.seg_id)["ok"]
        listed = [p["label"] for p in room.me(who)["met"]]
        assert sorted(listed) == sorted(met) and listed.count(mate) == 1
        assert room.me(who)["met"][listed.index(mate)]["round"] is not None  # the round
    finally:
        room.close()


# ---------- a rule that must always hold ----------

STEPS = st.lists(
    st.tuples(st.sampled_from(["enter", "withdraw", "next", "help"]), st.sampled_from(JAM)),
    max_size=14,
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=STEPS)
def test_first_come_order_is_always_sign_up_order(jam, steps):
    """Whatever the phones and the host do, the running order is the waiting sign-ups in the
    order they came, each phone's position says its place, and "I can help" never changes
    the order."""
    db.session.execute(delete(OpenMicInterest))  # a fresh queue for each example
    db.session.execute(delete(OpenMicEntry))
    db.session.commit()
    came = []
    for op, who in steps:
        if op == "enter":
            if jam.att(who, "open_mic.enter", title=f"Talk of {who}")["ok"]:
                came.append(who)
        elif op == "withdraw":
            jam.att(who, "open_mic.withdraw")
        elif op == "next":
            jam.host("open_mic.next")
        else:
            speaker = jam.public()["speaker"]
            if speaker:
                jam.att(who, "open_mic.help", entry_id=speaker["id"])
        mine = {n: jam.me(n)["entry"] for n in JAM}
        waiting = [n for n in came if mine[n] and mine[n]["status"] == "drawn"]
        assert jam.order() == waiting
        assert [mine[n]["position"] for n in waiting] == list(range(1, len(waiting) + 1))
        came = [n for n in came if mine[n]]  # withdrawn ones may sign up again, at the end


def test_after_the_event_the_pitcher_finds_who_could_help(app, event, phone, host):
    phones = {n: phone(n) for n in ("Ada", "Grace <b>")}
    room = Jam(app, event)
    try:
        room.people = {a.name: a.id for a in db.session.query(Attendee)}  # the phones' people
        talk = give_talk(room, "Ada", "Sparse <i>probes</i>")
        assert room.att("Grace <b>", "open_mic.help", entry_id=talk)["ok"]
    finally:
        room.close()
    host.post(f"/e/{event['code']}/host/end")
    text = phones["Ada"].get(f"/j/{event['code']}").data.decode()
    assert "Grace &lt;b&gt;" in text and "“I can help”" in text and "Round None" not in text
    assert "Sparse &lt;i&gt;probes&lt;/i&gt;" in text
