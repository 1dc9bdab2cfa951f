"""Two installs sharing one Redis (each with its own PostgreSQL database) never see each other's
messages: not the projector's state, not a host's, not a phone's personal state with its
contact line. Both installs' first event is row 1 and their first attendee is row 1, so bare
room names would collide."""

import json
import time
import uuid

import pytest

from tests.cluster import PG, services_up
from tests.conftest import LiveServer, free_port
from tests.netclient import Person

pytestmark = [pytest.mark.scale, pytest.mark.server]


@pytest.fixture
def pg_databases():
    """Factory: a new PostgreSQL database per call, dropped at the end."""
    import psycopg2

    if not services_up():
        pytest.skip("PostgreSQL and Redis are not running here")
    admin = psycopg2.connect(PG + "test")
    admin.autocommit = True
    made = []

    def make():
        name = "socialapp_" + uuid.uuid4().hex[:10]
        admin.cursor().execute(f"CREATE DATABASE {name}")
        made.append(name)
        return PG + name

    yield make
    for name in made:
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


def install(tmp_path, name, database, channel=""):
    """One install: its own database, instance folder and secret; the shared Redis. An empty
    channel leaves it to the app (the default a host gets)."""
    instance = tmp_path / name
    instance.mkdir()
    env = {
        "SOCIALAPP_DATABASE_URL": database,
        "SOCIALAPP_MESSAGE_QUEUE": "redis://127.0.0.1:6379/0",
        "SOCIALAPP_MESSAGE_QUEUE_CHANNEL": channel,
        "SOCIALAPP_INSTALL_ID": "",
        "SOCIALAPP_SECRET_KEY": name + "-secret",
    }
    return LiveServer(instance, free_port(), env).start()


class Room:
    """A host, a projector and one phone on one install's first event."""

    def __init__(self, server, person_name):
        self.ev = server.create_event(f"{person_name}'s social")
        self.host = Person(server.url)
        self.host.get(f"/e/{self.ev['code']}/host?key={self.ev['key']}")
        self.host.connect(self.ev["code"], "host")
        self.display = Person(server.url).connect(self.ev["code"], "display")
        self.phone = Person(server.url)
        self.phone.post_form(f"/j/{self.ev['code']}", {"name": person_name})
        self.phone.connect(self.ev["code"], "attendee")
        self.name = person_name
        self.phone.wait_for("me", lambda m: m["label"] == person_name)

    def people(self):
        return (self.host, self.display, self.phone)

    def play(self, contact):
        """Start the agenda, go to the connect segment, and share a contact line."""
        assert self.host.command("agenda.start")["ok"]
        state = self.host.wait_for("state", lambda s: s["live"] is not None)
        connect = next(s["id"] for s in state["agenda"] if s["kind"] == "connect")
        assert self.host.command("agenda.goto", {"segment_id": connect})["ok"]
        for p in self.people():
            p.wait_for("state", lambda s: s["live"] and s["live"]["kind"] == "connect")
        assert self.phone.command("connect.share", {"contact": contact})["ok"]
        self.phone.wait_for("me", lambda m: m["kind"].get("contact") == contact)

    def close(self):
        for p in self.people():
            p.close()


def crossed(room, other, other_contact):
    """Every message this room's screens got that belongs to the other install."""
    bad = []
    for person in room.people():
        for name, data in person.received:
            text = json.dumps(data)
            if name == "state" and data["event"]["code"] != room.ev["code"]:
                bad.append((name, data["event"]["code"]))
            if other.name in text or other_contact in text or other.ev["code"] in text:
                bad.append((name, text[:120]))
    return bad


def two_rooms_play(a, b):
    a.play("ada@install-a.example")
    b.play("bob@install-b.example")
    # Redis delivers one subscriber's messages in order: once B's last change reached B's
    # screens, anything A sent before would have arrived too. A little slack on top.
    b.phone.wait_for("me", lambda m: m["kind"].get("contact") == "bob@install-b.example")
    time.sleep(0.5)
    assert a.ev["code"] != b.ev["code"]
    assert crossed(a, b, "bob@install-b.example") == []
    assert crossed(b, a, "ada@install-a.example") == []


@pytest.mark.parametrize("channel", ["", "one-channel-for-both"], ids=["default", "same-channel"])
def test_two_installs_on_one_redis_see_nothing_of_each_other(tmp_path, pg_databases, channel):
    """By default each install has its own channel; even two installs configured with one
    channel keep apart, as their room names differ."""
    servers = [
        install(tmp_path, "a", pg_databases(), channel),
        install(tmp_path, "b", pg_databases(), channel),
    ]
    rooms = []
    try:
        rooms = [Room(servers[0], "Ada"), Room(servers[1], "Bob")]
        two_rooms_play(*rooms)
        if not channel:
            logs = [s.log() for s in servers]
            channels = [line for log in logs for line in log.splitlines() if "channel" in line]
            assert len(channels) == 2 and channels[0] != channels[1], channels
    finally:
        for r in rooms:
            r.close()
        for s in servers:
            s.stop()


def test_each_install_gets_its_own_channel_and_room_names(tmp_path, monkeypatch):
    from socialapp import broadcast, config, create_app

    a = config.install_id("postgresql://app:secret@DB.example:5432/social")
    assert a == config.install_id("postgresql+psycopg2://app:other@db.example:5432/social")
    assert a != config.install_id("postgresql://app@db.example:5432/social_staging")
    assert config.install_id(f"sqlite:///{tmp_path}/x.sqlite") != config.install_id(
        f"sqlite:///{tmp_path}/y.sqlite"
    )
    for var in ("SOCIALAPP_MESSAGE_QUEUE_CHANNEL", "SOCIALAPP_INSTALL_ID"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SOCIALAPP_INSTANCE_PATH", str(tmp_path))
    base = {"TESTING": True, "SECRET_KEY": "t", "ASYNC_MODE": "threading"}
    apps = [
        create_app(base | {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/{n}.sqlite"})
        for n in "ab"
    ]
    channels = [x.config["MESSAGE_QUEUE_CHANNEL"] for x in apps]
    assert channels[0] != channels[1] and all(c.startswith("socialapp-") for c in channels)
    rooms = []
    for x in apps:
        with x.app_context():
            rooms.append((broadcast.room_public(1), broadcast.room_attendee(1)))
    assert set(rooms[0]).isdisjoint(rooms[1])
    fixed = create_app(
        base
        | {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/c.sqlite",
            "MESSAGE_QUEUE_CHANNEL": "ours",
            "INSTALL_ID": "site-1",
        }
    )
    assert fixed.config["MESSAGE_QUEUE_CHANNEL"] == "ours"
    with fixed.app_context():
        assert broadcast.room_public(1) == "site-1:ev1"
