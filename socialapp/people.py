"""Crowd control for the host: who joined when, removing attendees, a cap, the rotating code.

Anyone with the join link can script joins. The host sees joins per minute (a burst of fakes
stands out), removes people (one or a whole burst: their socket is closed, their cookie stops
working, the groups a kind put them in heal, what they wrote stays), caps the number of attendees,
and may turn on a join code that changes every few minutes (socialapp.joincode).

Commands follow the agenda's shape (base.Ctx in, base.Change out, no commit, no emit); the
socket work after a removal runs once the command layer has committed (Change.then).
"""

import logging
import time

from sqlalchemy import bindparam, case, func, select

from .args import Bool, Ids, Int
from .errors import CommandError
from .events import joined_count
from .extensions import db, socketio
from .kinds import KINDS
from .kinds.base import Change, Ctx, command
from .models import Attendee

log = logging.getLogger(__name__)
COMMANDS = {}
MINUTES_SHOWN = 15
MAX_REMOVE = 500
MAX_CAP = 100_000
LIST_LIMIT = 200
REMOVED = "The host removed you from this event."
LEFT = "You removed yourself from this event: your name and contact are gone."


# ---------- joins over time ----------


def per_minute(times, now, minutes=MINUTES_SHOWN):
    """How many joined in each of the last `minutes` clock minutes, oldest first."""
    last = int(now // 60)
    counts = [0] * minutes
    for t in times:
        i = int(t // 60) - (last - minutes + 1)
        if 0 <= i < minutes:
            counts[i] += 1
    return counts


def joins_per_minute(event, now, minutes=MINUTES_SHOWN):
    """per_minute() counted by the database: one row of counts instead of every join time
    (the host's state is built on every change: 2,000 floats each time in a big room)."""
    first = (int(now // 60) - minutes + 1) * 60
    edges = [first + 60 * k for k in range(minutes + 1)]  # joined at or after each minute
    stmt = _PER_MINUTE if minutes == MINUTES_SHOWN else _per_minute(minutes)
    since = db.session.execute(
        stmt, {"event": event.id, **{f"e{k}": e for k, e in enumerate(edges)}}
    ).one()
    return [since[k] - since[k + 1] for k in range(minutes)]


def _per_minute(minutes):
    edges = [bindparam(f"e{k}") for k in range(minutes + 1)]
    return select(*[func.count(case((Attendee.created_at >= e, 1))) for e in edges]).where(
        Attendee.event_id == bindparam("event"), Attendee.created_at >= edges[0]
    )


# Built once: the host's state is built with every batched send (4 a second while a room
# posts notes), and building this statement of 16 counts cost more than running it.
_PER_MINUTE = _per_minute(MINUTES_SHOWN)
_REMOVED = select(func.count(Attendee.id)).where(
    Attendee.event_id == bindparam("event"), Attendee.removed_at.is_not(None)
)


def host_view(event, now=None, joined=None):
    """For the host panel only: counts and settings, never a list of names. joined: the
    joined count when the caller has it."""
    now = now or time.time()
    first = (int(now // 60) - MINUTES_SHOWN + 1) * 60
    return {
        "joined": joined_count(event) if joined is None else joined,
        "removed": db.session.scalar(_REMOVED, {"event": event.id}),
        "cap": event.max_attendees,
        "rotate": event.join_rotate,
        "per_minute": joins_per_minute(event, now),
        "first_minute": first,
    }


def listing(event, query="", since=None, until=None, now=None):
    """Attendees for the host's list, newest first: a name search or a join-time slice."""
    stmt = select(Attendee).where(Attendee.event_id == event.id, Attendee.removed_at.is_(None))
    query = " ".join(str(query or "").split())[:40]
    if query:
        stmt = stmt.where(func.lower(Attendee.name).contains(query.lower(), autoescape=True))
    if since is not None:
        stmt = stmt.where(Attendee.created_at >= since)
    if until is not None:
        stmt = stmt.where(Attendee.created_at < until)
    rows = db.session.scalars(
        stmt.order_by(Attendee.created_at.desc(), Attendee.id.desc()).limit(LIST_LIMIT + 1)
    ).all()
    from .state import PRESENCE_SECONDS

    now = now or time.time()
    return {
        "people": [
            {
                "id": a.id,
                "label": a.label,
                "joined_at": a.created_at,
                "present": a.last_seen > now - PRESENCE_SECONDS,
            }
            for a in rows[:LIST_LIMIT]
        ],
        "more": len(rows) > LIST_LIMIT,
    }


# ---------- commands ----------


@command(
    COMMANDS,
    "people.remove",
    needs_live=False,
    args=[Ids("attendee_ids", "attendee", max_items=MAX_REMOVE)],
    strict=True,
)
def remove(ctx, args):
    """Remove attendees: their cookie and socket stop working, every kind lets go of what
    they were waiting for (on_people_removed: an undrawn name is withdrawn), the live segment
    heals what it held (on_remove: a group is mended), and everything they wrote stays."""
    ids = args["attendee_ids"]
    if not ids:
        raise CommandError(f"Choose 1 to {MAX_REMOVE} people to remove.")
    rows = db.session.scalars(
        select(Attendee).where(Attendee.event_id == ctx.event.id, Attendee.id.in_(ids))
    ).all()
    if len(rows) != len(ids):
        raise CommandError("Some of these people are not in this event.", "not_found")
    removed = {a.id for a in rows if a.removed_at is None}
    affected = take_out(ctx, rows)
    change = Change(personal=affected, result={"removed": len(removed)})
    change.then = lambda: eject(removed)
    return change


def met_by(event, me):
    """Everyone a kind says met this person (the `encounters` hook: pairs of attendee ids)."""
    out = set()
    for kind in KINDS.values():
        if encounters := getattr(kind, "encounters", None):
            for a, b, _ in encounters(event)["pairs"]:
                out |= {b} if a == me else {a} if b == me else set()
    return out


def take_out(ctx, rows):
    """Mark these attendees removed; every kind lets go of them and the live segment mends
    what they held. Returns whose personal view changed."""
    removed = {a.id for a in rows if a.removed_at is None}
    for a in rows:
        a.removed_at = a.removed_at or ctx.now
    for kind in KINDS.values() if removed else ():
        if cleanup := getattr(kind, "on_people_removed", None):
            cleanup(ctx, removed)
    seg = ctx.event.live_segment
    hook = getattr(KINDS[seg.kind], "on_remove", None) if seg else None
    if hook and removed:
        db.session.flush()
        return hook(Ctx(ctx.event, seg, ctx.now, "host", None, ctx.rng), removed)
    return set()


@command(COMMANDS, "people.leave", roles=("attendee",), needs_live=False, args=(), strict=True)
def leave(ctx, args):
    """An attendee removes themselves: removed as by the host, and then their name, contact
    line, places in groups, +1s and authorship go (socialapp.privacy); what they wrote stays,
    by nobody. The room gets the public state, and the people who met them (their lists
    named them) and whose group was mended new personal views."""
    from . import privacy

    me = ctx.attendee.id
    named_me = met_by(ctx.event, me)  # their lists of people met name me: read before
    affected = take_out(ctx, [ctx.attendee])
    db.session.flush()
    privacy.forget(ctx, {me})
    change = Change(personal=(named_me | set(affected or ())) - {me}, result={"left": True})
    change.then = lambda: eject({me}, LEFT)
    return change


@command(
    COMMANDS,
    "people.settings",
    needs_live=False,
    args=[
        Int("max_attendees", 0, MAX_CAP, required=False, label="limit", note="0: no limit"),
        Bool("rotate", required=False, label="rotating join code"),
    ],
    strict=True,
)
def settings(ctx, args):
    """The cap on attendees (0: none) and the rotating join code (on/off); a setting left out
    (or null) stays as it is."""
    if args["max_attendees"] is not None:
        ctx.event.max_attendees = args["max_attendees"] or None
    rotate = args["rotate"]
    if rotate is not None:
        ctx.event.join_rotate = rotate
    return Change(
        result={"max_attendees": ctx.event.max_attendees, "rotate": ctx.event.join_rotate}
    )


# ---------- closing removed attendees' sockets ----------

_swept = {"at": 0.0}


def eject(ids, message=REMOVED):
    """Tell their phones, take them out of their personal rooms on every worker, and close
    their sockets on this one (the sweeper closes them on the others: sweep_removed)."""
    from . import broadcast

    for aid in ids:
        room = broadcast.room_attendee(aid)
        socketio.emit("removed", {"message": message}, to=room)
        socketio.close_room(room)
    disconnect_local(ids)


def disconnect_local(ids):
    from .realtime import clients

    for sid, (_, role, aid) in list(clients.items()):
        if role == "attendee" and aid in ids:
            clients.pop(sid, None)
            try:
                socketio.server.disconnect(sid, namespace="/")
            except Exception:  # already gone
                log.debug("socket %s was already closed", sid)


def sweep_removed(now):
    """Per worker: close local sockets of attendees removed since the last look."""
    from .realtime import clients

    since, _swept["at"] = _swept["at"] - 5, now
    mine = {aid for _, role, aid in clients.values() if role == "attendee"}
    if not mine:
        return 0
    gone = set(db.session.scalars(select(Attendee.id).where(Attendee.removed_at >= since))) & mine
    if gone:
        disconnect_local(gone)
    return len(gone)
