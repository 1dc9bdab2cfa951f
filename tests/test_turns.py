"""Writes on one event take turns, and the host's go first (socialapp.turns)."""

import ast
import subprocess
import sys
import textwrap
import threading

from socialapp import turns


def _queue_behind(holder_key, jobs):
    """Hold the turn of holder_key, start jobs [(name, first)] one by one (each queued before
    the next starts), release; returns the order in which they ran."""
    order, started = [], []
    release = threading.Event()

    def hold():
        with turns.turn(holder_key):
            started.append("holder")
            release.wait(10)

    def job(name, first):
        with turns.turn(holder_key, first):
            order.append(name)

    holder = threading.Thread(target=hold)
    holder.start()
    while not started:
        threading.Event().wait(0.001)
    threads = []
    for name, first in jobs:
        before = sum(turns.waiting(holder_key))
        t = threading.Thread(target=job, args=(name, first))
        t.start()
        while sum(turns.waiting(holder_key)) == before:
            threading.Event().wait(0.001)
        threads.append(t)
    release.set()
    for t in [holder, *threads]:
        t.join(10)
    return order


def test_a_host_write_waiting_behind_phones_goes_first_and_phones_keep_their_order():
    jobs = [("phone1", False), ("phone2", False), ("host", True), ("phone3", False)]
    assert _queue_behind("ev-a", jobs) == ["host", "phone1", "phone2", "phone3"]
    assert turns.waiting("ev-a") == (0, 0)


def test_two_host_writes_keep_their_order_too():
    jobs = [("phone", False), ("host1", True), ("host2", True)]
    assert _queue_behind("ev-b", jobs) == ["host1", "host2", "phone"]


def test_other_events_do_not_wait():
    ran = []

    def other():
        with turns.turn("ev-d"):
            ran.append(1)

    with turns.turn("ev-c"):
        t = threading.Thread(target=other)
        t.start()
        t.join(5)
    assert ran == [1]


def test_a_write_inside_a_write_does_not_wait_for_itself():
    with turns.turn("ev-e"), turns.turn("ev-e", first=True):
        inner = turns._turns["ev-e"].owner
    assert inner == threading.get_ident()
    assert "ev-e" not in turns._turns


def test_a_failing_write_passes_the_turn_on():
    try:
        with turns.turn("ev-f"):
            raise ValueError("boom")
    except ValueError:
        pass
    assert "ev-f" not in turns._turns
    with turns.turn("ev-f"):
        pass


EVENTLET_ROOM = textwrap.dedent(
    """
    import eventlet
    eventlet.monkey_patch()
    import time
    from socialapp import turns

    log = []

    def write(name, first=False):
        with turns.turn(1, first, eventlet.sleep, lambda: log.append("idle " + name)):
            t = time.monotonic()
            while time.monotonic() - t < 0.005:  # a write never yields: CPU and SQLite
                pass
            log.append(name)

    def host():
        eventlet.sleep(0.012)  # arrives while the phones' writes are under way
        write("host", True)

    threads = [eventlet.spawn(host)] + [eventlet.spawn(write, f"p{i}") for i in range(8)]
    for t in threads:
        t.wait()
    print(log)
    """
)


def test_under_eventlet_writes_that_arrive_together_queue_and_a_later_host_write_jumps_it():
    """A greenlet never yields inside a write, so without the pause the eight phones' writes
    would run back to back before the hub looks at anything else."""
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", EVENTLET_ROOM],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    log = ast.literal_eval(out.strip().splitlines()[-1])
    done = [e for e in log if not e.startswith("idle ")]
    assert sorted(done) == sorted(["host", *[f"p{i}" for i in range(8)]])
    assert done.index("host") <= 4  # not after all eight phones
    assert done[done.index("host") + 1 :] == sorted(done[done.index("host") + 1 :])
    # Every write that waited gave its connection back first (the first one only paused).
    assert {e.removeprefix("idle ") for e in log if e.startswith("idle ")} == {
        "host",
        *[f"p{i}" for i in range(1, 8)],
    }
