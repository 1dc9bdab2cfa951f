"""socialapp in a real room, measured against a bare Flask-SocketIO eventlet server and a bare
Node socket.io 4 server in the same run (issue 11; method in bench/README.md).

    python bench/room.py                       # the whole table (about 10 minutes)
    python bench/room.py --quick               # small sizes, a minute or two
    python bench/room.py --scenario fanout --servers app,node --phones 300
    python bench/room.py --json results.json   # the raw figures too

Scenarios: fanout (all servers), round, rush, notes, burst, votes, questions (the app). Each
size and scenario gets a fresh server on a free loopback port with a fresh instance folder; the
phones share the machine's CPU with the server, so times are upper bounds (the load generator
reports its own CPU). Needs about 2.5 open files per phone (raised here up to the hard limit).
"""

import argparse
import asyncio
import functools
import json
import os
import resource
import sys
import time

from crowd import QUIET, Crowd
from fanout import DEFAULT_PAD, fanout, rounds
from phones import Hub, http_session
from questions import questions
from report import render
from rush import rush
from servers import KINDS, LOGS, Missing, ensure_node, raise_open_files, stop_all, stop_on_signals
from vote import votes
from wall import burst, notes

SCENARIOS = ("fanout", "round", "rush", "notes", "burst", "votes", "questions")
FULL = {"fanout": [250, 500, 1000, 2000], "round": [500, 1000, 2000], "rush": [500, 1000],
        "notes": [300], "burst": [150], "votes": [2000], "questions": [300, 2000]}  # fmt: skip
QUICK = {
    "fanout": [50, 100],
    "round": [50, 100],
    "rush": [100],
    "notes": [60],
    "burst": [30],
    "votes": [100],
    "questions": [100],
}
BARE_OVERHEAD = len('42["state",{"v":10,"pad":""}]')


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenario", default="all", help="comma list of " + ", ".join(SCENARIOS))
    p.add_argument("--servers", default="app,eventlet,node", help="comma list (fan-out only)")
    p.add_argument("--quick", action="store_true", help="small sizes (develop, shared machine)")
    p.add_argument("--phones", type=int, help="one size for every scenario")
    p.add_argument("--actions", type=int, default=20, help="fan-out changes per size")
    p.add_argument("--interval", type=float, default=0.5, help="seconds between changes")
    p.add_argument("--rounds", type=int, default=3, help="icebreaker rounds per size")
    p.add_argument("--rush-seconds", type=float, default=10.0)
    p.add_argument("--notes-seconds", type=float, default=5.0)
    p.add_argument("--per-phone", type=int, default=5, help="notes per phone in the burst")
    p.add_argument("--votes-seconds", type=float, default=10.0, help="ballots spread over")
    p.add_argument("--questions-seconds", type=float, default=60.0, help="asking and upvoting")
    p.add_argument("--upvotes", type=int, default=3, help="upvotes per phone (questions)")
    p.add_argument("--settle", type=float, default=1.0, help="quiet seconds before a phase")
    p.add_argument("--same-server", action="store_true", help="one server per kind (smoke tests)")
    p.add_argument(
        "--deflate", action="store_true", help="offer permessage-deflate, as browsers do"
    )
    p.add_argument("--json", help="also write the raw figures to this file")
    p.add_argument("--logs", help="keep every server's log in this folder")
    args = p.parse_args(argv)
    args.scenarios = SCENARIOS if args.scenario == "all" else args.scenario.split(",")
    args.kinds = args.servers.split(",")
    for name, known in ((args.scenarios, SCENARIOS), (args.kinds, KINDS)):
        bad = set(name) - set(known)
        if bad:
            p.error(f"unknown: {', '.join(sorted(bad))} (choose from {', '.join(known)})")
    sizes = QUICK if args.quick else FULL
    args.sizes = {s: [args.phones] if args.phones else sizes[s] for s in SCENARIOS}
    return args


def say(*parts):
    print(*parts, file=sys.stderr, flush=True)


class Servers:
    """A fresh server for every job; or, with --same-server (smoke tests), one server per
    kind started at once up front and kept for every job (each app job on its own event)."""

    def __init__(self, kinds, same):
        self.kinds, self.same, self.kept = kinds, same, {}

    async def open(self):
        if self.same:
            self.kept = {k: KINDS[k]().launch() for k in self.kinds}
            for server in self.kept.values():
                await server.ready()
        return self

    def close(self):
        for server in self.kept.values():
            server.stop()

    async def run(self, kind, job, results, what):
        """Run job(server) on a server of this kind; a fresh one is stopped whatever happens.
        A job that fails is noted in the results and the run goes on."""
        try:
            if kind in self.kept:
                return await job(self.kept[kind])
            server = await KINDS[kind]().start()
            try:
                return await job(server)
            finally:
                server.stop()
        except Exception as exc:
            results["failures"].append(f"{what} on {kind}: {type(exc).__name__}: {exc}"[:500])
            say("FAILED:", results["failures"][-1])


async def rooms(args, servers, http, hub, results):
    """Fan-out at every size on every server, app first (its state size pads the others);
    the icebreaker rounds on the same app room."""
    want_fanout, want_round = "fanout" in args.scenarios, "round" in args.scenarios
    sizes = set(args.sizes["fanout"] if want_fanout else [])
    sizes |= set(args.sizes["round"] if want_round and "app" in args.kinds else [])
    pad = {"bytes": DEFAULT_PAD}
    for n in sorted(sizes):
        for kind in sorted(args.kinds, key=lambda k: k != "app"):
            plan = {
                "fanout": want_fanout and n in args.sizes["fanout"],
                "round": want_round and kind == "app" and n in args.sizes["round"],
            }
            if any(plan.values()):
                job = functools.partial(one_room, args, http, hub, results, n, plan, pad)
                await servers.run(kind, job, results, f"fanout/round at {n}")


async def one_room(args, http, hub, results, n, plan, pad, server):
    crowd = await Crowd(server, http, hub).open(n)
    try:
        if plan["fanout"]:
            r = await fanout(crowd, args.actions, args.interval, pad["bytes"])
            if crowd.is_app:
                pad["bytes"] = max(0, r["state_bytes"] - BARE_OVERHEAD)
            results["fanout"].append({"server": server.name, **r, "setup": crowd.errors})
            say(f"fanout {n} {server.name}: last phone {r['last_ms']} ms")
        if plan["round"]:
            done = await rounds(crowd, args.rounds)
            results["round"] += done
            say(f"round {n}: last phone grouped {[r['last_grouped_ms'] for r in done]} ms")
    finally:
        await crowd.close()


async def app_scenarios(args, servers, http, hub, results):
    """The join rush (on the bare server too: its floor), then the app's own scenarios."""
    for n in args.sizes["rush"] if "rush" in args.scenarios else []:
        for kind in [k for k in ("app", "eventlet") if k in args.kinds]:  # Node: no join form
            job = functools.partial(rush, http=http, hub=hub, n=n, seconds=args.rush_seconds)
            r = await servers.run(kind, job, results, f"rush of {n}")
            if r:
                results["rush"].append(r)
                say(f"rush {n} {kind}: first state {r['first_state_ms']} ms, {r['errors']} errors")
    for key, run in (
        ("notes", lambda crowd: notes(crowd, args.notes_seconds)),
        ("burst", lambda crowd: burst(crowd, args.per_phone)),
        ("votes", lambda crowd: votes(crowd, args.votes_seconds)),
        ("questions", lambda crowd: questions(crowd, args.questions_seconds, args.upvotes)),
    ):
        for n in args.sizes[key] if key in args.scenarios and "app" in args.kinds else []:

            async def job(server, n=n, run=run):
                crowd = await Crowd(server, http, hub).open(n)
                try:
                    return {**await run(crowd), "setup": crowd.errors}
                finally:
                    await crowd.close()

            r = await servers.run("app", job, results, f"{key} at {n}")
            if r:
                results[key].append(r)
                say(f"{key} {n}: {r}")


def load_average():
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def header(args):
    deflate = "offered" if args.deflate else "not offered"
    return (
        f"socialapp in a real room ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
        f"load average before the run {load_average()}; phones and servers share the machine; "
        f"permessage-deflate {deflate})"
    )


async def main(args):
    results = {"header": header(args), "failures": [], **{s: [] for s in SCENARIOS}}
    stop_on_signals(asyncio.current_task())
    hub = Hub(compress=15 if args.deflate else 0)
    servers = await Servers(args.kinds, args.same_server).open()
    try:
        async with http_session() as http:
            await rooms(args, servers, http, hub, results)
            await app_scenarios(args, servers, http, hub, results)
    finally:
        servers.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    results["footer"] = (
        f"Load average after the run {load_average()}; the load generator's CPU: "
        f"{time.process_time():.0f} s in all, its peak memory {peak} MB."
    )
    return results


def run(argv=None):
    args = parse(argv)
    QUIET["seconds"] = args.settle
    if args.logs:
        os.makedirs(args.logs, exist_ok=True)
        LOGS["dir"] = args.logs
    try:
        if "node" in args.kinds and "fanout" in args.scenarios:
            ensure_node()
        raise_open_files(3 * max(max(v) for v in args.sizes.values()) + 1024)
    except Missing as exc:
        sys.exit(f"bench/room.py: {exc}")
    try:
        results = asyncio.run(main(args))
    except asyncio.CancelledError:
        stop_all()
        sys.exit("bench/room.py: interrupted; the servers it started are stopped")
    print(render(results))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    run()
