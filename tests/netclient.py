"""A person's browser without the browser: cookies over HTTP, then a real Socket.IO client.

For tests that talk to a server subprocess over the network (restarts, several workers)."""

import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request

import socketio

from socialapp.core import patches


class Person:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.received = []
        self.cond = threading.Condition()
        self.sio = None
        self.code = self.held = None  # the state this screen shows (patches applied)

    def get(self, path):
        with self.http.open(self.base + path, timeout=10) as r:
            return r.read().decode()

    def post_form(self, path, fields):
        page = self.get(path)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        data = dict(fields) | ({"csrf_token": token.group(1)} if token else {})
        body = urllib.parse.urlencode(data).encode()
        with self.http.open(self.base + path, data=body, timeout=10) as r:
            return r.read().decode()

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def connect(self, code, role, transports=("websocket",)):
        """Reconnects by itself; "connect" and "disconnect" are recorded like messages."""
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2)
        self.code = code
        for name in ("me", "error", "count"):
            self.sio.on(name, self._recorder(name))
        self.sio.on("state", self._state)
        self.sio.on("patch", self._patch)
        self.sio.on("connect", lambda: self._recorder("connect")(None))
        self.sio.on("disconnect", lambda *reason: self._recorder("disconnect")(None))
        self.sio.connect(
            self.base,
            headers={"Cookie": self.cookie_header()},
            auth={"code": code, "role": role},
            transports=list(transports),
            wait_timeout=10,
        )
        return self

    def _state(self, data):
        self.held = data
        self._recorder("state")(data)

    def _patch(self, data):
        """As core.js: a patch of the state held is recorded as the state it makes; a screen
        that holds another one asks for the whole state."""
        if data.get("code") != self.code:
            self._recorder("patch")(data)  # not ours (tests look for crossed messages)
        elif self.held is not None and self.held["v"] == data["base"]:
            self._state(patches.apply(self.held, data["p"]))
        elif self.held is None or self.held["v"] < data["v"]:
            self.sio.emit("resync", {})

    def _recorder(self, name):
        def record(data):
            with self.cond:
                self.received.append((name, data))
                self.cond.notify_all()

        return record

    def mark(self):
        """A point in what was received, for wait_for(after=...)."""
        with self.cond:
            return len(self.received)

    def wait_for(self, name, predicate=lambda d: True, timeout=10, after=0):
        """The latest message of this name (received so far or later, after a mark) that
        satisfies predicate."""
        with self.cond:
            ok = self.cond.wait_for(
                lambda: any(n == name and predicate(d) for n, d in self.received[after:]), timeout
            )
            assert ok, f"no {name} matching in {timeout}s; got {[n for n, _ in self.received]}"
            matching = [d for n, d in self.received[after:] if n == name and predicate(d)]
            return matching[-1]

    def count(self, name):
        with self.cond:
            return sum(n == name for n, _ in self.received)

    def command(self, name, args=None, cid=None):
        payload = {"name": name, "args": args or {}} | ({"cid": cid} if cid else {})
        return self.sio.call("command", payload, timeout=10)

    def close(self):
        if self.sio is not None:
            self.sio.disconnect()
