"""The command layer: authorise, validate, apply in one transaction, then broadcast.

Every change, from a phone, the host panel, a form or the sweeper, goes through run().
"""

import hashlib
import json
import logging
import random
import threading
import time
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import bindparam, insert, select, update

from . import agenda, broadcast, offload, people, presence, ratelimit, side, timing, turns
from .errors import CommandError, refusal
from .eventcache import Row
from .extensions import db, socketio
from .kinds import KINDS
from .kinds.base import Ctx
from .models import Attendee, ClientCommand, Event, Segment

log = logging.getLogger(__name__)
MAX_CID = 64
SINGLE_FLIGHT_SECONDS = 120
_in_flight = {}  # (install, event, actor, command, message id) -> set when it has answered
# Commands on the event itself (no segment): the agenda, crowd control, time's up.
CORE = (agenda.COMMANDS, people.COMMANDS, timing.COMMANDS)
ROLE_WORDS = {
    "attendee": "Only the host can do that.",
    "display": "The projector screen is read-only.",
    "stranger": "Join the event first.",
    "host": "That is for attendees' phones.",
}


def lookup(event, name, args):
    """The registered command for name, and the segment it acts on (None for core ones)."""
    spec = spec_of(name)
    if any(name in core for core in CORE):
        return spec, None
    return spec, segment_for(event, name.partition(".")[0], args, spec, name)


def spec_of(name):
    """The registered command for name (core or a kind's), or a CommandError."""
    if not isinstance(name, str) or len(name) > 64:
        raise CommandError("Unknown action.", "not_found")
    for core in CORE:
        if name in core:
            return core[name]
    kind = KINDS.get(name.partition(".")[0])
    if kind is None or name not in kind.COMMANDS:
        raise CommandError("Unknown action.", "not_found")
    return kind.COMMANDS[name]


def segment_for(event, kind_name, args, spec, name=None):
    seg_id = args.get("segment_id")
    seg = event.live_segment if seg_id is None else agenda.segment_by_id(event, seg_id)
    if seg is None or seg.kind != kind_name:
        raise CommandError("That is not possible in the current segment.", "conflict")
    if spec.needs_live and seg.status != "live" and not side.allows(event, seg, name, time.time()):
        raise CommandError("That segment is not live.", "conflict")
    return seg


def check_payload(name, args, cid):
    if not isinstance(name, str) or len(name) > 64:
        raise CommandError("Unknown action.", "not_found")
    if not isinstance(args, dict):
        raise CommandError("The message is malformed.")
    if cid is not None and (not isinstance(cid, str) or not 1 <= len(cid) <= MAX_CID):
        raise CommandError("The message id is malformed.")


def run(event_id, role, attendee_id, name, args, cid=None, rng=None):
    """Apply one command; returns the ack: {"ok": True, ...} or {"ok": False, "error": ...}."""
    try:
        check_payload(name, args, cid)
        ratelimit.check(event_id, role, attendee_id, name)
        return _run(event_id, role, attendee_id, name, args, cid, rng)
    except CommandError as exc:
        db.session.rollback()
        return refusal(exc.message, exc.code)
    except Exception:
        db.session.rollback()
        log.exception("command %s failed", name)
        return refusal("Something went wrong; nothing was changed.", "server")


def _run(event_id, role, attendee_id, name, args, cid, rng):
    actor = f"a{attendee_id}" if role == "attendee" else role
    if cid is None:
        return _run_once(event_id, role, attendee_id, name, args, cid, rng, actor)
    with single_flight((current_app.config["INSTALL_ID"], event_id, actor, name, cid)):
        return _run_once(event_id, role, attendee_id, name, args, cid, rng, actor)


@contextmanager
def single_flight(key):
    """One copy of a message at a time on this worker: a phone's outbox resends a message
    it got no answer to after 10 s, and grouping 500 notes can take longer. The copy waits
    for the first and then finds its ack (the first's answer), instead of computing it again
    alongside it."""
    while (first := _in_flight.get(key)) is not None:
        first.wait(SINGLE_FLIGHT_SECONDS)
    _in_flight[key] = mine = threading.Event()
    try:
        yield
    finally:
        _in_flight.pop(key, None)
        mine.set()


def _run_once(event_id, role, attendee_id, name, args, cid, rng, actor):
    """A message seen before gets its first answer. Asked before the work only for commands
    that think before the lock (a copy must not think again); any other copy is found by its
    id in the command's own transaction (IntegrityError: nothing it did is kept) or, refused
    now (the wall was locked since), after the refusal. New messages, nearly all of them
    (300 notes a minute), skip a statement."""
    thinks = spec_of(name).prepare is not None
    if cid is not None and thinks and (done := applied(event_id, actor, cid, name)) is not None:
        return done | {"duplicate": True}
    rng = rng or random.SystemRandom()
    prepared = slow_step(event_id, role, attendee_id, name, args, rng)
    acks = []

    def step(event):
        ctx = authorised(event, role, attendee_id, name, args, rng)
        ctx.prepared = prepared
        change = ctx.spec.fn(ctx, ctx.spec.clean(args))
        acks.append({"ok": True, "v": event.version} | change.result)
        if cid is not None:
            remember(event_id, actor, dedup_key(name, cid), acks[0])
        return change

    try:
        who = attendee_id if role == "attendee" else None
        write(event_id, step, name, first=role == "host", attendee_id=who)
    except Exception:
        # A copy of a message applied before (or racing its first copy): the first one won.
        db.session.rollback()
        if cid is not None and (done := applied(event_id, actor, cid, name)) is not None:
            return done | {"duplicate": True}
        raise
    return acks[0]


def write(
    event_id, step, what="change", lock_event=True, content=True, first=False, attendee_id=None
):
    """The one write path, for commands and for every other change (joining, the host key,
    ending the event, the sweeper's actions): lock the event (its version goes up by one),
    step(event) authorises and applies the change under the lock and returns a Change (None:
    nothing to do, rolled back), commit, then send what it made stale (socialapp.broadcast
    batches the sends) and run its socket work (Change.then). Returns the Change.
    Exceptions roll back and propagate: nothing was changed.

    lock_event=False is for presence only: a phone's own last-seen time changes no state any
    screen is built from at once (the sweeper sends counts every few seconds), and 2,000
    phones' heartbeats must not queue on the event's lock nor bump its version.

    content=False is for joins only: the version goes up (the hosts' counts and every kind's
    picture of who is in changed) but not the content version, so the join path's cache of
    the event, its agenda and its public state (socialapp.eventcache) outlives a QR rush.
    step then gets the event's row as the lock statement returned it (an eventcache.Row: its
    columns, no agenda), not an ORM event read again after the lock.
    Heartbeats noted since the last write on this event go in with it (socialapp.presence).

    Writes that lock the event take turns on this worker first (socialapp.turns); first=True
    (the host's commands) goes before every waiting phone, so the host's panel is answered
    within one write even while a room posts notes as fast as it can.

    attendee_id: the attendee acting, read with the event (step finds them in the session)."""
    if lock_event:
        with turns.turn(event_id, first, socketio.sleep, _let_go):
            done = _commit(event_id, step, lock_event, content, attendee_id)
    else:
        done = _commit(event_id, step, lock_event, content, attendee_id)
    if done is None:
        return None
    event, change, version = done
    announce(event, change, version, what)  # after the turn: the next write need not wait
    return change


def _let_go():
    """Wait for a turn holding no database connection: 150 phones' notes waiting with one
    each emptied the pool, and every other request (the host's) waited for a connection."""
    session = db.session
    if not (session.new or session.dirty or session.deleted):
        session.rollback()


def _commit(event_id, step, lock_event, content, attendee_id=None):
    """(event, change, version committed), or None when step had nothing to do."""
    heard = {}
    try:
        join = lock_event and not content  # its columns, as the lock returned them
        if join:
            event, held = lock_row(event_id), []
        elif lock_event:
            lock(event_id, content)
        heard = presence.save(event_id)
        if not join:
            event, *held = fresh(event_id, attendee_id)
        change = step(event) if event is not None else None
        del held  # held while step ran: the session keeps only objects someone holds
        if change is None:
            db.session.rollback()
            presence.give_back(event_id, heard)
            return None
        version = event.version
        db.session.commit()
    except Exception:
        db.session.rollback()
        presence.give_back(event_id, heard)
        raise
    return event, change, version


def fresh(event_id, attendee_id=None):
    """(the event as it is now, its live segment, the attendee of this event or None) in one
    statement: nearly every command asks for the live segment, a phone's for its attendee,
    and each look-up of its own cost about as much as the first."""
    if attendee_id is None:
        row = db.session.execute(_FRESH, {"event": event_id}).first()
    else:
        row = db.session.execute(_FRESH_WITH, {"event": event_id, "at": attendee_id}).first()
    return (*row, None)[:3] if row is not None else (None, None, None)


_FRESH = (
    select(Event, Segment)
    .outerjoin(Segment, Segment.id == Event.live_segment_id)
    .where(Event.id == bindparam("event"))
    .execution_options(populate_existing=True)
)
_FRESH_WITH = _FRESH.add_columns(Attendee).outerjoin(
    Attendee, (Attendee.id == bindparam("at")) & (Attendee.event_id == Event.id)
)


def announce(event, change, version, what):
    """After the commit: committed is committed, so a failure here is logged, not raised.
    Screens catch up with the next state they get."""
    try:
        broadcast.after(event, change, version)
    except Exception:
        log.exception("broadcast after %s failed", what)
    try:
        if then := getattr(change, "then", None):  # socket work once committed (people.remove)
            then()
    except Exception:
        log.exception("after %s failed", what)


def authorised(event, role, attendee_id, name, args, rng):
    """The context for a command this role may run on this event, or a CommandError."""
    if event is None or event.ended_at is not None:
        raise CommandError("This event has ended.", "conflict")
    spec, seg = lookup(event, name, args)
    if role not in spec.roles:
        raise CommandError(ROLE_WORDS.get(role, "Not allowed."), "forbidden")
    attendee = db.session.get(Attendee, attendee_id) if role == "attendee" else None
    if role == "attendee" and (attendee is None or attendee.removed_at is not None):
        raise CommandError(people.REMOVED, "forbidden")
    ctx = Ctx(event, seg, time.time(), role, attendee, rng)
    ctx.spec = spec
    return ctx


def slow_step(event_id, role, attendee_id, name, args, rng):
    """Run a command's gather/prepare before the lock (authorised first: nobody else may
    make the server think hard). Returns what prepare computed, or None.
    Most commands have no prepare: they cost nothing here (no query before the lock)."""
    if spec_of(name).prepare is None:
        return None
    event = db.session.get(Event, event_id)
    if event is None:
        return None
    spec, _ = lookup(event, name, args)
    if spec.prepare is None:
        return None
    ctx = authorised(event, role, attendee_id, name, args, rng)
    data = spec.gather(ctx, spec.clean(args)) if spec.gather else None
    db.session.rollback()  # hold no transaction while the thread works
    return offload.run(spec.prepare, data)


def lock(event_id, content=True):
    """Bump the version first: this takes the write lock (SQLite) or row lock (PostgreSQL),
    so two commands on one event never interleave, even across workers. Every write but a
    join (content=False) also moves the content version to the new version: whatever it
    changes, no cache of the event survives it (socialapp.eventcache). A Core statement,
    compiled once: the ORM's bulk update costs more than the write itself (the caller reads
    the event afresh anyway)."""
    db.session.execute(_LOCK_CONTENT if content else _LOCK, {"event": event_id})


_EVENTS = Event.__table__
_LOCK = (
    update(_EVENTS).where(_EVENTS.c.id == bindparam("event")).values(version=_EVENTS.c.version + 1)
)
# Both right-hand sides read the row as it was before the update.
_LOCK_CONTENT = _LOCK.values(content_version=_EVENTS.c.version + 1)


def lock_row(event_id):
    """lock(content=False), returning the event's row as updated (an eventcache.Row), or None:
    a join needs only the event's columns, and the ORM read after the lock cost a statement
    and 2% of a QR rush's CPU."""
    found = db.session.execute(_LOCK_ROW, {"event": event_id}).first()
    return Row(found._mapping) if found is not None else None


_LOCK_ROW = _LOCK.returning(*_EVENTS.columns)


def applied(event_id, actor, cid, name):
    """The ack of this message if it was applied before: the same id for the same command (a
    phone's outbox resending it); an id reused for another command is a new message."""
    # The one column, not an ORM object: every note a phone sends asks this first.
    stored = db.session.scalar(
        _APPLIED, {"event": event_id, "actor": actor, "cid": dedup_key(name, cid)}
    )
    return json.loads(stored) if stored is not None else None


def remember(event_id, actor, key, ack):
    """Store a message's ack under its id, in the command's transaction. A Core insert: the
    ORM's unit of work for this one row cost more than the insert (a room posting 60 notes a
    second sends one per note). A copy that raced it fails here with IntegrityError."""
    db.session.execute(
        _REMEMBER,
        {
            "event_id": event_id,
            "actor": actor,
            "cid": key,
            "result_json": json.dumps(ack),
            "created_at": time.time(),
        },
    )


# Built once: every message with an id runs both (building costs about as much as running).
_CC = ClientCommand.__table__
_APPLIED = select(_CC.c.result_json).where(
    _CC.c.event_id == bindparam("event"),
    _CC.c.actor == bindparam("actor"),
    _CC.c.cid == bindparam("cid"),
)
_REMEMBER = insert(_CC)


def dedup_key(name, cid):
    """The stored id: the command's name with the client's id (short names stay readable; a
    long pair is hashed to fit the column)."""
    key = f"{name}:{cid}"
    if len(key) <= MAX_CID:
        return key
    return "h:" + hashlib.sha256(key.encode()).hexdigest()[: MAX_CID - 2]
