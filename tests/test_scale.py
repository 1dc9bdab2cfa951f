"""The same code as several workers over PostgreSQL and Redis (the Socket.IO message queue).

Talks to the real services on this machine: PostgreSQL at 127.0.0.1:5432 (database `test`)
and Redis at 127.0.0.1:6379. Each test gets its own database and queue channel (the `workers`
fixture in conftest.py). tests/test_deploy.py runs the same behind nginx."""

import pytest

from tests.netclient import Person

pytestmark = [pytest.mark.scale, pytest.mark.server]


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
