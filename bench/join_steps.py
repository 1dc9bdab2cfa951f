"""Where a join's CPU goes, step by step, on the app and on the bare eventlet server (the floor).

    python bench/join_steps.py                # 500 phones per server
    python bench/join_steps.py --phones 1000 --rounds 3

A QR rush (room.py --scenario rush) interleaves the three steps of a join; here every phone
does one step before any phone does the next, a few at a time, so the server's CPU (from /proc)
over each step is that step's alone: the join page (GET), the form (POST: the app stores the
attendee, the bare server one row), and the socket up to its first state. Per step: server
CPU per phone on the app and on bare eventlet, and their ratio. A round repeats the whole on
a fresh server (the same event grows across the steps of one round: the room is as big as
it is in a rush). A step that some phone could not do (an HTTP refusal, no first state in
30 s) is reported and the run exits with status 1. Figures only; tests/test_bench.py checks
it runs.
"""

import argparse
import asyncio
import sys
import time

from crowd import Crowd, Phase
from phones import Hub, Sock, http_session, join_page, send_join
from servers import App, BareEventlet, raise_open_files, stop_all

AT_ONCE = 10  # phones in flight at a time: a busy server, not a queue
STEPS = ("page", "form", "socket")
FAILED = []  # steps some phones could not do: the run says so and exits with status 1


async def page(crowd, phone):
    phone["form"] = await join_page(crowd.http, crowd.base, crowd.code or "bare", phone["name"])


async def form(crowd, phone):
    code = crowd.code or "bare"
    phone["cookie"] = await send_join(crowd.http, crowd.base, code, phone["form"])


async def socket(crowd, phone):
    sock = Sock(crowd.hub, phone["cookie"])
    crowd.phones.append(sock)
    await sock.connect(crowd.http, crowd.base, {"code": crowd.code, "role": "attendee"})
    await asyncio.wait_for(sock.first_state, 30)


async def step(crowd, phones, do):
    """Every phone does `do`, AT_ONCE at a time: (server CPU ms per phone, errors)."""
    gate, errors = asyncio.Semaphore(AT_ONCE), []

    async def one(phone):
        async with gate:
            try:
                await do(crowd, phone)
            except Exception as exc:  # counted: the figure is per phone that did the step
                errors.append(f"{type(exc).__name__}: {exc}"[:120])

    with Phase(crowd.server, crowd.hub) as phase:
        await asyncio.gather(*(one(p) for p in phones))
    return 1000 * phase.cpu / len(phones), errors


async def one_round(kind, n, http, hub):
    server = await kind().start()
    try:
        crowd = await Crowd(server, http, hub).open(0)
        try:
            if crowd.is_app:
                await crowd.host_command("agenda.start")
            phones = [{"name": f"Step {i}"} for i in range(n)]
            out = {}
            for name, do in zip(STEPS, (page, form, socket), strict=True):
                await asyncio.sleep(0.5)  # what the last step left (batched sends) settles
                out[name], errors = await step(crowd, phones, do)
                if errors:
                    FAILED.append(f"{kind.name} {name}: {len(errors)} of {n} failed: {errors[0]}")
            return out
        finally:
            await crowd.close()
    finally:
        server.stop()


KINDS = {"app": App, "eventlet": BareEventlet}


async def main(n, rounds, kinds):
    hub = Hub()
    figures = {KINDS[k]: [] for k in kinds}
    async with http_session() as http:
        for _ in range(rounds):
            for kind in figures:
                figures[kind].append(await one_round(kind, n, http, hub))
    return {kind: {s: min(r[s] for r in runs) for s in STEPS} for kind, runs in figures.items()}


def render(n, rounds, best):
    nothing = dict.fromkeys(STEPS, 0.0)
    app, bare = best.get(App, nothing), best.get(BareEventlet, nothing)
    lines = [
        f"A join step by step ({time.strftime('%Y-%m-%d %H:%M')}): {n} phones, {AT_ONCE} at a "
        f"time, server CPU ms per phone, the lowest of {rounds} round(s)",
        "",
        "| step | app | bare eventlet | app / bare | app - bare |",
        "|---|---|---|---|---|",
    ]
    for s in (*STEPS, "all"):
        a = sum(app.values()) if s == "all" else app[s]
        b = sum(bare.values()) if s == "all" else bare[s]
        ratio = f"{a / b:.2f}" if b else "-"
        lines.append(f"| {s} | {a:.2f} | {b:.2f} | {ratio} | {a - b:.2f} |")
    return "\n".join(lines)


def run(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--servers", default="app,eventlet", help="app, eventlet or both")
    args = parser.parse_args(argv)
    raise_open_files(3 * args.phones + 1024)
    try:
        best = asyncio.run(main(args.phones, args.rounds, args.servers.split(",")))
    finally:
        stop_all()
    print(render(args.phones, args.rounds, best))
    if FAILED:
        sys.exit("bench/join_steps.py: " + "; ".join(FAILED))


if __name__ == "__main__":
    run()
