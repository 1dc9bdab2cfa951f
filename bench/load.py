"""How long a change takes to reach every screen: N displays on a real server, the host
presses "next", we time the arrival of the new state on each.

    python bench/load.py [clients] [rounds]

Starts its own server (eventlet, SQLite in a temporary instance folder) on a free loopback
port; clients share the machine's CPU with the server, so figures are upper bounds."""

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import socketio

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(instance, port):
    env = os.environ | {
        "SOCIALAPP_INSTANCE_PATH": instance,
        "SOCIALAPP_PORT": str(port),
        "SOCIALAPP_HOST": "127.0.0.1",
        "SOCIALAPP_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "wsgi.py")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    out = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "socialapp", "create-event", "Load", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc, json.loads(out.stdout)


async def main(n, rounds):
    port = free_port()
    with tempfile.TemporaryDirectory() as instance:
        proc, ev = start_server(instance, port)
        try:
            await run(port, ev, n, rounds)
        finally:
            proc.terminate()
            proc.wait()


async def run(port, ev, n, rounds):
    url = f"http://127.0.0.1:{port}"
    arrivals = []  # (version, time) of every state received

    def make():
        c = socketio.AsyncClient()

        @c.on("state")
        async def state(s):
            arrivals.append((s["v"], time.perf_counter()))

        return c

    clients = [make() for _ in range(n)]
    t0 = time.perf_counter()
    for i in range(0, n, 50):
        await asyncio.gather(
            *(
                c.connect(
                    url, auth={"code": ev["code"], "role": "display"}, transports=["websocket"]
                )
                for c in clients[i : i + 50]
            )
        )
    print(f"{n} displays connected in {time.perf_counter() - t0:.1f} s")
    host = socketio.AsyncClient()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    opener.open(ev["host_url"])
    cookie = "; ".join(
        f"{c.name}={c.value}"
        for h in opener.handlers
        if hasattr(h, "cookiejar")
        for c in h.cookiejar
    )
    await host.connect(
        url,
        headers={"Cookie": cookie},
        auth={"code": ev["code"], "role": "host"},
        transports=["websocket"],
    )
    lat = []
    for _ in range(rounds):
        arrivals.clear()
        sent = time.perf_counter()
        ack = await host.call("command", {"name": "agenda.next", "args": {}})
        fresh = []
        while len(fresh) < n and time.perf_counter() - sent < 20:
            await asyncio.sleep(0.01)
            fresh = [t for v, t in arrivals if v >= ack["v"]]
        lat += [(t - sent) * 1000 for t in fresh]
        await asyncio.sleep(0.5)
    lat.sort()
    print(
        f"state delivery to {n} screens over {rounds} changes: "
        f"p50 {statistics.median(lat):.0f} ms, "
        f"p95 {lat[int(len(lat) * 0.95) - 1]:.0f} ms, max {lat[-1]:.0f} ms "
        f"({len(lat)}/{n * rounds} delivered)"
    )
    await host.disconnect()
    await asyncio.gather(*(c.disconnect() for c in clients))


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    asyncio.run(main(n, rounds))
