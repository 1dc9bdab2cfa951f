"""Phones without a browser: a raw Engine.IO v4 / Socket.IO v5 client over aiohttp websockets.

Thousands of these share one asyncio process with little CPU each, so the load generator is
not what is measured. A received message is stamped with time.time_ns() and only its event
name and version are read, by a regex anchored at its start (`42["state",{"v":12,...`); the
rest is kept or looked at only by the scenario that needs it. No python-socketio objects.

The HTTP side is what a phone does: the join form (GET, then POST with its CSRF token and
cid) and the host's event page; cookies are kept by hand
so that one aiohttp session serves every phone.
"""

import asyncio
import json
import re
import time

import aiohttp

HEAD = re.compile(r'42\["([^"]+)"(?:,\{"v":(\d+))?')
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
CID = re.compile(r'name="cid" type="hidden" value="([^"]+)"')
HOST_PAGE = re.compile(r"/e/(\w+)/host")
TEXT = aiohttp.WSMsgType.TEXT


class Refused(Exception):
    """The server said no (an HTTP status, or connect_error): counted as an error."""


def http_session():
    """One client session for every phone: no shared cookie jar, a connection per request
    (as many phones would open), no connection cap."""
    return aiohttp.ClientSession(
        cookie_jar=aiohttp.DummyCookieJar(),
        connector=aiohttp.TCPConnector(limit=0, force_close=True),
        timeout=aiohttp.ClientTimeout(total=60),
    )


def _cookies(resp):
    return {k: m.value for k, m in resp.cookies.items()}


def _header(jar):
    return "; ".join(f"{k}={v}" for k, v in jar.items())


async def _form(http, url, jar):
    async with http.get(url, headers={"Cookie": _header(jar)}) as r:
        page = await r.text()
        if r.status != 200:
            raise Refused(f"GET {url}: {r.status}")
        return page, jar | _cookies(r)


async def create_event(http, base, name="Bench social"):
    """Create an event through the front page as its organiser does: (code, host cookie)."""
    page, jar = await _form(http, base + "/", {})
    data = {"csrf_token": CSRF.search(page).group(1), "name": name, "template": "mlc-social"}
    async with http.post(
        base + "/", data=data, headers={"Cookie": _header(jar)}, allow_redirects=False
    ) as r:
        if r.status != 302:
            raise Refused(f"creating the event: {r.status}")
        return HOST_PAGE.search(r.headers["Location"]).group(1), _header(jar | _cookies(r))


async def join(http, base, code, name):
    """Scan the QR and type a name: the cookie header of a joined attendee."""
    form = await join_page(http, base, code, name)
    return await send_join(http, base, code, form)


async def join_page(http, base, code, name):
    """The join page, read as a phone fills it in: (form fields with the name, cookies)."""
    page, jar = await _form(http, f"{base}/j/{code}", {})
    data = {"name": name, "csrf_token": CSRF.search(page).group(1)}
    cid = CID.search(page)
    if cid:
        data["cid"] = cid.group(1)
    return data, jar


async def send_join(http, base, code, form):
    """The join form sent: the cookie header of the joined attendee."""
    data, jar = form
    headers = {"Cookie": _header(jar)}
    async with http.post(
        f"{base}/j/{code}", data=data, headers=headers, allow_redirects=False
    ) as r:
        if r.status != 302:
            raise Refused(f"join form: {r.status}")
        # The phone page the redirect leads to (and its cached assets) is not fetched: a join
        # is measured as issue 11 defines it, the form, then the socket.
        return _header(jar | _cookies(r))


class Hub:
    """What every socket of the load generator shares: the count of messages received, and
    whether to offer permessage-deflate (15: as browsers do; 0: not)."""

    def __init__(self, compress=0):
        self.received, self.compress = 0, compress
        self.bytes = 0  # characters of every text frame received (what screens download)


class Sock:
    """One Socket.IO connection. states: (v, t_ns) of every `state`; mes: (t_ns, raw) of every
    `me`; watch(name, raw, t_ns), if set, sees every event (the projector's note tracker)."""

    def __init__(self, hub, cookie=""):
        self.hub, self.cookie = hub, cookie
        self.ws = self.task = self.watch = None
        self.states, self.mes = [], []
        self.state_len = 0
        self.closed_ns = None
        self.close_reason = "connection lost"
        self.acks, self.next_id = {}, 0
        self.connected = self.first_state = None

    @property
    def v(self):
        return self.states[-1][0] if self.states else -1

    async def connect(self, http, base, auth, timeout=30):
        self.connected = asyncio.get_running_loop().create_future()
        self.first_state = asyncio.get_running_loop().create_future()  # resolves to its t_ns
        url = base.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = await http.ws_connect(
            url,
            headers=headers,
            compress=self.hub.compress,
            max_msg_size=0,
            timeout=aiohttp.ClientWSTimeout(ws_receive=None, ws_close=5),  # idle is fine
        )
        try:
            opened = await self.ws.receive(timeout)
            if opened.type is not TEXT or not opened.data.startswith("0"):
                raise Refused(f"no Engine.IO open packet: {opened.data!r}")
            self.task = asyncio.create_task(self._read())
            await self.ws.send_str("40" + json.dumps(auth))
            await asyncio.wait_for(self.connected, timeout)
        except BaseException:
            await self.close()
            raise
        return self

    async def _read(self):
        ws, hub = self.ws, self.hub
        try:
            while True:
                msg = await ws.receive()
                t = time.time_ns()
                if msg.type is not TEXT:
                    if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        break
                    if msg.type is aiohttp.WSMsgType.ERROR:
                        break
                    continue
                hub.received += 1
                data = msg.data
                hub.bytes += len(data)
                if data.startswith("42"):
                    self._event(data, t)
                elif data == "2":  # Engine.IO ping: a phone that does not answer is dropped
                    await ws.send_str("3")
                elif data.startswith("43"):
                    self._ack(data, t)
                elif data.startswith("40"):
                    self._settle(None)
                elif data.startswith("44"):
                    self._settle(Refused(data[2:200]))
                elif data == "1" or data.startswith("41"):
                    self.close_reason = "closed by the server (Engine.IO close packet)"
                    break
        except (TimeoutError, aiohttp.ClientError, ConnectionError):
            pass
        finally:
            self.closed_ns = time.time_ns()
            self._settle(Refused("closed before connecting"))
            for fut in self.acks.values():
                if not fut.done():
                    fut.set_exception(Refused("socket closed"))

    def _settle(self, exc):
        if self.connected is not None and not self.connected.done():
            if exc is None:
                self.connected.set_result(True)
            else:
                self.connected.set_exception(exc)

    def _event(self, data, t):
        head = HEAD.match(data)
        if head is None:
            return
        name = head.group(1)
        if name == "state":
            if not self.first_state.done():  # (cancelled if its waiter gave up)
                self.first_state.set_result(t)
            self.states.append((int(head.group(2)), t))
            self.state_len = len(data)
        elif name == "me":
            self.mes.append((t, data))
        if self.watch is not None:
            self.watch(name, data, t)

    def _ack(self, data, t):
        i = 2
        while data[i].isdigit():
            i += 1
        fut = self.acks.pop(int(data[2:i]), None)
        if fut is not None and not fut.done():
            args = json.loads(data[i:])
            fut.set_result((args[0] if args else None, t))

    async def emit(self, name, payload):
        await self.ws.send_str("42" + json.dumps([name, payload], separators=(",", ":")))

    async def call(self, name, payload, timeout=60):
        """Send with an ack id: (ack, sent_ns, acked_ns)."""
        self.next_id += 1
        ack_id = self.next_id
        fut = self.acks[ack_id] = asyncio.get_running_loop().create_future()
        sent = time.time_ns()
        try:
            await self.ws.send_str(
                f"42{ack_id}" + json.dumps([name, payload], separators=(",", ":"))
            )
            ack, t = await asyncio.wait_for(fut, timeout)
        finally:
            self.acks.pop(ack_id, None)
        return ack, sent, t

    async def command(self, name, args=None, cid=None, timeout=60):
        payload = {"name": name, "args": args or {}} | ({"cid": cid} if cid else {})
        return await self.call("command", payload, timeout)

    async def close(self):
        if self.ws is not None and not self.ws.closed:
            await self.ws.close()
        if self.task is not None:
            await asyncio.gather(self.task, return_exceptions=True)


async def bounded(coros, limit):
    """Run coroutines at most `limit` at a time; results (or exceptions) in order."""
    gate = asyncio.Semaphore(limit)

    async def one(c):
        async with gate:
            return await c

    return await asyncio.gather(*(one(c) for c in coros), return_exceptions=True)
