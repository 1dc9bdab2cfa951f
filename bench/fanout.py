"""Fan-out (one public change to every phone) and the icebreaker round, on a connected Crowd.

Fan-out: the host sends `agenda.extend` (the bare servers: `bcast`, padded to the app's state
size) `actions` times, `interval` s apart; for each, the latency is from the host's send to
the last phone receiving a state whose v is at least the ack's v.
Round: the host sends `icebreaker.start_round`; the time until the last phone has a `me`
saying it is grouped in that round.
"""

import asyncio
import re
import time

from crowd import QUIET, Phase, all_reach, dropped, spread, until

ROUND = re.compile(r'"kind":\{"round":(\d+),')
DEFAULT_PAD = 1460  # the app's public state at the Welcome segment, when the app is not run


def first_arrivals(states, versions):
    """For each version (ascending), the time of the first state at that version or later."""
    out, i = [], 0
    for v in versions:
        while i < len(states) and states[i][0] < v:
            i += 1
        out.append(states[i][1] if i < len(states) else None)
    return out


async def fanout(crowd, actions=20, interval=0.5, pad=DEFAULT_PAD):
    phones, host = crowd.phones, crowd.host
    if crowd.is_app:  # a live segment with a timer to extend
        ack, _, _ = await crowd.host_command("agenda.start")
        await crowd.settle(ack["v"])
    marks = [len(p.states) for p in phones]
    sends = []
    with Phase(crowd.server, crowd.hub) as phase:
        start = time.monotonic()
        for i in range(actions):
            await asyncio.sleep(max(0.0, start + i * interval - time.monotonic()))
            if crowd.is_app:
                ack, sent, acked = await crowd.host_command("agenda.extend", {"seconds": 10})
            else:
                ack, sent, acked = await host.call("bcast", {"pad": pad})
            sends.append((ack["v"], sent, acked))
        await all_reach(phones, sends[-1][0], 60)
    versions = [v for v, _, _ in sends]
    got = [first_arrivals(p.states[m:], versions) for p, m in zip(phones, marks, strict=True)]
    last, everyone = [], []
    for k, (_, sent, _) in enumerate(sends):
        times = [g[k] for g in got if g[k] is not None]
        everyone += [(t - sent) / 1e6 for t in times]
        if times:
            last.append((max(times) - sent) / 1e6)
    lost = sum(t is None for g in got for t in g)
    cpu = phase.cpu
    return {
        "phones": len(phones),
        "last_ms": spread(last),
        "every_phone_ms": spread(everyone),
        "lost": lost,
        "dropped": dropped(phones),
        "host_ack_ms": spread([(a - s) / 1e6 for _, s, a in sends]),
        "cpu_ms_per_action": round(1000 * cpu / actions, 1),
        "cpu_us_per_msg": round(1e6 * cpu / (actions * len(phones)), 1),
        "kb_per_phone": round(crowd.kb_per_phone, 1),
        "state_bytes": phones[0].state_len,
        **phase.figures(),
    }


class Grouped:
    """When each phone first got a `me` grouped in one round (scanning only what is new)."""

    def __init__(self, phones, round_no=None):
        self.phones, self.round_no = phones, round_no
        self.scanned = [len(p.mes) for p in phones]
        self.at = [None] * len(phones)

    def all(self):
        for i, p in enumerate(self.phones):
            if self.at[i] is None and len(p.mes) > self.scanned[i]:
                self.at[i] = self._first(p.mes, self.scanned[i])
                self.scanned[i] = len(p.mes)
        return all(self.at)

    def _first(self, mes, start):
        for t, data in mes[start:]:
            head = ROUND.search(data)
            if head and int(head.group(1)) == self.round_no and '"status":"grouped"' in data:
                return t
        return None


async def rounds(crowd, count=3):
    """`count` icebreaker rounds in a row (later rounds avoid earlier pairs)."""
    await crowd.goto("icebreaker")
    out = []
    for _ in range(count):
        grouped = Grouped(crowd.phones)
        with Phase(crowd.server, crowd.hub) as phase:
            ack, sent, acked = await crowd.host_command("icebreaker.start_round", timeout=120)
            grouped.round_no = ack["round"]
            complete = await until(grouped.all, 120, step=0.02)
        got = [(t - sent) / 1e6 for t in grouped.at if t is not None]
        out.append(
            {
                "phones": len(crowd.phones),
                "round": ack["round"],
                "groups": ack.get("groups"),
                "matched": ack.get("matched"),
                "dropped": dropped(crowd.phones),
                "last_grouped_ms": max(got) if got else None,
                "grouped_ms": spread(got),
                "not_grouped": len(crowd.phones) - len(got),
                "complete": complete,
                "host_ack_ms": (acked - sent) / 1e6,
                "cpu_ms": round(1000 * phase.cpu, 1),
                # What a round costs the venue's Wi-Fi: every frame received, per phone.
                "bytes_per_phone": round(phase.bytes / len(crowd.phones)),
                **phase.figures(),
            }
        )
        await asyncio.sleep(2 * QUIET["seconds"])
    return out
