"""A worker cut off from its message queue (Redis) or its database says so: /healthz answers
503 naming what is down, a change that could not be published is an error in the log and on
the host's panel (through the host's own socket, which needs no queue)."""

import contextlib
import json
import socket
import threading
import time
import uuid
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from socialapp import create_app
from tests.cluster import services_up
from tests.conftest import LiveServer, free_port
from tests.netclient import Person


class Proxy:
    """A TCP relay to Redis that a test can cut and restore, as a network fault would: the
    real Redis, shared with everyone on this machine, is never touched."""

    def __init__(self, target=("127.0.0.1", 6379)):
        self.target, self.port, self.conns = target, free_port(), []
        self.listener = None

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        return self

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.listener.close()
        for s in self.conns:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        self.conns = []


def health(server):
    try:
        with urlopen(server.url + "/healthz", timeout=5) as r:
            return r.status, json.loads(r.read())
    except HTTPError as exc:
        return exc.code, json.loads(exc.read())


def until(predicate, timeout=5):
    deadline = time.time() + timeout
    while not (ok := predicate()) and time.time() < deadline:
        time.sleep(0.1)
    return ok


def error_lines(server, logger):
    return [x for x in server.log().splitlines() if "ERROR" in x and f"[{logger}]" in x]


@pytest.mark.scale
@pytest.mark.server
def test_a_worker_without_redis_says_so(tmp_path):
    if not services_up():
        pytest.skip("PostgreSQL and Redis are not running here")
    proxy = Proxy().start()
    env = {
        "SOCIALAPP_MESSAGE_QUEUE": f"redis://127.0.0.1:{proxy.port}/0",
        "SOCIALAPP_MESSAGE_QUEUE_CHANNEL": "socialapp-test-" + uuid.uuid4().hex[:8],
    }
    server = LiveServer(tmp_path, free_port(), env).start()
    host = None
    try:
        assert health(server) == (200, {"ok": True, "db": "ok", "queue": "ok"})
        ev = server.create_event("Cut off")
        host = Person(server.url)
        host.get(f"/e/{ev['code']}/host?key={ev['key']}")
        host.connect(ev["code"], "host")
        proxy.cut()
        assert health(server) == (503, {"ok": False, "db": "ok", "queue": "down"})
        ack = host.command("agenda.start")
        assert ack["ok"]  # committed: the change is real, on this worker's screens too
        warned = host.wait_for("error", lambda e: e.get("code") == "queue_down")
        assert "message queue" in warned["error"]
        assert host.wait_for("state", lambda s: s["live"] is not None)
        assert until(lambda: error_lines(server, "socialapp.broadcast"))
        assert ev["code"] in error_lines(server, "socialapp.broadcast")[0]
        proxy.start()  # Redis is back: so is the health check
        assert until(lambda: health(server)[0] == 200, timeout=10)
    finally:
        if host:
            host.close()
        server.stop()
        proxy.cut()


def test_healthz_reports_a_database_that_is_down(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'missing' / 'db.sqlite'}",
            "AUTO_MIGRATE": False,
            "SECRET_KEY": "test",
            "ASYNC_MODE": "threading",
        }
    )
    r = app.test_client().get("/healthz")
    assert r.status_code == 503
    assert r.json == {"ok": False, "db": "down", "queue": "not used"}
