"""Nothing in the app depends on eventlet alone: the same server runs under gevent."""

import pytest

from tests.conftest import LiveServer, free_port
from tests.netclient import Person

pytestmark = pytest.mark.server


def test_gevent_serves_state_over_websocket(tmp_path):
    pytest.importorskip("geventwebsocket")
    server = LiveServer(tmp_path, free_port(), {"SOCIALAPP_ASYNC_MODE": "gevent"}).start()
    try:
        ev = server.create_event("Gevent Social")
        host = Person(server.url)
        host.get(f"/e/{ev['code']}/host?key={ev['key']}")
        host.connect(ev["code"], "host")
        display = Person(server.url).connect(ev["code"], "display")
        assert host.command("agenda.start")["ok"]
        assert display.wait_for("state", lambda s: s["live"] is not None)["live"]["title"]
        assert "(gevent)" in server.log()
        host.close()
        display.close()
    finally:
        server.stop()
