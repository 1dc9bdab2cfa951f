"""The join path's event: read in one cheap statement, and what is built from it (the agenda,
the public state) kept per content version.

A QR rush is a thousand phones, each asking for the join page, sending the form and opening
its socket: three lookups of one event by its code, and a first state per socket. Through
the ORM each lookup costs a statement built, compiled and turned into objects, and each
first state loads the agenda and runs every kind's public view again.

Here the lookup is one Core statement (compiled once) that returns the event's row as a
plain read-only object (Row: attributes named as Event's columns), never a cached copy: the
row itself is always read. What is expensive to derive from it is kept per (install, event,
content version): the event's content_version moves with every write but a join (the one
write path, commands.lock), so a change made anywhere (this process, another worker, another
app on the same database) makes the next lookup miss, and a join does not. A Row is not an
ORM object: code that needs the agenda or a kind's views loads the event (orm_event).

The public state is built once per content version and served to the phones that connect
while it holds (for at most FRESH_SECONDS: its timers' phases and the count are of the
moment it was built; the count is read again for every phone). It is the same build the
broadcast layer sent the room (remember_public): a joining phone gets the state the room
holds, not a fresh one.
"""

import threading
import time
from collections import OrderedDict

from flask import current_app
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from .extensions import db
from .models import Event

# Builds of this many events are kept (the busy ones; another one is just built again).
KEEP = 64
# A public state is served for at most this long after it was built (its timers' phases).
FRESH_SECONDS = 1.0
_TABLE = Event.__table__
_BY_CODE = select(_TABLE).where(_TABLE.c.code == bindparam("code"))
_builds = OrderedDict()
_guard = threading.Lock()


class Row:
    """An event's columns as read (attributes named as Event's); read-only by convention."""

    __slots__ = tuple(c.key for c in _TABLE.columns)

    def __init__(self, mapping):
        for key in self.__slots__:
            setattr(self, key, mapping[key])

    def __repr__(self):
        return f"<event row {self.id} {self.code} v{self.version}/{self.content_version}>"


def find(code, session=False):
    """The event with this code as a Row (one statement, no ORM), or None.

    Read on a pooled connection of its own when this request's session has no transaction
    yet: a join page needs nothing else from the database, and a join form waits for its
    turn without one (commands._let_go); starting the session's transaction for this one
    read, then rolling it back, was 8% of a QR rush's CPU. Inside a transaction, or when
    the caller reads more through the session at once (session=True: a socket connecting),
    on the session's connection (what it already read or wrote is seen)."""
    from .events import normalise_code

    params = {"code": normalise_code(code)}
    if session or (db.session.registry.has() and db.session().in_transaction()):
        found = db.session.connection().execute(_BY_CODE, params).first()
    else:
        with db.engine.connect() as conn:
            found = conn.execute(_BY_CODE, params).first()
    return Row(found._mapping) if found is not None else None


def orm_event(event):
    """The ORM event of a Row (for what needs its agenda or its kinds), with its agenda; an
    ORM event as is. Without a statement while a copy of this content version is kept: the
    copy is merged into this session (load=False: no query), with the row's columns as just
    read (a join moved the version; kinds key their pictures by it, socialapp.viewcache)."""
    if not isinstance(event, Row):
        return event
    if db.session.identity_map.get(db.session.identity_key(Event, event.id)) is not None:
        return db.session.get(Event, event.id)  # this session has it already
    copy = kept(event, "graph")
    if copy is None:
        copy = _detached_copy(event.id)
        if copy is None:
            return None
        keep(copy, "graph", copy)  # under the copy's own content version
        if copy.content_version != event.content_version:
            return db.session.get(Event, event.id)
    merged = db.session.merge(copy, load=False)
    for column in Row.__slots__:  # the event's own columns as just read (the version moved)
        set_committed_value(merged, column, getattr(event, column))
    return merged


def _detached_copy(event_id):
    """The event and its agenda, loaded in a session of their own and detached from it: a
    copy no request changes or expires (each merges it into its own session)."""
    with Session(db.engine, expire_on_commit=False) as own:
        found = own.get(Event, event_id)
        if found is None:
            return None
        for seg in found.segments:
            seg.event  # noqa: B018  (loaded: the copy never loads anything later)
        own.expunge_all()
    return found


def key(event):
    """One event of one install at one content version (tests run many installs)."""
    return (current_app.config["INSTALL_ID"], event.id, event.created_at, event.content_version)


def kept(event, name, max_age=None, now=None):
    """What was kept under `name` for this event at its content version, or None."""
    with _guard:
        found = _builds.get(key(event))
        if found is None or name not in found:
            return None
        at, value = found[name]
    if max_age is not None and not 0 <= (now or time.time()) - at <= max_age:
        return None
    return value


def keep(event, name, value, now=None):
    """Keep value under `name` for this event at its content version (a write since moved
    the content version on: nobody asks for this key again)."""
    k = key(event)
    with _guard:
        _builds.setdefault(k, {})[name] = (now or time.time(), value)
        _builds.move_to_end(k)
        while len(_builds) > KEEP:
            _builds.popitem(last=False)


def remember_public(event, state, patched, now):
    """A public state built of the ORM event (by the broadcast layer, or for a phone that
    connected): phones that connect next get it. patched: the live kind sends patches, and
    its newcomers get the room's last state instead (socialapp.streams)."""
    keep(event, "public", (state, patched), now)


def public(event, now):
    """(state, patched) kept for this event at its content version and still fresh, or None.
    The state's count and time are of its build: the caller sets them."""
    return kept(event, "public", FRESH_SECONDS, now)


def forget():
    """Drop every build (tests that change rows outside the write path: viewcache.forget)."""
    with _guard:
        _builds.clear()
