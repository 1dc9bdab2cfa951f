"""Limits at the edges: message size at the Socket.IO layer, identities that belong to one
event only, connections that never finish a request."""

import contextlib
import re
import shutil
import socket
import subprocess
import time
from urllib.request import urlopen

import pytest
import socketio

from tests.conftest import LiveServer, command, free_port, require
from tests.netclient import Person


def test_attendee_identity_works_for_one_event_only(app, event, phone, sio):
    from socialapp.events import create_event

    with app.app_context():
        other = create_event("Other social").code
    ada = phone("Ada")
    assert sio(ada, "attendee").is_connected()
    assert not sio(ada, "attendee", code=other).is_connected()
    page = ada.get(f"/j/{other}")
    assert b'name="name"' in page.data  # a join form, not Ada's phone page


def test_host_session_works_for_one_event_only(app, event, host, sio):
    from socialapp.events import create_event

    with app.app_context():
        other = create_event("Other social").code
    assert not sio(host, "host", code=other).is_connected()
    assert b'id="controls"' not in host.get(f"/e/{other}/host").data


def test_oversized_messages_are_dropped_and_the_server_stays_up(live_server):
    ev = live_server.create_event("Big messages")
    host = Person(live_server.url)
    host.get(f"/e/{ev['code']}/host?key={ev['key']}")
    host.connect(ev["code"], "host")
    dropped = []
    host.sio.on("disconnect", lambda *a: dropped.append(a))
    refused = (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError)
    with contextlib.suppress(*refused):
        host.sio.call("command", {"name": "agenda.add", "args": {"title": "x" * 40_000}}, timeout=3)
    assert dropped, "the server closes a connection that sends more than 16 KB"
    host.close()
    again = Person(live_server.url)
    again.get(f"/e/{ev['code']}/host?key={ev['key']}")
    again.connect(ev["code"], "host")
    state = again.wait_for("state")
    assert len(state["agenda"]) == 6  # nothing was added
    assert again.command("agenda.start")["ok"]
    again.close()


def test_normal_messages_fit_under_the_cap(app, event, host, sio):
    h = sio(host, "host")
    ack = command(
        h, "agenda.add", {"kind": "info", "title": "t", "minutes": 5, "instructions": "é" * 2000}
    )
    assert ack["ok"], ack


# ---------- connections that never finish a request ----------


def hog(port, i):
    """A connection that holds a slot: silent, a request line cut short, headers without
    their end, or a form body that never finishes."""
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(
        [
            b"",
            b"GET /heal",
            b"GET /healthz HTTP/1.1\r\nHost: x\r\n",
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\nname=Ad",
        ][i % 4]
    )
    return s


def closed_by_server(s, deadline):
    """True once the server closed this connection (whatever it answered first)."""
    try:
        while time.monotonic() < deadline:
            s.settimeout(max(0.01, deadline - time.monotonic()))
            if not s.recv(4096):
                return True
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
    return False


@pytest.mark.server
def test_idle_and_half_sent_connections_time_out_and_a_phone_gets_in(tmp_path):
    """Three hundred connections that never finish a request, against a server that serves
    100 at a time: each is closed after the socket timeout, and then people get in."""
    limits = {
        "SOCIALAPP_MAX_CONNECTIONS": "100",
        "SOCIALAPP_SOCKET_TIMEOUT": "2",
        "SOCIALAPP_BACKLOG": "512",  # the 200 waiting ones queue in the kernel
    }
    server = LiveServer(tmp_path, free_port(), limits).start()
    try:
        hogs = [hog(server.port, i) for i in range(300)]
        with pytest.raises(OSError):  # every slot is held: nobody gets in for now
            urlopen(server.url + "/healthz", timeout=1)
        deadline = time.monotonic() + 60
        assert all(closed_by_server(s, deadline) for s in hogs)
        for s in hogs:
            s.close()
        host = Person(server.url)  # a host creates an event, a phone joins it
        panel = host.post_form("/", {"name": "Idle Social", "template": "mlc-social"})
        code = re.search(r'data-code="(\w+)"', panel).group(1)
        phone = Person(server.url)
        phone.post_form(f"/j/{code}", {"name": "Ada"})
        phone.connect(code, "attendee")
        assert phone.wait_for("me")["label"] == "Ada"
        phone.close()
        assert "Traceback" not in server.log()
    finally:
        server.stop()


@pytest.mark.server
def test_listen_backlog_is_configurable(tmp_path):
    require(shutil.which("ss"), "ss (iproute2) is not installed")
    server = LiveServer(tmp_path, free_port(), {"SOCIALAPP_BACKLOG": "777"}).start()
    try:
        out = subprocess.run(
            ["ss", "-ltnH", f"sport = :{server.port}"], capture_output=True, text=True, check=True
        ).stdout.split()
        assert out[2] == "777", out  # State Recv-Q Send-Q: Send-Q is a listener's backlog
    finally:
        server.stop()
