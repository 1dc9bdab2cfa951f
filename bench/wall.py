"""The sticky-note wall under a crowd, with the projector connected.

notes: every phone posts one note, evenly spread over `seconds` (300 in 5 s); latency from the
phone's send to the projector's first state that shows it.
burst: every phone posts `per_phone` notes as fast as allowed (the next one as soon as the
last is acked) while the host sends `agenda.extend` every second; dropped sockets and the
host's command latency.
Both check that every note is stored exactly once, from a fresh projector's snapshot.
"""

import asyncio
import re
import time
from collections import Counter

from crowd import QUIET, Phase, spread, until

TOKEN = re.compile(r"bench note (\d+x\d+)\b")


def note_text(token):
    """About 60 characters, as a real note (the wall's sizes are measured with these)."""
    return f"Share the agenda a day early and keep notes, bench note {token}"


class Projector:
    """A display socket recording when each note first shows up in a state."""

    def __init__(self, crowd):
        self.crowd, self.seen = crowd, {}

    async def open(self):
        self.sock = await self.crowd.sock("", "display", self.watch)
        return self

    def watch(self, name, data, t):
        if name in ("state", "patch"):  # a patch carries the new notes' text too
            for token in TOKEN.findall(data):
                self.seen.setdefault(token, t)


async def stored(crowd):
    """Note tokens in the public state a newly connected projector gets: token -> count.
    After a quiet second: while the wall is patched, a screen that connects gets the room's
    last sent state (socialapp.streams), and the notes of the last broadcast window are in
    the send still to come (a burst that ends a moment before counted 748 of 750)."""
    await asyncio.sleep(QUIET["seconds"])
    snapshot = []
    sock = await crowd.sock("", "display", lambda n, d, t: n == "state" and snapshot.append(d))
    await until(lambda: snapshot, 30)
    await sock.close()
    return Counter(TOKEN.findall(snapshot[0])) if snapshot else Counter()


async def post(phone, token, timeout=60):
    """(sent_ns, acked_ns or None, refusal code or None) for one note."""
    args = {"text": note_text(token), "cid": f"n{token}"}
    try:
        ack, sent, acked = await phone.command("wall.note_add", args, f"c{token}", timeout)
    except TimeoutError:
        return time.time_ns(), None, f"no ack in {timeout} s"
    except Exception:  # counted, the phone goes on
        return time.time_ns(), None, f"socket {phone.close_reason}"
    return sent, acked, None if ack.get("ok") else ack.get("code")


def exactly_once(counts, expected):
    return {
        "stored": len(counts),
        "expected": expected,
        "twice_or_more": sum(c > 1 for c in counts.values()),
        "exactly_once": len(counts) == expected and all(c == 1 for c in counts.values()),
    }


async def notes(crowd, seconds=5.0):
    projector = await Projector(crowd).open()
    await crowd.goto("wall")
    phones, sent, refused = crowd.phones, {}, []

    async def one(i, at):
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        t, acked, code = await post(phones[i], f"{i}x0")
        sent[f"{i}x0"] = t
        if code:
            refused.append(code)

    with Phase(crowd.server, crowd.hub) as phase:
        start = time.monotonic()
        gap = seconds / len(phones)
        await asyncio.gather(*(one(i, start + i * gap) for i in range(len(phones))))
        await until(lambda: len(projector.seen) >= len(phones), 60)
    lat = [(projector.seen[k] - t) / 1e6 for k, t in sent.items() if k in projector.seen]
    await projector.sock.close()
    screens = len(phones) + 2  # the phones, the projector and the host panel
    return {
        "notes": len(phones),
        "over_s": seconds,
        "to_projector_ms": spread(lat),
        "kb_per_screen_per_s": round(phase.bytes / screens / phase.wall / 1000, 2),
        "kb_per_screen": round(phase.bytes / screens / 1000, 1),
        "never_shown": len(phones) - len(lat),
        "refused": dict(Counter(refused)),
        **exactly_once(await stored(crowd), len(phones)),
        **phase.figures(),
    }


async def burst(crowd, per_phone=5, host_every=1.0, timeout=60):
    projector = await Projector(crowd).open()
    await crowd.goto("wall")
    phones, acks, refused, host_ms, host_timeouts = crowd.phones, [], [], [], 0
    finished = asyncio.Event()

    async def writer(i, phone):
        for k in range(per_phone):
            t, acked, code = await post(phone, f"{i}x{k}", timeout)
            if acked is not None:
                acks.append((acked - t) / 1e6)
            if code:
                refused.append(code)
                if acked is None:
                    return  # no answer: this phone gives up

    async def host():
        nonlocal host_timeouts
        while not finished.is_set():
            start = time.monotonic()
            try:
                _, sent, acked = await crowd.host_command("agenda.extend", {"seconds": 10}, 30)
                host_ms.append((acked - sent) / 1e6)
            except Exception:  # no answer in 30 s, a refusal or a dropped socket
                host_timeouts += 1
            await asyncio.sleep(max(0.0, start + host_every - time.monotonic()))

    with Phase(crowd.server, crowd.hub) as phase:
        host_task = asyncio.create_task(host())
        await asyncio.gather(*(writer(i, p) for i, p in enumerate(phones)))
        finished.set()
        await host_task
    dropped = sum(p.closed_ns is not None for p in phones)
    await projector.sock.close()
    counts = await stored(crowd)
    return {
        "phones": len(phones),
        "per_phone": per_phone,
        "note_ack_ms": spread(acks),
        "refused": dict(Counter(refused)),
        "dropped_sockets": dropped,
        "host_dropped": crowd.host.closed_ns is not None,
        "host_command_ms": spread(host_ms),
        "host_timeouts": host_timeouts,
        **exactly_once(counts, len(phones) * per_phone),
        **phase.figures(),
    }
