"""Heartbeats are noted in memory and written in bulk (socialapp.presence): by the next write on
the event (so a command sees them) or by the sweeper; never lost, never backwards, no version
bump, nothing sent."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialapp import broadcast, commands, people, presence, sweeper
from socialapp.events import find_event, join
from socialapp.extensions import db
from socialapp.models import Attendee, Event
from tests.conftest import join as join_http


@pytest.fixture
def sent(monkeypatch):
    out = []
    monkeypatch.setattr(
        broadcast.socketio, "emit", lambda name, data=None, **k: out.append((name, data))
    )
    return out


def seen(attendee_id):
    db.session.expire_all()
    return db.session.get(Attendee, attendee_id).last_seen


def version(event_id):
    db.session.expire_all()
    return db.session.get(Event, event_id).version


def test_a_heartbeat_is_written_by_the_sweeper_without_a_version_or_a_send(app, event, ctx, sent):
    ada = join(find_event(event["code"]), "Ada")
    before, v = seen(ada.id), version(event["id"])
    presence.note(event["id"], ada.id, before + 30)
    assert seen(ada.id) == before  # noted, not written
    sent.clear()
    sweeper.save_presence()
    assert seen(ada.id) == before + 30
    assert version(event["id"]) == v and sent == []
    assert presence.pending_events() == []


def test_the_next_command_on_the_event_writes_the_heartbeats_it_follows(app, event, ctx):
    ada, bob = (join(find_event(event["code"]), n) for n in ("Ada", "Bob"))
    t = time.time() + 40
    presence.note(event["id"], ada.id, t)
    presence.note(event["id"], bob.id, t + 1)
    assert commands.run(event["id"], "host", None, "agenda.start", {})["ok"]
    assert seen(ada.id) == t and seen(bob.id) == t + 1
    assert presence.pending_events() == []


def test_a_refused_command_keeps_the_heartbeats_for_the_next_write(app, event, ctx):
    ada = join(find_event(event["code"]), "Ada")
    before = seen(ada.id)
    presence.note(event["id"], ada.id, before + 50)
    refused = commands.run(event["id"], "host", None, "agenda.extend", {"seconds": 10})
    assert not refused["ok"]  # nothing is live: nothing changed, the heartbeat rolled back
    assert seen(ada.id) == before
    sweeper.save_presence()
    assert seen(ada.id) == before + 50


def test_a_heartbeat_never_moves_last_seen_backwards(app, event, ctx):
    ada = join(find_event(event["code"]), "Ada")
    presence.note(event["id"], ada.id, seen(ada.id) + 100)
    sweeper.save_presence()
    newest = seen(ada.id)
    presence.note(event["id"], ada.id, newest - 60)  # late, older news
    sweeper.save_presence()
    assert seen(ada.id) == newest


def test_the_phones_here_message_reaches_the_database(app, event, sio):
    s = sio(join_http(app, event["code"], "Ada"), "attendee")
    with app.test_request_context():
        ada = db.session.scalar(db.select(Attendee).where(Attendee.name == "Ada"))
        before = ada.last_seen
    time.sleep(0.01)
    assert s.emit("here", {}, callback=True) == {"ok": True}
    with app.test_request_context():
        assert seen(ada.id) == before  # in memory until the next write
        sweeper.save_presence()
        assert seen(ada.id) > before
        db.session.remove()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    offsets=st.lists(st.floats(-20 * 60, 3 * 60, allow_nan=False), max_size=30),
    now_seconds=st.floats(0, 59.99),
)
def test_joins_per_minute_from_the_database_equal_the_pure_count(app, event, offsets, now_seconds):
    now = 1_000_000 * 60 + now_seconds
    with app.test_request_context():
        ev = db.session.get(Event, event["id"])
        db.session.query(Attendee).filter_by(event_id=ev.id).delete()
        times = [now + o for o in offsets]
        db.session.add_all(
            Attendee(event_id=ev.id, name=f"P{i}", token=f"tok{i}", created_at=t, last_seen=t)
            for i, t in enumerate(times)
        )
        db.session.commit()
        assert people.joins_per_minute(ev, now) == people.per_minute(times, now)
        db.session.remove()
