"""Commands on one event take turns on this worker, and a host's command goes first.

Every write on an event is serialised anyway (commands.lock takes the database's write or row
lock), but without a queue of our own the order is the async hub's: a command from the host's
panel that arrives while 150 phones each have a note in flight runs after all of them (eventlet
runs every ready greenlet in arrival order before it reads the sockets again), so the host
waited a second or more in a burst. Here each write waits for its turn; the one finishing
hands the event to the next waiting host command if there is one, else to the oldest waiting
other one. Handing over goes through the hub, so it reads the sockets between two turns: a
host command that arrives mid-burst waits for at most the write in progress.

Per worker and in memory (across workers the database lock still orders writes). A write
made inside a write of the same event (on the same thread or greenlet) does not wait for
itself.
"""

import threading
from collections import deque
from contextlib import contextmanager

_guard = threading.Lock()
_turns = {}  # key -> _Turn, only while someone holds it


class _Turn:
    def __init__(self, owner):
        self.owner = owner
        self.first = deque()  # waiting host commands, oldest first
        self.rest = deque()  # every other waiting write, oldest first


class _Waiter:
    def __init__(self, ident):
        self.ident = ident
        self.given = False
        self.ready = threading.Event()


@contextmanager
def turn(key, first=False, pause=None, idle=None):
    """Hold the turn for key (an event id) while the block runs; first: jump the queue
    (the host's commands). pause(0) yields to the async hub (socketio.sleep); idle() is
    called before waiting (the caller gives back what others need meanwhile: its database
    connection)."""
    entered = _enter(key, first, idle)
    if entered is None:
        yield  # already ours: a write inside a write
        return
    try:
        if entered == "free" and pause is not None:
            # A greenlet does not yield while it writes, so writes that arrived together
            # would each find the turn free and run back to back, the host's behind them:
            # yield once with the turn taken, and they queue behind it instead.
            pause(0)
        yield
    finally:
        _leave(key)


def _enter(key, first, idle=None):
    """Wait for the turn: "free" (taken at once), "given" (after waiting), or None when this
    thread already holds it."""
    me = threading.get_ident()
    with _guard:
        held = _turns.get(key)
        if held is None:
            _turns[key] = _Turn(me)
            return "free"
        if held.owner == me:
            return None
        waiter = _Waiter(me)
        (held.first if first else held.rest).append(waiter)
    try:
        if idle is not None:
            idle()
        waiter.ready.wait()
    except BaseException:  # killed while waiting: leave the queue, or pass the turn on
        with _guard:
            given = waiter.given
            if not given:
                (held.first if first else held.rest).remove(waiter)
        if given:
            _leave(key)
        raise
    return "given"


def _leave(key):
    with _guard:
        held = _turns[key]
        queue = held.first or held.rest
        if not queue:
            del _turns[key]
            return
        waiter = queue.popleft()
        held.owner = waiter.ident
        waiter.given = True
    waiter.ready.set()


def waiting(key):
    """(host commands, other writes) waiting for key's turn now (tests, diagnostics)."""
    with _guard:
        held = _turns.get(key)
        return (len(held.first), len(held.rest)) if held else (0, 0)
