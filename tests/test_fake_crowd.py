"""A scripted crowd of fake attendees learns no contact line from people who did not confirm
meeting them.

48 fakes (three times the real people) join from one client (one address), stay connected, get
grouped with real people over several icebreaker rounds (pairs, then trios), tap "we found each
other" every time and "I met them" on everyone they were grouped with. Real people confirm
only the real people they find; one careless real person taps "found" whatever happens. Then
real people share contact lines, the event ends, and every message each fake socket received
and each fake's after-event page are searched for every contact line: a fake may only ever hold
the line of someone who confirmed meeting that very fake.
"""

import json
import re

from socialapp.extensions import db
from socialapp.kinds.icebreaker.models import IcebreakerPair
from tests.conftest import command, last

# Every socket is a synchronous test client, so each state costs the whole crowd: 200 fakes took
# four minutes of CI for the same rule.
FAKES = 48
REAL = [f"Real{i}" for i in range(16)]
CARELESS = "Real0"  # taps "found" without looking: their word counts, nobody else's


def contact_of(name):
    return f"{name.lower()}@real.example.org"


def join_from(app, code, name, addr):
    c = app.test_client()
    c.environ_base["REMOTE_ADDR"] = addr
    r = c.post(f"/j/{code}", data={"name": name})
    assert r.status_code == 302, (name, r.status_code)
    return c


def test_a_crowd_of_fakes_learns_no_contact_line(app, event, host, sio):
    code = event["code"]
    fake_http = [join_from(app, code, f"Fake {i}", "203.0.113.66") for i in range(FAKES)]
    real_http = {n: join_from(app, code, n, f"10.0.{i}.1") for i, n in enumerate(REAL)}
    h = sio(host, "host")
    fakes = [sio(c, "attendee") for c in fake_http]
    reals = {n: sio(c, "attendee") for n, c in real_http.items()}
    assert all(s.is_connected() for s in [*fakes, *reals.values()])
    inbox = {id(s): [] for s in fakes}
    real_ids = {n: last(s.get_received(), "me")["id"] for n, s in reals.items()}
    fake_ids = {last(s.get_received(), "me")["id"]: s for s in fakes}
    agenda = last(h.get_received(), "state")["agenda"]
    seg = {s["kind"]: s["id"] for s in agenda}

    def take(s):
        """What a socket received since last time (a fake's is kept for the search below).
        Ending the event closes the phones' sockets: what arrived before still counts."""
        got = s.get_received() if s.is_connected() else s.queue
        if not s.is_connected():
            s.queue = []
        if id(s) in inbox:
            inbox[id(s)].extend(got)
        return got

    def drain():
        for s in [*fakes, h, *reals.values()]:
            take(s)

    assert command(h, "agenda.goto", {"segment_id": seg["icebreaker"]})["ok"]
    for s in reals.values():  # "I'm here": present all segment long, however slow the script
        assert command(s, "icebreaker.here")["ok"]
    real_met = set()
    for number, mode in ((1, 2), (2, 3), (3, 2)):
        assert command(h, "icebreaker.mode", {"group_size": mode})["ok"]
        for s in [*fakes, *reals.values()]:  # the phones' heartbeat: all present
            s.emit("here", {}, callback=True)
        drain()
        ack = command(h, "icebreaker.start_round")
        assert ack["ok"] and ack["round"] == number, ack
        if number == 3:  # the fakes walk out of this one; the host places who is left alone
            for s in fakes:
                assert command(s, "icebreaker.skip")["ok"]
            assert command(h, "icebreaker.place")["ok"]
        for s in fakes:
            me = last(take(s), "me")
            if me["kind"].get("status") == "grouped":
                assert command(s, "icebreaker.found")["ok"]
        for name, s in reals.items():
            me = last(take(s), "me")["kind"]
            assert me["status"] == "grouped", (name, me)
            mates = [m["id"] for m in me["mates"] if m["id"] in real_ids.values()]
            if name == CARELESS:
                assert command(s, "icebreaker.found")["ok"]
            elif mates:  # found the real people in the group, never the absent fakes
                assert command(s, "icebreaker.found", {"mates": mates})["ok"]
            real_met |= {frozenset((real_ids[name], m)) for m in mates}
        drain()
    assert real_met  # round 3 at least

    # Stay connected: the fakes "confirm" everyone on their lists; real people share.
    assert command(h, "agenda.goto", {"segment_id": seg["connect"]})["ok"]
    for s in fakes:
        for person in last(take(s), "me")["kind"]["met"]:
            assert command(s, "connect.confirm", {"attendee_id": person["id"]})["ok"]
    for name, s in reals.items():
        assert command(s, "connect.share", {"contact": contact_of(name)})["ok"]
    drain()
    assert host.post(f"/e/{code}/host/end").status_code == 302
    drain()

    # Who confirmed meeting whom, as stored: a fake may hold only the lines of real people
    # who confirmed that fake.
    with app.app_context():
        rows = db.session.query(
            IcebreakerPair.a,
            IcebreakerPair.b,
            IcebreakerPair.a_confirmed_at,
            IcebreakerPair.b_confirmed_at,
        ).all()
    confirmed = {(a, b) for a, b, at, _ in rows if at} | {(b, a) for a, b, _, bt in rows if bt}
    by_id = {i: n for n, i in real_ids.items()}
    pattern = re.compile(r"real\d+@real\.example\.org")
    leaks, allowed_seen = [], 0
    for fid, s in fake_ids.items():
        after = fake_http[list(fake_ids).index(fid)].get(f"/j/{code}")
        assert after.status_code == 200 and b"People you met" in after.data
        texts = [json.dumps(m) for m in inbox[id(s)]] + [after.data.decode()]
        for found in {c for t in texts for c in pattern.findall(t)}:
            owner = next(n for n in REAL if contact_of(n) == found)
            if (real_ids[owner], fid) in confirmed:
                allowed_seen += 1  # the careless one said they met this fake
            else:
                leaks.append((fid, owner))
    assert leaks == []
    assert all(
        n == CARELESS for n in {by_id[a] for a, b in confirmed if a in by_id and b in fake_ids}
    )

    # Not vacuous: real people who both found each other see each other's lines.
    seen_by_real = 0
    for name, client in real_http.items():
        page = client.get(f"/j/{code}").data.decode()
        for pair in real_met:
            if real_ids[name] in pair:
                other = by_id[next(iter(pair - {real_ids[name]}))]
                if (real_ids[name], real_ids[other]) in confirmed and (
                    real_ids[other],
                    real_ids[name],
                ) in confirmed:
                    assert contact_of(other) in page, (name, other)
                    seen_by_real += 1
    assert seen_by_real >= 2
    print(f"\n{FAKES} fakes, {len(REAL)} real: {allowed_seen} lines the careless one gave away")
