"""Run CPU-heavy, database-free work in an OS thread, so the event loop keeps serving.

eventlet and gevent run every greenlet on one thread: a three-second computation would freeze
every screen in the room. Each async mode has its own thread pool; plain threading needs none.
"""

from .extensions import socketio


def run(fn, *args):
    mode = socketio.async_mode
    if mode == "eventlet":
        from eventlet import tpool

        return tpool.execute(fn, *args)
    if mode == "gevent":
        import gevent

        return gevent.get_hub().threadpool.apply(fn, args)
    return fn(*args)
