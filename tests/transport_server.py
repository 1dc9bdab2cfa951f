"""A small eventlet Flask-SocketIO server with socialapp.transport installed, for
tests/test_transport.py (run as a subprocess: eventlet must patch first).

    python tests/transport_server.py PORT [direct|queued]

Every socket joins the room "all". `burst` {n, size, gather}: n rounds of a broadcast to the
room and a message to each socket alone, numbered 0, 1, 2... per socket, each padded to `size`
bytes (with gather, each round's writes gathered per socket); the ack is the counts of the
direct and queued paths. GET /counts: the same counts."""

import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

import contextlib  # noqa: E402
import sys  # noqa: E402

from flask import Flask, request  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

from socialapp import transport  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", max_http_buffer_size=16_384)
layer = transport.install(socketio.server, "eventlet") if sys.argv[2] == "direct" else None
members = []  # sids in the room, in join order


@app.get("/counts")
def counts():
    return layer.counts if layer else {}


@socketio.on("connect")
def on_connect(auth=None):
    join_room("all")
    members.append(request.sid)


@socketio.on("disconnect")
def on_disconnect(reason=None):
    members.remove(request.sid)


@socketio.on("burst")
def on_burst(data):
    pad = "x" * int(data.get("size", 0))
    for i in range(int(data["n"])):
        with gathered(data.get("gather")):
            socketio.emit("seq", {"i": 2 * i, "pad": pad}, to="all")
            for sid in list(members):
                socketio.emit("seq", {"i": 2 * i + 1, "pad": pad}, to=sid)
            if i % 10 == 9:
                socketio.sleep(0)  # let readers, writers and closes run in between
    return layer.counts if layer else {}


def gathered(on):
    """`gather`: each socket's two messages of a round leave in one write (a yield inside)."""
    return transport.gathered(socketio.server) if on else contextlib.nullcontext()


if __name__ == "__main__":
    socketio.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_output=False, max_size=1000)
