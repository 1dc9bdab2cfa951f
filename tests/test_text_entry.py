"""Everywhere text enters (names, notes, titles, questions, contact lines, theme names,
instructions, filter words, the host's forms), the one plain-text policy applies: a spoof is
refused with a readable error and changes nothing; a name in any script is kept, in NFC."""

import re

import pytest

from socialapp import commands, ratelimit
from socialapp.errors import CommandError
from socialapp.events import find_event, join
from socialapp.extensions import db
from socialapp.kinds import wall
from socialapp.kinds.connect.models import ConnectContact
from socialapp.kinds.open_mic.models import OpenMicEntry
from socialapp.kinds.wall.models import WallNote, WallTheme
from socialapp.models import (
    Attendee,
    Event,
    Segment,
)
from tests.room import Room

SPOOFS = ["Ali\u200bce", "Ali\u3164ce", "\u115f\u1160", "Al\u202eice", "Al\x00ice", "A\U000e0041"]
# Typed decomposed where that exists: stored composed (NFC).
REAL = [
    ("Zoe\u0308 Ðặng", "Zoë Ðặng"),
    ("فاطمه‌زهرا", "فاطمه‌زهرا"),
    ("श्री राम", "श्री राम"),
    ("👩🏾‍💻 🏳️‍🌈", "👩🏾‍💻 🏳️‍🌈"),
    ("สมชาย", "สมชาย"),
    ("김민준", "김민준"),
]


@pytest.fixture
def room(app, event):
    r = Room(app, event)
    yield r
    r.close()


def segment(room, kind):
    return db.session.get(Segment, room.segment_of(kind))


def go(room, kind):
    assert room.host("agenda.goto", segment_id=room.segment_of(kind))["ok"]


def rows(model, column):
    db.session.expire_all()
    return list(db.session.scalars(db.select(column)))


def host_sends(room, name, args):
    """A host command with any args (Room.host's keywords cannot hold a `name`)."""
    ratelimit.reset()
    return commands.run(room.event_id, "host", None, name, args)


def joined(room, value):
    try:
        join(find_event(room.code), value)
    except CommandError as exc:
        db.session.rollback()
        return {"ok": False, "error": exc.message}
    return {"ok": True}


# (what, how to send a value, where it is stored)
ENTRIES = {
    "attendee name": (joined, lambda r: rows(Attendee, Attendee.name)),
    "segment title": (
        lambda r, v: r.host("agenda.add", kind="info", title=v, minutes=5),
        lambda r: rows(Segment, Segment.title),
    ),
    "instructions": (
        lambda r, v: r.host("agenda.add", kind="info", title="t", minutes=5, instructions=v),
        lambda r: rows(Segment, Segment.instructions),
    ),
    "prompt question": (
        lambda r, v: r.host(
            "agenda.update", segment_id=r.segment_of("icebreaker"), settings={"prompts": [v]}
        ),
        lambda r: segment(r, "icebreaker").settings["prompts"],
    ),
    "open-mic theme": (
        lambda r, v: r.host(
            "agenda.update", segment_id=r.segment_of("open_mic"), settings={"theme": v}
        ),
        lambda r: [segment(r, "open_mic").settings["theme"]],
    ),
    "story title": (
        lambda r, v: (go(r, "open_mic"), r.att(r.who, "open_mic.enter", title=v))[1],
        lambda r: rows(OpenMicEntry, OpenMicEntry.title),
    ),
    "name typed by the host": (
        lambda r, v: (go(r, "open_mic"), host_sends(r, "open_mic.add", {"name": v}))[1],
        lambda r: rows(OpenMicEntry, OpenMicEntry.name),
    ),
    "wall note": (
        lambda r, v: (go(r, "wall"), r.att(r.who, "wall.note_add", text=v, cid="c1"))[1],
        lambda r: rows(WallNote, WallNote.text),
    ),
    "theme name": (
        lambda r, v: (go(r, "wall"), r.host("wall.theme_add", title=v))[1],
        lambda r: rows(WallTheme, WallTheme.title),
    ),
    "filter word": (
        lambda r, v: (go(r, "wall"), r.host("wall.words", words=[v]))[1],
        lambda r: wall.board_of(segment(r, "wall")).words,
    ),
    "contact line": (
        lambda r, v: (go(r, "connect"), r.att(r.who, "connect.share", contact=v))[1],
        lambda r: rows(ConnectContact, ConnectContact.contact),
    ),
}


@pytest.mark.parametrize("where", ENTRIES)
def test_spoofs_are_refused_everywhere(room, where):
    send, stored = ENTRIES[where]
    room.who = "Ada"
    room.person("Ada")
    before = stored(room)
    for spoof in SPOOFS:
        ack = send(room, spoof)
        assert ack["ok"] is False and "cannot show" in ack["error"], (where, spoof, ack)
        assert "U+" in ack["error"]  # it says which character
        assert stored(room) == before


@pytest.mark.parametrize("where", ENTRIES)
def test_names_in_every_script_are_kept_everywhere(room, where):
    send, stored = ENTRIES[where]
    for i, (typed, kept) in enumerate(REAL):
        room.who = f"Person {i}"
        ack = send(room, typed)
        assert ack["ok"], (where, typed, ack)
        assert (kept.lower() if where == "filter word" else kept) in stored(room), where


# ---------- the forms ----------


def test_join_form_refuses_a_spoofed_name(client, app, event):
    r = client.post(f"/j/{event['code']}", data={"name": "Ali\u200bce"})
    assert r.status_code == 400
    assert "zero-width space" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Attendee).count() == 0
    r = client.post(f"/j/{event['code']}", data={"name": "  Zoe\u0308  "})
    assert r.status_code == 302
    with app.app_context():
        assert [a.name for a in db.session.query(Attendee)] == ["Zoë"]


def test_event_form_refuses_a_blank_lookalike(client, app):
    r = client.post("/", data={"name": "\u3164", "template": "mlc-social"})
    assert r.status_code == 200 and "blank character" in r.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Event).count() == 0


def test_host_segment_form_refuses_spoofs(host, app, event):
    url = f"/e/{event['code']}/host/segments"
    with app.app_context():
        count = db.session.query(Segment).count()
    for field, value in [("new-title", "Ali\u200bce"), ("new-instructions", "a\x00b")]:
        data = {"new-kind": "info", "new-title": "Fine", "new-minutes": "5", field: value}
        page = host.post(url, data=data, follow_redirects=True).get_data(as_text=True)
        assert re.search("Not saved.*cannot show", page), field
    with app.app_context():
        assert db.session.query(Segment).count() == count
    host.post(url, data={"new-kind": "info", "new-title": "Cafe\u0301", "new-minutes": "5"})
    with app.app_context():
        assert db.session.query(Segment).count() == count + 1
        assert db.session.query(Segment).order_by(Segment.id.desc()).first().title == "Café"
