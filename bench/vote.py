"""A best-paper vote under a crowd: every phone casts one ranked ballot, evenly spread over
`seconds` (2,000 in 10 s), with the host's panel and a projector connected.

Measured: ballot acks (p50 / p95 / max); how long after the last ack the host's panel shows
every ballot (the live count follows ballots within a sweep, not one state per ballot);
every ballot stored exactly once (the voter count a fresh projector gets, after a second
copy of every 10th ballot was sent with the same client id); then the reveal: from the
host's command to the last phone holding the result.
"""

import asyncio
import json
import random
import re
import time
from collections import Counter

from crowd import Phase, all_reach, spread, until

OPTIONS = ["Attention, again", "Tiny models", "Diffusion for proteins", "RLHF at scale", "SAM"]
VOTERS = re.compile(r'"voters":\s*(\d+)')


def host_voters(crowd):
    """The highest voter count on the host's panel (the vote's only question)."""
    found = VOTERS.findall(crowd.host_state or "")
    return max(map(int, found)) if found else 0


async def setup(crowd):
    await crowd.host_command("agenda.add", {"kind": "vote", "title": "Best paper", "minutes": 15})
    await until(lambda: '"kind": "vote"' in (crowd.host_state or "").replace('":"', '": "'), 30)
    sid = crowd.segment_id("vote")
    question = {"segment_id": sid, "title": "Best paper", "type": "ranked", "options": OPTIONS}
    await crowd.host_command("vote.add", question)
    await crowd.goto("vote")
    await crowd.host_command("vote.open", {})


async def cast(phone, i, rng, timeout=60):
    ranking = rng.sample(OPTIONS, rng.randint(1, len(OPTIONS)))
    args = {"answer": ranking}
    try:
        ack, sent, acked = await phone.command("vote.cast", args, f"b{i}", timeout)
        if i % 10 == 0:  # a phone on bad Wi-Fi sends its ballot again: counted once
            await phone.command("vote.cast", args, f"b{i}", timeout)
    except Exception:  # no ack in time or a dropped socket: counted, the phone goes on
        return None, None, "no ack"
    return sent, acked, None if ack.get("ok") else ack.get("code")


async def snapshot_voters(crowd):
    got = []
    sock = await crowd.sock("", "display", lambda n, d, t: n == "state" and got.append(d))
    await until(lambda: got, 30)
    await sock.close()
    return json.loads(got[0][2:])[1]["kind"]["question"]["voters"] if got else None


async def votes(crowd, seconds=10.0):
    await setup(crowd)
    phones, rng, acks, refused, last_ack = crowd.phones, random.Random(7), [], [], [0]

    async def one(i, at):
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        sent, acked, code = await cast(phones[i], i, rng)
        if acked is not None:
            acks.append((acked - sent) / 1e6)
            last_ack[0] = max(last_ack[0], acked)
        if code:
            refused.append(code)

    with Phase(crowd.server, crowd.hub) as phase:
        start = time.monotonic()
        gap = seconds / len(phones)
        await asyncio.gather(*(one(i, start + i * gap) for i in range(len(phones))))
        ok = len(phones) - len(refused)
        shown = await until(lambda: host_voters(crowd) >= ok, 30)
        host_lag_ms = (time.time_ns() - last_ack[0]) / 1e6 if shown else None
    stored = await snapshot_voters(crowd)
    ack, sent, _ = await crowd.host_command("vote.reveal", {})
    reached = await all_reach(phones, ack["v"], 60)
    reveal_ms = (time.time_ns() - sent) / 1e6
    return {
        "phones": len(phones),
        "over_s": seconds,
        "ballot_ack_ms": spread(acks),
        "refused": dict(Counter(refused)),
        "host_shows_all_after_last_ack_ms": round(host_lag_ms) if host_lag_ms else None,
        "stored": stored,
        "expected": len(phones),
        "twice_or_more": max(0, (stored or 0) - len(phones)),  # the unique key forbids it
        "exactly_once": stored == ok == len(phones),
        "reveal_to_last_phone_ms": round(reveal_ms) if reached else None,
        **phase.figures(),
    }
