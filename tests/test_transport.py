"""socialapp.transport: direct websocket writes on eventlet keep engineio's promises. Every
socket gets every message exactly once and in order, broadcasts mixed with messages to one
socket; long-polling clients too; a socket that stops reading or closes mid-broadcast holds up
and breaks nothing else, and its frames never interleave (a raw client parses every byte)."""

import json
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.request import urlopen

import pytest
import socketio
import websocket

from tests.conftest import free_port

pytestmark = pytest.mark.server
SERVER = Path(__file__).parent / "transport_server.py"


@pytest.fixture
def server():
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(SERVER), str(port), "direct"])
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urlopen(url + "/counts", timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


class Phone:
    """A python-socketio client that records the numbers of the `seq` messages it gets."""

    def __init__(self, url, transports=("websocket",)):
        self.seen, self.done = [], threading.Event()
        self.sio = socketio.Client()
        self.sio.on("seq", lambda d: self.seen.append(d["i"]))
        self.sio.connect(url, transports=list(transports), wait_timeout=10)

    def wait_for(self, count, timeout=20):
        deadline = time.time() + timeout
        while len(self.seen) < count and time.time() < deadline:
            time.sleep(0.02)
        return self.seen


class RawPhone:
    """Engine.IO over a bare websocket with a tiny receive buffer: it reads only when told,
    and every frame is parsed, so an interleaved or cut frame fails the test."""

    def __init__(self, url):
        self.ws = websocket.create_connection(
            url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket",
            sockopt=[(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)],
            timeout=20,
        )
        assert self.ws.recv().startswith("0{")  # engine.io open
        self.ws.send("40")
        while not self.ws.recv().startswith("40"):  # the namespace's connect
            pass
        self.seen = []

    def read(self, count):
        while len(self.seen) < count:
            msg = self.ws.recv()
            if msg == "2":
                self.ws.send("3")
            elif msg.startswith("42"):
                name, data = json.loads(msg[2:])
                assert name == "seq"
                self.seen.append(data["i"])
        return self.seen

    def reset(self):
        """Close with a TCP reset: the server's next write fails."""
        self.ws.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.ws.sock.close()


def counts(url):
    with urlopen(url + "/counts", timeout=10) as r:
        return json.loads(r.read())


GATHER = pytest.mark.parametrize("gather", [False, True], ids=["one_write_each", "gathered"])


@GATHER
def test_every_socket_gets_every_message_once_and_in_order(server, gather):
    phones = [Phone(server) for _ in range(8)]
    polling = [Phone(server, ("polling",)) for _ in range(2)]
    n = 8
    for _ in range(3):
        ack = phones[0].sio.call("burst", {"n": n, "size": 200, "gather": gather}, timeout=30)
    for p in [*phones, *polling]:
        assert p.wait_for(3 * 2 * n) == list(range(2 * n)) * 3
    if gather:  # a socket's second message of a round joined its first in one write
        assert ack["gathered"] >= 3 * n * len(phones) - len(phones)
    assert ack["direct"] + ack["gathered"] > 3 * 2 * n * len(phones)  # the direct path
    assert counts(server)["queued"] >= 3 * 2 * n * len(polling)
    for p in [*phones, *polling]:
        p.sio.disconnect()


@GATHER
def test_a_socket_that_stops_reading_holds_up_nobody_and_gets_whole_frames(server, gather):
    slow = RawPhone(server)
    phones = [Phone(server) for _ in range(3)]
    n, size = 60, 60_000  # 7 MB to the slow phone: more than the buffers on both sides hold
    ack = phones[0].sio.call("burst", {"n": n, "size": size, "gather": gather}, timeout=30)
    for p in phones:  # everyone else has it all while the slow phone has read nothing
        assert p.wait_for(2 * n) == list(range(2 * n))
    assert ack["finished_later"] > 0  # a frame did not fit: finished by its own greenlet
    assert slow.read(2 * n) == list(range(2 * n))
    again = phones[1].sio.call("burst", {"n": 5, "size": 10}, timeout=30)
    assert slow.read(2 * n + 10) == list(range(2 * n)) + list(range(10))
    assert again["direct"] > ack["direct"]
    slow.ws.close()
    for p in phones:
        p.sio.disconnect()


@GATHER
def test_a_socket_closing_mid_broadcast_breaks_nothing(server, gather):
    gone = [RawPhone(server) for _ in range(3)]
    phones = [Phone(server) for _ in range(3)]
    n = 200
    result = {}
    burst = {"n": n, "size": 5000, "gather": gather}
    sender = threading.Thread(
        target=lambda: result.update(phones[0].sio.call("burst", burst, timeout=60))
    )
    sender.start()
    time.sleep(0.05)
    for g in gone:
        g.reset()
    sender.join(60)
    assert result  # the burst finished and acked
    for p in phones:
        assert p.wait_for(2 * n) == list(range(2 * n))
    late = Phone(server)  # the server still serves
    phones[1].sio.call("burst", {"n": 3, "size": 10}, timeout=30)
    assert late.wait_for(6) == list(range(6))
    for p in [*phones, late]:
        p.sio.disconnect()
