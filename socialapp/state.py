"""The state each role sees: one versioned snapshot, sent on connect and after every change.

Screens render only from the last snapshot they got, so a reload, a reconnect, a late join or
a server restart all come down to sending it again.
"""

import time
from typing import NamedTuple

from sqlalchemy import bindparam, func, select

from . import people, side, timing, urls
from .core import clock
from .extensions import db
from .kinds import KINDS
from .kinds.base import Ctx
from .models import Attendee

# A phone counts as present if it said hello (connect or heartbeat) within this window.
PRESENCE_SECONDS = 75


def present_count(event, now):
    return db.session.scalar(_PRESENT, {"event": event.id, "since": now - PRESENCE_SECONDS})


# Built once: every phone's first state asks (building a statement costs as much as running it).
_PRESENT = select(func.count(Attendee.id)).where(
    Attendee.event_id == bindparam("event"),
    Attendee.last_seen > bindparam("since"),
    Attendee.removed_at.is_(None),
)


def timer_view(seg, now):
    timer = seg.timer
    return timer.to_dict() | {"phase": clock.phase(timer, now)}


def agenda_view(event):
    return [
        {
            "id": s.id,
            "index": i,
            "kind": s.kind,
            "title": s.title,
            "minutes": s.minutes,
            "status": s.status,
            "started_at": s.started_at,
            "ended_at": s.ended_at,
        }
        for i, s in enumerate(event.segments)
    ]


def live_view(event, now):
    seg = event.live_segment
    if seg is None:
        return None
    return {
        "id": seg.id,
        "index": event.segments.index(seg),
        "kind": seg.kind,
        "title": seg.title,
        "instructions": seg.instructions,
        "timer": timer_view(seg, now),
    }


def public_state(event, now=None, count=None):
    """What the projector sees; the phones get it without the projector-only parts
    (for_phones). The hosts' state includes it whole (the panel's projector preview)."""
    now = now or time.time()
    if count is None and event.show_count:  # hidden: no count query (each phone's connect)
        count = present_count(event, now)
    agenda = agenda_view(event)  # the agenda first: the live segment is then one of its rows
    seg = event.live_segment
    ctx = Ctx(event, seg, now, role="display")
    return {
        "v": event.version,
        "t": now,
        "event": {
            "code": event.code,
            "name": event.name,
            "join_url": urls.join_url(event.code),
            "short_url": urls.short_url(event.code),
            "qr_svg": f"/e/{event.code}/qr.svg",
            "count": count if event.show_count else None,
            "chime": event.chime,
            "warn": event.warn_seconds,  # timers turn amber this many seconds before the end
            "ended": event.ended_at is not None,
            "rotating": event.join_rotate,  # the projector asks for the code (joincode)
        },
        "agenda": agenda,
        "live": live_view(event, now),
        "kind": KINDS[seg.kind].public_view(ctx) if seg else {},
        "side": side.public_views(event, now),
    }


def for_phones(state):
    """The public state as the phones' room gets it: without the parts of the live kind's
    public view that only the projector draws (its DISPLAY_ONLY keys). A round's 1,000 group
    tiles are 48 KB that 2,000 phones would each be sent and never show. The state itself
    when there is nothing to leave out (one build serves both rooms then)."""
    kind = (state.get("live") or {}).get("kind")
    only = getattr(KINDS.get(kind), "DISPLAY_ONLY", ()) if kind else ()
    view = state.get("kind") or {}
    if not any(k in view for k in only):
        return state
    return state | {"kind": {k: v for k, v in view.items() if k not in only}}


def host_state(event, now=None, public=None):
    """The public state plus what only the host sees (counts, settings, per-kind controls)."""
    now = now or time.time()
    if public is not None and event.show_count:  # counted for the public state just now
        count = public["event"]["count"]
    else:
        count = present_count(event, now)
    public = public or public_state(event, now, count)
    seg = event.live_segment
    ctx = Ctx(event, seg, now, role="host")
    joined = people.joined_count(event)
    return public | {
        "host": {
            "count": count,
            "joined": joined,
            "people": people.host_view(event, now, joined),
            "show_count": event.show_count,
            "auto_advance": event.auto_advance,
            "timing": timing.host_part(event, now),
            "display_url": urls.display_url(event.code),
            "segments": [
                {"id": s.id, "instructions": s.instructions, "settings": s.settings}
                for s in event.segments
            ],
            "kind": KINDS[seg.kind].host_view(ctx) if seg else {},
        }
    }


def personal_state(event, attendee, now=None, kind_view=None, open_panels=None):
    """What only this attendee sees: who they are, their group, their place in the bowl.
    open_panels: side.open_segments(event, now), when the caller builds many states."""
    now = now or time.time()
    seg = event.live_segment if kind_view is None else None  # a batch built it already
    if seg is not None:
        ctx = Ctx(event, seg, now, role="attendee", attendee=attendee)
        kind_view = KINDS[seg.kind].personal_view(ctx, attendee)
    return {
        "v": event.version,
        "code": event.code,  # screens drop a personal state that is not for their event
        "id": attendee.id,
        "name": attendee.name,
        "label": attendee.label,
        "kind": kind_view or {},
        "side": side.personal_views(event, attendee, now, open_panels),
        "wrap_up": timing.wrap_up_for(event, attendee.id),
    }


class Person(NamedTuple):
    """What a personal state needs of an attendee, as a plain row: a change that reaches
    2,000 phones reads three columns, not 2,000 ORM objects."""

    id: int
    name: str
    name_no: int

    @property
    def label(self):
        return self.name if self.name_no == 1 else f"{self.name} ({self.name_no})"


def people_of(event, ids=None):
    """Plain rows (Person) of an event's attendees (removed ones too: their screens are told),
    or of some of them."""
    query = select(Attendee.id, Attendee.name, Attendee.name_no).where(
        Attendee.event_id == event.id
    )
    if ids is not None:
        query = query.where(Attendee.id.in_(list(ids)))
    return [Person(*row) for row in db.session.execute(query.order_by(Attendee.id))]


def personal_states(event, attendees, now=None):
    """(attendee, state) for many at once. A kind may build its views in a few queries
    (personal_views(ctx, attendees) -> {id: view}) instead of a few per person."""
    now = now or time.time()
    seg = event.live_segment
    batch = getattr(KINDS[seg.kind], "personal_views", None) if seg else None
    views = batch(Ctx(event, seg, now, role="attendee"), attendees) if batch else {}
    panels = side.open_segments(event, now)  # once, not once per phone
    for attendee in attendees:
        yield attendee, personal_state(event, attendee, now, views.get(attendee.id), panels)
