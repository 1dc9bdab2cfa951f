"""How long a change takes to reach every screen: N projector sockets on a real server, the
host presses "next", we time the arrival of the new state on each.

    python bench/load.py [clients] [rounds]

A short form of bench/room.py (attendees, joins, the wall, the bare servers; see README.md
beside this file), with the same raw client and server handling. Starts its own server
(eventlet, SQLite in a fresh instance folder) on a free loopback port; clients share the
machine's CPU with the server, so figures are upper bounds.
"""

import asyncio
import sys

from crowd import percentile, until
from fanout import first_arrivals
from phones import Hub, Sock, bounded, create_event, http_session
from servers import App, raise_open_files, stop_on_signals


async def main(n, rounds):
    stop_on_signals(asyncio.current_task())
    server = await App().start()
    hub = Hub()
    try:
        async with http_session() as http:
            code, cookie = await create_event(http, server.url)
            host = await Sock(hub, cookie).connect(http, server.url, {"code": code, "role": "host"})
            auth = {"code": code, "role": "display"}
            screens = await bounded(
                (Sock(hub).connect(http, server.url, auth) for _ in range(n)), 50
            )
            print(f"{n} displays connected")
            lat = []
            for _ in range(rounds):
                marks = [len(s.states) for s in screens]
                ack, sent, _ = await host.command("agenda.next")
                if not ack.get("ok"):
                    raise SystemExit(f"agenda.next refused: {ack}")
                await until(lambda v=ack["v"]: all(s.v >= v for s in screens), 20)
                for s, m in zip(screens, marks, strict=True):
                    t = first_arrivals(s.states[m:], [ack["v"]])[0]
                    if t is not None:
                        lat.append((t - sent) / 1e6)
                await asyncio.sleep(0.5)
            print(
                f"state delivery to {n} screens over {rounds} changes: "
                f"p50 {percentile(lat, 50):.0f} ms, p95 {percentile(lat, 95):.0f} ms, "
                f"max {max(lat):.0f} ms ({len(lat)}/{n * rounds} delivered)"
            )
            await bounded((s.close() for s in [host, *screens]), 200)
    finally:
        server.stop()


if __name__ == "__main__":
    clients = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    raise_open_files(3 * clients + 1024)
    asyncio.run(main(clients, int(sys.argv[2]) if len(sys.argv) > 2 else 5))
