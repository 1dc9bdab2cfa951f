"""A bare Flask-SocketIO server on eventlet: the anchor socialapp is measured against.

    python bench/bare_eventlet.py --port 5050

Every connection joins one room; a `bcast` message ({"pad": n}) broadcasts a state padded
with n bytes (the size of the app's public state) to that room and acks its version, so the
same load script drives it as the app. The same stack and settings as wsgi.py: eventlet
patched first, max_size raised past eventlet's 1,024 connections, the listen backlog of 2,048,
no logging.

A join as bare as the stack allows, the floor of the app's join rush: GET /j/<code> is a form
with a CSRF token (Flask-WTF, as the app) and a cid; its POST checks the token, inserts one
row in SQLite (a join must be stored), puts the row's id in the session cookie and redirects;
a socket whose cookie holds an id gets a state at once (`--state-bytes` long).
"""

import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402
import eventlet.wsgi  # noqa: E402

eventlet.monkey_patch()

import argparse  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import sqlite3  # noqa: E402
import tempfile  # noqa: E402

from flask import Flask, abort, redirect, render_template, request, session  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402
from flask_wtf.csrf import CSRFProtect  # noqa: E402
from jinja2 import DictLoader  # noqa: E402

app = Flask(__name__)
app.config["SECRET_KEY"] = secrets.token_hex(32)
CSRFProtect(app)
socketio = SocketIO(app, async_mode="eventlet", max_http_buffer_size=16_384)
version = 0
joined = {"db": None, "state": ""}
# About the size of the app's join page (1.2 KB), as the app's form names its fields.
JOIN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Join {{ code }}</title>
</head><body><main><h1>Join the social</h1><form method="post">
<input id="csrf_token" name="csrf_token" type="hidden" value="{{ csrf_token() }}">
<input id="cid" name="cid" type="hidden" value="{{ cid }}">
<label for="name">Your name</label><input id="name" name="name" maxlength="40" required>
<button>Join</button></form>{{ pad }}</main></body></html>"""
app.jinja_loader = DictLoader({"join.html": JOIN_PAGE})  # compiled once, as the app's files


def database():
    if joined["db"] is None:
        path = os.path.join(tempfile.mkdtemp(prefix="bare-"), "join.sqlite")
        joined["db"] = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        joined["db"].execute("PRAGMA journal_mode=WAL")
        joined["db"].execute("PRAGMA synchronous=NORMAL")  # as the app: no fsync per commit
        joined["db"].execute("CREATE TABLE attendee (id INTEGER PRIMARY KEY, code, name, cid)")
    return joined["db"]


@app.route("/j/<code>", methods=["GET", "POST"])
def join(code):
    if request.method == "GET":
        pad = "<p>" + "Scan, type a name, follow the agenda. " * 18 + "</p>"
        return render_template("join.html", code=code, cid=secrets.token_urlsafe(16), pad=pad)
    name = request.form.get("name", "").strip()[:40]  # the CSRF token was checked before
    if not name:
        abort(400)
    cur = database().execute(
        "INSERT INTO attendee (code, name, cid) VALUES (?, ?, ?)",
        (code, name, request.form.get("cid")),
    )
    session["a"] = cur.lastrowid
    return redirect(f"/j/{code}")


@app.get("/healthz")
def healthz():
    return {"ok": True}


@socketio.on("connect")
def on_connect(auth=None):
    join_room("all")
    if session.get("a"):  # a joined phone: its first state at once
        emit("state", {"v": version, "pad": joined["state"]})


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
    parser.add_argument("--state-bytes", type=int, default=1350, help="as the app's first state")
    args = parser.parse_args()
    joined["state"] = "x" * args.state_bytes
    # As wsgi.py: a listen backlog for a QR rush (eventlet's default of 50 drops SYNs, and
    # phones then wait seconds for TCP to retry), connections past eventlet's 1,024.
    sock = eventlet.listen((args.host, args.port), backlog=2048)
    eventlet.wsgi.server(sock, app, max_size=8192, log_output=False, debug=False)
