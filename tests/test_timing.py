"""Time's up, seen coming (socialapp/timing.py): the projector's sound is off by default, the
host sets when timers turn amber, and a private "wrap up" reaches the phone of whoever speaks
now, as the live kind names them (open mic, a questions hand-raise speaker), nobody else's."""

import pytest

from socialapp import commands, state
from socialapp.extensions import db
from socialapp.models import Attendee
from tests.room import Room


@pytest.fixture
def room(app, event):
    board = Room(app, event, kind="open_mic")
    yield board
    board.close()


def personal(room, who):
    ev = room.event()
    return state.personal_state(ev, db.session.get(Attendee, room.person(who)))


def on_stage(room, who):
    """who puts their name in, is drawn, called up and starts speaking."""
    assert room.att(who, "open_mic.enter", title="My story")["ok"]
    assert room.host("open_mic.draw")["ok"]
    assert room.host("open_mic.next")["ok"]
    assert room.host("open_mic.start")["ok"]


def test_sound_is_off_and_the_warning_is_a_minute_by_default(room):
    pub = state.public_state(room.event())
    assert pub["event"]["chime"] is False and pub["event"]["warn"] == 60


def test_the_host_sets_the_warning(room):
    assert room.host("event.warning", warn_seconds=30)["ok"]
    assert state.public_state(room.event())["event"]["warn"] == 30
    assert room.host("event.warning", warn_seconds=0)["ok"]  # never amber
    for bad in (-1, 601, "soon", None, True):
        ack = room.host("event.warning", warn_seconds=bad)
        assert not ack["ok"], bad
    assert state.public_state(room.event())["event"]["warn"] == 0
    assert not room.att("Ada", "event.warning", warn_seconds=10)["ok"]  # only hosts


def test_wrap_up_goes_to_the_open_mic_speaker_only(room):
    room.person("Bob")
    assert room.host("event.wrap_up")["code"] == "conflict"  # nobody speaks yet
    on_stage(room, "Ada")
    host = state.host_state(room.event())["host"]["timing"]
    assert host["speaker"]["label"] == "Ada" and host["wrap_up_at"] is None
    ack = room.host("event.wrap_up")
    assert ack["ok"] and ack["to"] == "Ada"
    mine = personal(room, "Ada")["wrap_up"]
    assert mine["text"] == "Please wrap up" and mine["at"] > 0
    assert personal(room, "Bob")["wrap_up"] is None
    assert state.host_state(room.event())["host"]["timing"]["wrap_up_at"] == mine["at"]
    assert not room.att("Bob", "event.wrap_up")["ok"]  # a phone cannot send one
    # The talk ends: nobody to wrap up; the next segment forgets it.
    assert room.host("open_mic.end")["ok"]
    assert state.host_state(room.event())["host"]["timing"]["speaker"] is None
    assert room.host("event.wrap_up")["code"] == "conflict"
    assert room.host("agenda.next")["ok"]
    assert personal(room, "Ada")["wrap_up"] is None


def test_a_name_added_by_hand_has_no_phone_to_wrap_up(room):
    add = commands.run(room.event_id, "host", None, "open_mic.add", {"name": "Grace"})
    assert add["ok"]
    assert room.host("open_mic.draw")["ok"]
    assert room.host("open_mic.next")["ok"]
    assert state.host_state(room.event())["host"]["timing"]["speaker"] is None
    ack = room.host("event.wrap_up")
    assert not ack["ok"] and "Nobody with a phone" in ack["error"]


def test_wrap_up_reaches_a_questions_hand_raise_speaker(room):
    ack = room.host("agenda.add", kind="questions", title="Questions", minutes=10)
    assert ack["ok"]
    seg = next(s.id for s in room.event().segments if s.kind == "questions")
    assert room.host("agenda.goto", segment_id=seg)["ok"]
    assert room.host("questions.options", hands=True)["ok"]
    assert room.att("Cy", "questions.hand")["ok"]
    assert room.host("questions.call")["ok"]
    ack = room.host("event.wrap_up", text="Last question please")
    assert ack["ok"] and ack["to"] == "Cy"
    assert personal(room, "Cy")["wrap_up"]["text"] == "Last question please"
