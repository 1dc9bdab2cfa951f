"""Host lock-out across workers: a key rotated through one worker closes the old host sockets
held by another, which get no host state and can run no command in the meantime."""

import re
import time
import urllib.parse

import pytest

from tests.netclient import Person

pytestmark = [pytest.mark.scale, pytest.mark.server]


def signed_in(worker, ev, key=None):
    p = Person(worker.url)
    p.get(f"/e/{ev['code']}/host?key={key or ev['key']}")
    return p


def post_from_panel(person, code, action):
    """Press a button of the host panel: a form post with the panel's CSRF token."""
    page = person.get(f"/e/{code}/host")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf_token": token}).encode()
    with person.http.open(f"{person.base}/e/{code}/host/{action}", data=body, timeout=10) as r:
        return r.read().decode()


def test_rotating_on_one_worker_locks_out_host_sockets_on_the_other(workers):
    a, b = workers
    ev = a.create_event("Rotation Social")
    me = signed_in(a, ev).connect(ev["code"], "host")
    leaked = signed_in(b, ev).connect(ev["code"], "host")  # an old link, on the other worker
    leaked.sio.on("signed_out", leaked._recorder("signed_out"))
    closed = []
    leaked.sio.on("disconnect", lambda *args: closed.append(time.time()))
    try:
        assert leaked.command("agenda.start")["ok"]
        page = post_from_panel(me, ev["code"], "rotate-key")
        rotated = time.time()
        assert 'id="controls"' in page  # the rotating host's panel, still signed in
        leaked.wait_for("signed_out", timeout=5)  # through the queue, at once
        deadline = time.time() + 5
        while not closed and time.time() < deadline:
            time.sleep(0.05)
        assert closed, "the other worker closes the old host socket"
        assert closed[0] - rotated < 3  # its sweeper runs every 0.5 s in these tests
        assert not leaked.sio.connected
        # The rotating browser's panel connects again, on either worker, with the new key.
        again = Person(b.url)
        again.jar = me.jar
        again.connect(ev["code"], "host")
        assert again.command("agenda.pause")["ok"]
        states = [d for n, d in leaked.received if n == "state"]
        assert all(s["live"]["timer"]["status"] == "running" for s in states if s["live"])
        again.close()
    finally:
        me.close()
        if leaked.sio.connected:
            leaked.close()
