"""The same code as several workers over PostgreSQL and Redis (the Socket.IO message queue).

Talks to the real services on this machine: PostgreSQL at 127.0.0.1:5432 (database `test`)
and Redis at 127.0.0.1:6379. Each test gets its own database and queue channel."""

import uuid

import pytest

from tests.conftest import LiveServer, free_port
from tests.netclient import Person

pytestmark = [pytest.mark.scale, pytest.mark.server]
PG = "postgresql://postgres@127.0.0.1:5432/"


def services_up():
    try:
        import psycopg2
        import redis

        psycopg2.connect(PG + "test", connect_timeout=3).close()
        redis.Redis(socket_connect_timeout=3).ping()
        return True
    except Exception:
        return False


@pytest.fixture
def pg_database():
    import psycopg2

    if not services_up():
        pytest.skip("PostgreSQL and Redis are not running here")
    name = "socialapp_" + uuid.uuid4().hex[:10]
    admin = psycopg2.connect(PG + "test")
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    yield PG + name
    admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


@pytest.fixture
def workers(tmp_path, pg_database):
    """Two worker processes sharing one database and one message queue."""
    env = {
        "SOCIALAPP_DATABASE_URL": pg_database,
        "SOCIALAPP_MESSAGE_QUEUE": "redis://127.0.0.1:6379/0",
        "SOCIALAPP_MESSAGE_QUEUE_CHANNEL": "socialapp-test-" + uuid.uuid4().hex[:8],
        "SOCIALAPP_SECRET_KEY": "shared-between-workers",
    }
    started = []
    for i in range(2):
        instance = tmp_path / f"w{i}"
        instance.mkdir()
        # One after the other: the first applies the migrations, the second finds them done.
        started.append(LiveServer(instance, free_port(), env).start())
    yield started
    for w in started:
        w.stop()


def test_a_change_on_one_worker_reaches_screens_on_the_other(workers):
    a, b = workers
    ev = a.create_event("Big Social")
    host = Person(a.url)
    host.get(f"/e/{ev['code']}/host?key={ev['key']}")
    host.connect(ev["code"], "host")
    phone = Person(b.url)
    phone.post_form(f"/j/{ev['code']}", {"name": "Ada"})
    phone.connect(ev["code"], "attendee")
    display = Person(b.url).connect(ev["code"], "display")
    try:
        assert phone.wait_for("me")["label"] == "Ada"
        assert host.command("agenda.start")["ok"]
        for screen in (phone, display):
            s = screen.wait_for("state", lambda s: s["live"] is not None)
            assert s["live"]["title"] == "Welcome"
        # The attendee joined through worker B; the host on worker A sees them.
        assert host.wait_for("state", lambda s: s["host"]["joined"] == 1)
    finally:
        for p in (host, phone, display):
            p.close()


def test_concurrent_commands_across_workers_are_serialised(workers):
    """Two hosts on two workers press +1 min at the same moment: both land, none is lost."""
    import threading

    a, b = workers
    ev = a.create_event("Race Social")
    hosts = []
    for w in (a, b):
        h = Person(w.url)
        h.get(f"/e/{ev['code']}/host?key={ev['key']}")
        hosts.append(h.connect(ev["code"], "host"))
    try:
        hosts[0].command("agenda.start")
        acks = []
        threads = [
            threading.Thread(
                target=lambda h=h: acks.extend(
                    h.command("agenda.extend", {"seconds": 60}) for _ in range(5)
                )
            )
            for h in hosts
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert all(x["ok"] for x in acks), acks
        final = hosts[0].wait_for(
            "state", lambda s: s["live"] and s["live"]["timer"]["duration"] == 900
        )
        assert final["live"]["timer"]["duration"] == 300 + 10 * 60
    finally:
        for h in hosts:
            h.close()
