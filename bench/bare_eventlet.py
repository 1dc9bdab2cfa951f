"""A bare Flask-SocketIO server on eventlet: the anchor socialapp is measured against.

    python bench/bare_eventlet.py --port 5050

Every connection joins one room; a `bcast` message ({"pad": n}) broadcasts a state padded
with n bytes (the size of the app's public state) to that room and acks its version, so the
same load script drives it as the app. The same stack and settings as wsgi.py: eventlet
patched first, max_size raised past eventlet's 1,024 connections, no logging.
"""

import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

import argparse  # noqa: E402

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", max_http_buffer_size=16_384)
version = 0


@app.get("/healthz")
def healthz():
    return {"ok": True}


@socketio.on("connect")
def on_connect(auth=None):
    join_room("all")


@socketio.on("bcast")
def on_bcast(data=None):
    global version
    version += 1
    pad = data.get("pad", 0) if isinstance(data, dict) else 0
    socketio.emit("state", {"v": version, "pad": "x" * int(pad)}, to="all")
    return {"ok": True, "v": version}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5050)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    socketio.run(app, host=args.host, port=args.port, log_output=False, max_size=8192)
