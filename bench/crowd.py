"""A room under load: one server, a host socket and n phones connected to it, and the
measurement of a phase (server CPU, wall time, the load generator's own CPU).

App phones are real attendees (join form, then a socket with role attendee, a heartbeat every
25 s as the phone page sends); the host signs in through the event's host session. On the
bare servers a phone is a plain socket in the broadcast room.
"""

import asyncio
import contextlib
import json
import math
import time

import aiohttp
from phones import Sock, bounded, create_event, join
from servers import App

JOINS_AT_ONCE = 20  # concurrent HTTP joins while setting a room up (not the rush scenario)
CONNECTS_AT_ONCE = 50  # eventlet's listen backlog is 50
HEARTBEAT_SECONDS = 25
QUIET = {"seconds": 1.0}  # a pause before measuring, so that the last phase has died down


async def until(done, timeout, step=0.01):
    """Poll done() until it is true or timeout seconds pass; whether it became true."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(step)
    return True


async def all_reach(phones, v, timeout):
    """Until every phone has a state at version v or later (checking only those still behind,
    so that waiting on 2,000 phones costs the load generator little)."""
    behind = list(phones)

    def done():
        behind[:] = [p for p in behind if p.v < v and p.closed_ns is None]
        return not behind

    return await until(done, timeout, step=0.02)


def percentile(values, p):
    """Nearest rank: the value that p% of the values are at or below."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def dropped(phones):
    return sum(p.closed_ns is not None for p in phones)


def spread(values_ms):
    return {
        "p50": percentile(values_ms, 50),
        "p95": percentile(values_ms, 95),
        "max": max(values_ms) if values_ms else None,
    }


class Phase:
    """Server CPU (from /proc), wall time and the load generator's CPU over a `with` block."""

    def __init__(self, server, hub):
        self.server, self.hub = server, hub

    def __enter__(self):
        self.cpu0, self.t0 = self.server.cpu(), time.monotonic()
        self.gen0, self.msgs0 = time.process_time(), self.hub.received
        self.bytes0 = self.hub.bytes
        return self

    def __exit__(self, *exc):
        self.cpu = self.server.cpu() - self.cpu0
        self.wall = time.monotonic() - self.t0
        self.gen = time.process_time() - self.gen0
        self.msgs = self.hub.received - self.msgs0
        self.bytes = self.hub.bytes - self.bytes0

    def figures(self):
        return {
            "wall_s": round(self.wall, 2),
            "server_cpu_s": round(self.cpu, 3),
            "server_cpu_pct": round(100 * self.cpu / self.wall, 1) if self.wall else None,
            "gen_cpu_pct": round(100 * self.gen / self.wall, 1) if self.wall else None,
            "gen_us_per_msg": round(1e6 * self.gen / self.msgs, 1) if self.msgs else None,
        }


class Crowd:
    """n phones and a host on one server; for the app, on a fresh event."""

    def __init__(self, server, http, hub):
        self.server, self.http, self.hub = server, http, hub
        self.base = server.url
        self.is_app = isinstance(server, App)
        self.phones, self.host, self.code = [], None, None
        self.host_state = None  # the host's last raw state (the agenda's segment ids)
        self.kb_per_phone = None
        self.errors = []  # what went wrong while setting the room up
        self._beat = None

    async def open(self, n):
        if self.is_app:
            self.code, cookie = await create_event(self.http, self.base)
            self.host = await self.sock(cookie, "host", self._keep_host_state)
            made = await bounded(
                (join(self.http, self.base, self.code, f"Phone {i}") for i in range(n)),
                JOINS_AT_ONCE,
            )
            cookies = keep(made, "joins", self.errors)
        else:
            self.host = await self.sock("", "host")
            cookies = [""] * n
        before = self.server.rss_kb()
        made = await bounded((self.sock(c, "attendee") for c in cookies), CONNECTS_AT_ONCE)
        self.phones = keep(made, "connections", self.errors)
        if self.is_app:  # every phone gets its state on connect
            await all_reach(self.phones, 0, 60)
            self._beat = asyncio.create_task(self._heartbeat())
        await asyncio.sleep(QUIET["seconds"])
        self.kb_per_phone = (self.server.rss_kb() - before) / max(1, len(self.phones))
        return self

    async def sock(self, cookie, role, watch=None):
        auth = {"code": self.code, "role": role} if self.is_app else {}
        s = Sock(self.hub, cookie)
        s.watch = watch
        return await s.connect(self.http, self.base, auth)

    def _keep_host_state(self, name, data, t):
        if name == "state":
            self.host_state = data

    async def _heartbeat(self):
        """`here` from every phone once per 25 s, spread out, as the phone page does."""
        while True:
            phones = list(self.phones)
            if not phones:
                await asyncio.sleep(HEARTBEAT_SECONDS)
            for p in phones:
                if p.closed_ns is None and not p.ws.closed:
                    with contextlib.suppress(ConnectionError, aiohttp.ClientError):
                        await p.emit("here", {})
                await asyncio.sleep(HEARTBEAT_SECONDS / len(phones))

    def segment_id(self, kind):
        agenda = json.loads(self.host_state[2:])[1]["agenda"]
        return next(s["id"] for s in agenda if s["kind"] == kind)

    async def host_command(self, name, args=None, timeout=60):
        if self.host.closed_ns is not None:
            raise RuntimeError(f"the host's socket was {self.host.close_reason}")
        ack, sent, t = await self.host.command(name, args, timeout=timeout)
        if not ack.get("ok"):
            raise RuntimeError(f"host command {name} refused: {ack}")
        return ack, sent, t

    async def settle(self, v, timeout=60):
        """Wait until every phone has a state at version v or later, then a quiet second."""
        await all_reach(self.phones, v, timeout)
        await asyncio.sleep(QUIET["seconds"])

    async def goto(self, kind):
        ack, _, _ = await self.host_command("agenda.goto", {"segment_id": self.segment_id(kind)})
        await self.settle(ack["v"])

    async def close(self):
        if self._beat is not None:
            self._beat.cancel()
        await bounded((p.close() for p in [*self.phones, self.host] if p), 200)


def keep(results, what, errors):
    """The phones that made it; a few failures are noted, more than 10% end this room."""
    ok = [r for r in results if not isinstance(r, BaseException)]
    if len(ok) < len(results):
        bad = next(r for r in results if isinstance(r, BaseException))
        errors.append(f"{len(results) - len(ok)} of {len(results)} {what} failed: {bad!r}"[:300])
        if len(ok) < 0.9 * len(results):
            raise RuntimeError(errors[-1])
    return ok
