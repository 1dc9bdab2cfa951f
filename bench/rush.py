"""A QR-code rush: n phones scan and join over `seconds`, evenly spread, on a fresh event with
its host connected and the first segment live.

Each phone: GET /j/CODE, POST the form (CSRF token, cid), open its socket (the phone page the
redirect leads to is not fetched);
"first state" is from the first GET to the first `state` on the socket. An error is any HTTP
refusal, refused or dropped socket, or no state within 30 s. Against the bare eventlet server
the same phones do the same three steps on its bare join (bench/bare_eventlet.py): the floor.
"""

import asyncio
import time

from crowd import Crowd, Phase, spread
from phones import Sock, join


async def one_phone(crowd, i, at, out):
    await asyncio.sleep(max(0.0, at - time.monotonic()))
    start = time.time_ns()
    try:
        cookie = await join(crowd.http, crowd.base, crowd.code or "bare", f"Rush {i}")
        sock = Sock(crowd.hub, cookie)
        crowd.phones.append(sock)
        await sock.connect(crowd.http, crowd.base, {"code": crowd.code, "role": "attendee"})
        try:
            first = await asyncio.wait_for(sock.first_state, 30)
        except TimeoutError:
            raise TimeoutError("no state within 30 s") from None
        out.append(("ok", (first - start) / 1e6))
    except Exception as exc:  # counted, not fatal: the rush goes on
        out.append(("error", f"{type(exc).__name__}: {exc}"[:200]))


async def rush(server, http, hub, n, seconds=10.0):
    crowd = await Crowd(server, http, hub).open(0)
    try:
        if crowd.is_app:
            await crowd.host_command("agenda.start")
        out = []
        with Phase(server, hub) as phase:
            start = time.monotonic()
            await asyncio.gather(
                *(one_phone(crowd, i, start + i * seconds / n, out) for i in range(n))
            )
        first = [ms for kind, ms in out if kind == "ok"]
        errors = [msg for kind, msg in out if kind == "error"]
        return {
            "server": server.name,
            "phones": n,
            "over_s": seconds,
            "first_state_ms": spread(first),
            "errors": len(errors),
            "first_errors": sorted(set(errors))[:3],
            "cpu_ms_per_join": round(1000 * phase.cpu / n, 2),
            "state_bytes": max((p.state_len for p in crowd.phones), default=0),
            **phase.figures(),
        }
    finally:
        await crowd.close()
