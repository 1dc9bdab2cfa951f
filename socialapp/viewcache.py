"""One cache of what views are built from, per event version.

A change that reaches 2,000 phones asks for 2,000 personal views; each must be a few
dictionary look-ups, not a few queries. A kind builds a plain-data picture of what its views
need once and asks for it through memo(ctx.event, name, build): the picture is kept for that
event's current version only. Every write goes through the command layer's one write path
(socialapp.commands.transact), which bumps the version under the event's lock, so a picture
is never stale. (Tests that change rows behind the write path's back call forget().)

A picture must not be built inside a command before that command's own change: the version
is already the new one there (the lock bumped it), so the picture would miss the change.
"""

import threading
from collections import OrderedDict

from flask import current_app

# Pictures of this many (event, version) pairs are kept: the current version of a few busy
# events, and the previous one while a slow view of it is still being built.
KEEP = 16
_pictures = OrderedDict()
_guard = threading.Lock()


def key(event):
    """One event of one install at one version (tests run many installs in one process)."""
    return (current_app.config["INSTALL_ID"], event.id, event.created_at, event.version)


def memo(event, name, build):
    """The picture `name` of this event at its current version: build() once, then kept."""
    k = key(event)
    with _guard:
        found = _pictures.get(k)
        if found is not None and name in found:
            _pictures.move_to_end(k)
            return found[name]
    value = build()  # outside the guard: it queries the database (and may yield)
    with _guard:
        _pictures.setdefault(k, {})[name] = value
        _pictures.move_to_end(k)
        while len(_pictures) > KEEP:
            _pictures.popitem(last=False)
    return value


def carry(event, name):
    """A change that did not touch what picture `name` is built from keeps the picture of the
    version before it (the event lock bumps the version by exactly one per write)."""
    k = key(event)
    before = k[:-1] + (k[-1] - 1,)
    with _guard:
        found = _pictures.get(before)
        if found is not None and name in found:
            _pictures.setdefault(k, {})[name] = found[name]


def forget():
    """Drop every picture (tests that change rows outside the write path call this)."""
    with _guard:
        _pictures.clear()
    from . import eventcache

    eventcache.forget()  # the join path's builds too
