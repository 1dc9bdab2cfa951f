"""The command layer: authorise, validate, apply in one transaction, then broadcast.

Every change, from a phone, the host panel, a form or the sweeper, goes through run().
"""

import json
import logging
import random
import time

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from . import agenda, broadcast, offload, people, ratelimit
from .errors import CommandError
from .extensions import db
from .kinds import KINDS
from .kinds.base import Ctx
from .models import Attendee, ClientCommand, Event

log = logging.getLogger(__name__)
MAX_CID = 64
# Commands on the event itself (no segment): the agenda and crowd control.
CORE = (agenda.COMMANDS, people.COMMANDS)
ROLE_WORDS = {
    "attendee": "Only the host can do that.",
    "display": "The projector screen is read-only.",
    "stranger": "Join the event first.",
    "host": "That is for attendees' phones.",
}


def lookup(event, name, args):
    """The registered command for name, and the segment it acts on (None for core ones)."""
    if not isinstance(name, str) or len(name) > 64:
        raise CommandError("Unknown action.", "not_found")
    for core in CORE:
        if name in core:
            return core[name], None
    kind_name, _, _ = name.partition(".")
    kind = KINDS.get(kind_name)
    if kind is None or name not in kind.COMMANDS:
        raise CommandError("Unknown action.", "not_found")
    spec = kind.COMMANDS[name]
    seg = segment_for(event, kind_name, args, spec)
    return spec, seg


def segment_for(event, kind_name, args, spec):
    seg_id = args.get("segment_id")
    seg = event.live_segment if seg_id is None else agenda.segment_by_id(event, seg_id)
    if seg is None or seg.kind != kind_name:
        raise CommandError("That is not possible in the current segment.", "conflict")
    if spec.needs_live and seg.status != "live":
        raise CommandError("That segment is not live.", "conflict")
    return seg


def check_payload(name, args, cid):
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
        return {"ok": False, "error": exc.message, "code": exc.code}
    except Exception:
        db.session.rollback()
        log.exception("command %s failed", name)
        return {
            "ok": False,
            "error": "Something went wrong; nothing was changed.",
            "code": "server",
        }


def _run(event_id, role, attendee_id, name, args, cid, rng):
    actor = f"a{attendee_id}" if role == "attendee" else role
    if cid is not None and (done := applied(event_id, actor, cid)) is not None:
        return done | {"duplicate": True}
    rng = rng or random.SystemRandom()
    prepared = slow_step(event_id, role, attendee_id, name, args, rng)
    lock(event_id)
    ctx = authorised(event_id, role, attendee_id, name, args, rng)
    ctx.prepared = prepared
    change = ctx.spec.fn(ctx, ctx.spec.clean(args))
    event = ctx.event
    ack = {"ok": True, "v": event.version} | change.result
    if cid is not None:
        db.session.add(
            ClientCommand(event_id=event_id, actor=actor, cid=cid, result_json=json.dumps(ack))
        )
    try:
        db.session.commit()
    except IntegrityError:
        # A retry of the same message raced its first copy: the first one won.
        db.session.rollback()
        if cid is not None and (done := applied(event_id, actor, cid)) is not None:
            return done | {"duplicate": True}
        raise
    try:
        broadcast.after(event, change)
    except Exception:
        # Committed is committed: say so. Screens catch up with the next state they get.
        log.exception("broadcast after %s failed", name)
    try:
        if then := getattr(change, "then", None):  # socket work once committed (people.remove)
            then()
    except Exception:
        log.exception("after %s failed", name)
    return ack


def authorised(event_id, role, attendee_id, name, args, rng):
    """The context for a command this role may run on this event, or a CommandError."""
    event = db.session.get(Event, event_id, populate_existing=True)
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
    make the server think hard). Returns what prepare computed, or None."""
    event = db.session.get(Event, event_id)
    if event is None:
        return None
    spec, _ = lookup(event, name, args)
    if spec.prepare is None:
        return None
    ctx = authorised(event_id, role, attendee_id, name, args, rng)
    data = spec.gather(ctx, spec.clean(args)) if spec.gather else None
    db.session.rollback()  # hold no transaction while the thread works
    return offload.run(spec.prepare, data)


def lock(event_id):
    """Bump the version first: this takes the write lock (SQLite) or row lock (PostgreSQL),
    so two commands on one event never interleave, even across workers."""
    db.session.execute(update(Event).where(Event.id == event_id).values(version=Event.version + 1))


def applied(event_id, actor, cid):
    row = db.session.scalar(
        select(ClientCommand).where(
            ClientCommand.event_id == event_id,
            ClientCommand.actor == actor,
            ClientCommand.cid == cid,
        )
    )
    return json.loads(row.result_json) if row else None
