"""Questions from the floor under a crowd (issue 14): for `seconds` (a minute) phones ask and
upvote while a projector records every public state.

One phone in 20 (at least 5 phones) asks one question (in the first third of the run); every
phone upvotes `per_phone` questions (3 by default) at random moments (waiting for a question if
none is left to vote for), choosing among the questions asked so far with a skew (early,
popular ones get more), never the same question twice; every 10th vote is sent a second time
with the same cid (bad Wi-Fi), which must not take it back. At 2,000 phones that is 100
questions and 6,000 votes a minute, about 100 commands a second for the room but at most 4 a
minute per phone: far under the per-phone limit (10 at once, 1 a second).

Measured: vote acks; for every acked vote, from its ack to the projector's first state at
that version or later (0 if the projector had it first; "never shown" if it never came);
then the projector's final list against the database's (the order of socialapp.core.questions
over the stored votes) and every vote stored exactly once (the stored counts against the acks).
"""

import asyncio
import bisect
import json
import random
import sqlite3
import time
from collections import Counter
from itertools import accumulate

from crowd import Phase, spread, until

ASKERS_EVERY = 20
SHOWN = 40  # the public view's list (socialapp/kinds/questions/reading.py)


class Projector:
    """A display socket; its Sock keeps (v, t_ns) of every state, this keeps the last one."""

    def __init__(self, crowd):
        self.crowd, self.last = crowd, None

    async def open(self):
        self.sock = await self.crowd.sock("", "display", self.watch)
        return self

    def watch(self, name, data, t):
        if name == "state":
            self.last = data

    def top(self):
        """The final list as the projector has it: [(question id, votes)]."""
        kind = json.loads(self.last[2:])[1]["kind"] if self.last else {}
        return [(q["id"], q["votes"]) for q in kind.get("questions", [])]

    def lags_ms(self, acks):
        """From each (v, acked_ns) to the first state at v or later; None if none came."""
        states = self.sock.states
        reached = list(accumulate((v for v, _ in states), max))
        out = []
        for v, acked in acks:
            i = bisect.bisect_left(reached, v)
            out.append(max(0.0, (states[i][1] - acked) / 1e6) if i < len(states) else None)
        return out


def database_top(server, segment_id):
    """The open questions in the room's order, from the app's SQLite file: [(id, votes)]."""
    db = sqlite3.connect(
        f"file:{server.folder / 'instance' / 'socialapp.sqlite'}?mode=ro", uri=True
    )
    try:
        rows = db.execute(
            "SELECT q.id, q.created_at, count(v.id) FROM questions_question q"
            " LEFT JOIN questions_vote v ON v.question_id = q.id"
            " WHERE q.segment_id = ? AND q.status = 'open' GROUP BY q.id",
            (segment_id,),
        ).fetchall()
    finally:
        db.close()
    rows.sort(key=lambda r: (-r[2], -r[1], -r[0]))  # socialapp.core.questions.rank_key
    return [(qid, votes) for qid, _, votes in rows]


async def setup(crowd):
    await crowd.host_command("agenda.add", {"kind": "questions", "title": "Q&A", "minutes": 15})
    await until(
        lambda: '"kind": "questions"' in (crowd.host_state or "").replace('":"', '": "'), 30
    )
    await crowd.goto("questions")
    return crowd.segment_id("questions")


async def send(phone, name, args, cid, timeout=60):
    """(ack or None, ack time in ms or None, acked_ns or None, refusal code or None)."""
    try:
        ack, sent, acked = await phone.command(name, args, cid, timeout)
    except Exception:  # no ack in time or a dropped socket: counted, the phone goes on
        return None, None, None, "no ack"
    return ack, (acked - sent) / 1e6, acked, None if ack.get("ok") else ack.get("code")


async def questions(crowd, seconds=60.0, per_phone=3):
    projector = await Projector(crowd).open()
    segment_id = await setup(crowd)
    phones, rng = crowd.phones, random.Random(14)
    asked, acks, ack_ms, refused, tally = [], [], [], [], Counter()
    start = time.monotonic()

    async def ask(i):
        await asyncio.sleep(rng.uniform(0, seconds / 3))
        args = {"text": f"Bench question {i}: how does this scale to the whole room?"}
        ack, _, _, code = await send(phones[i], "questions.ask", args, f"q{i}")
        if code:
            refused.append(code)
        else:
            asked.append(ack["question_id"])

    async def votes(i):
        mine = set()
        for k, at in enumerate(sorted(rng.uniform(0, seconds) for _ in range(per_phone))):
            await asyncio.sleep(max(0.0, start + at - time.monotonic()))
            left = start + seconds - time.monotonic()  # too early: wait for a question
            await until(lambda: any(q not in mine for q in asked), max(0.0, left), step=0.1)
            choices = [q for q in asked if q not in mine]
            if not choices:
                continue
            qid = choices[min(len(choices) - 1, int(rng.expovariate(1 / 8)))]
            mine.add(qid)
            cid, args = f"v{i}x{k}", {"question_id": qid}
            ack, ms, acked, code = await send(phones[i], "questions.vote", args, cid)
            if ms is not None:
                ack_ms.append(ms)
            if code:
                refused.append(code)
                continue
            if (i + k) % 10 == 0:  # the same vote again: counted once, not taken back
                again, _, _, code = await send(phones[i], "questions.vote", args, cid)
                refused.extend([code] if code else [])
                ack = again if again and again.get("ok") else ack
            if ack.get("voted"):
                tally[qid] += 1
                acks.append((ack["v"], acked))
            else:
                refused.append("taken back")

    with Phase(crowd.server, crowd.hub) as phase:
        askers = range(0, len(phones), min(ASKERS_EVERY, max(1, len(phones) // 5)))
        await asyncio.gather(*(ask(i) for i in askers), *(votes(i) for i in range(len(phones))))
        last_v = max((v for v, _ in acks), default=0)
        await until(lambda: projector.sock.v >= last_v, 30)
    lags = projector.lags_ms(acks)
    shown = [x for x in lags if x is not None]
    projector_top = projector.top()
    db_top = database_top(crowd.server, segment_id)
    await projector.sock.close()
    stored = sum(v for _, v in db_top)
    return {
        "phones": len(phones),
        "over_s": seconds,
        "questions": len(asked),
        "votes": len(acks),
        "votes_per_s": round(len(acks) / seconds, 1),
        "vote_ack_ms": spread(ack_ms),
        "lag_ms": spread(shown),
        "never_shown": len(lags) - len(shown),
        "states": len(projector.sock.states),
        "final_list_matches": projector_top == db_top[:SHOWN],
        "stored": stored,
        "expected": len(acks),
        "twice_or_more": max(0, stored - len(acks)),
        "exactly_once": {q: n for q, n in db_top if n} == dict(tally),
        "refused": dict(Counter(refused)),
        **phase.figures(),
    }
