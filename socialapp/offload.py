"""Run CPU-heavy, database-free work in an OS thread, so the event loop keeps serving.

eventlet and gevent run every greenlet on one thread: a three-second computation would freeze
every screen in the room. Each async mode has its own thread pool; plain threading needs none.
"""

import threading

from .extensions import socketio

# One computation at a time per worker: two at once in eventlet's thread pool made the
# second fail with "greenlet.error: Cannot switch to a different thread" (a lock that the
# monkey patch made green, taken in two OS threads) and its command never answered. The
# waiting is done by the greenlet, before the thread is used.
_one_at_a_time = threading.Lock()


def run(fn, *args):
    with _one_at_a_time:
        return _run(fn, *args)


def _run(fn, *args):
    mode = socketio.async_mode
    if mode == "eventlet":
        from eventlet import tpool

        return tpool.execute(fn, *args)
    if mode == "gevent":
        import gevent

        return gevent.get_hub().threadpool.apply(fn, args)
    return fn(*args)
