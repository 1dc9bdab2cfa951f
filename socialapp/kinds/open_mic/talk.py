"""The talk queue's own part: the host's mode switch, "I'm interested / I can help", and the
hooks through which stay connected lists pitchers and helpers as people who met.

A tap is allowed on a talk being given or already given (during or after the pitch), never on
one's own, nor on a talk the host added by hand (nobody's phone to tell). The pitcher sees the
helpers' names; contact lines pass only once both confirmed (connect.confirm -> confirm_met),
exactly as for people grouped in an icebreaker round.
"""

import json

from sqlalchemy import and_, or_, select

from ... import viewcache
from ...args import Bool, Int
from ...core import bowl
from ...errors import CommandError
from ...extensions import db
from ...models import Attendee, Segment
from ..base import Change, command
from .commands import COMMANDS, ENTRY, entry_arg, people, queue_up, waiting_people
from .models import OpenMicEntry, OpenMicInterest
from .reading import entries
from .rules import MODE, ORDER_BY, clean_settings, talk_queue

HEARD_SHOWN = 8  # talks already given that phones may still say "I can help" to


@command(
    COMMANDS,
    "open_mic.setup",
    needs_live=False,
    args=[MODE, ORDER_BY, Int("speaker_minutes", 1, 60, required=False, label="minutes")],
)
def setup(ctx, args):
    """Mode, order and minutes per speaker (the talk queue's slots: 3 to 10). Switching to
    first come puts the names still in the bowl into the running order, in sign-up order."""
    seg = ctx.segment
    changes = {k: v for k, v in args.items() if v is not None}
    seg.settings_json = json.dumps(clean_settings(seg.settings | changes))
    affected = set()
    if args["order"] == "first_come":
        ents = entries(seg, fresh=True)
        waiting = sorted(bowl.in_bowl(ents), key=lambda e: (e.created_at, e.id))
        for entry in waiting:
            queue_up(ctx, entry)
            db.session.flush()
        affected = people(*waiting) | waiting_people(ents)
    return Change(personal=affected or set(), result={"settings": seg.settings})


@command(
    COMMANDS, "open_mic.help", roles=("attendee",), args=[ENTRY, Bool("on", default=True)],
    strict=True,
)  # fmt: skip
def can_help(ctx, args):
    """ "I'm interested / I can help" with a talk (on=false takes it back)."""
    if not talk_queue(ctx.segment):
        raise CommandError("This open mic has no talk queue.", "conflict")
    entry = entry_arg(entries(ctx.segment, fresh=True), args)
    me = ctx.attendee.id
    if entry.status not in (bowl.SPEAKING, bowl.DONE):
        raise CommandError("You can offer help once this talk has started.", "conflict")
    if entry.attendee_id is None:
        raise CommandError("This talk was added by hand: find its speaker in the room.", "conflict")
    if entry.attendee_id == me:
        raise CommandError("This is your own talk.", "conflict")
    row = db.session.scalar(
        select(OpenMicInterest).where(
            OpenMicInterest.entry_id == entry.id, OpenMicInterest.helper_id == me
        )
    )
    if args["on"] and row is None:
        db.session.add(
            OpenMicInterest(
                event_id=ctx.event.id,
                segment_id=ctx.segment.id,
                entry_id=entry.id,
                pitcher_id=entry.attendee_id,
                helper_id=me,
                created_at=ctx.now,
            )
        )
    elif not args["on"] and row is not None:
        db.session.delete(row)
    return Change(personal={me, entry.attendee_id}, public=False, result={"on": args["on"]})


# ---------- what phones see ----------


def heard(ents):
    """The talks given so far, latest first (phones may still say "I can help")."""
    done = [e for e in ents if e.status == bowl.DONE and e.started_at is not None]
    return sorted(done, key=lambda e: (e.started_at, e.id), reverse=True)[:HEARD_SHOWN]


def interest_map(ctx):
    """{attendee id: {"helping": [entry ids], "helpers": [names]}} for one segment, built once
    per event version (socialapp.viewcache)."""
    key = ("open_mic.interest", ctx.segment.id)
    return viewcache.memo(ctx.event, key, lambda: _interest_map(ctx.segment.id))


def _interest_map(segment_id):
    out = {}
    rows = db.session.execute(
        select(OpenMicInterest.entry_id, OpenMicInterest.pitcher_id, OpenMicInterest.helper_id)
        .add_columns(Attendee.name, Attendee.name_no)
        .join(Attendee, Attendee.id == OpenMicInterest.helper_id)
        .where(OpenMicInterest.segment_id == segment_id, Attendee.removed_at.is_(None))
        .order_by(OpenMicInterest.created_at, OpenMicInterest.id)
    )
    for entry_id, pitcher, helper, name, no in rows:
        mine = out.setdefault(helper, {"helping": [], "helpers": []})
        mine["helping"].append(entry_id)
        label = name if no == 1 else f"{name} ({no})"
        out.setdefault(pitcher, {"helping": [], "helpers": []})["helpers"].append(label)
    return out


# ---------- hooks read by stay connected (socialapp/kinds/connect) ----------


def encounters(event):
    """Pitchers and the people who offered help, like people met: {"rounds": {entry id:
    {"number", "prompt" (the talk title), "segment", "pos", "where"}}, "pairs": [(pitcher,
    helper, entry id)], "confirmed": {(who, whom)}}."""
    rounds, pairs, confirmed = {}, [], set()
    rows = db.session.execute(
        select(
            OpenMicInterest.entry_id,
            OpenMicInterest.pitcher_id,
            OpenMicInterest.helper_id,
            OpenMicInterest.pitcher_confirmed_at,
            OpenMicInterest.helper_confirmed_at,
            OpenMicEntry.title,
            Segment.title,
            Segment.position,
        )
        .join(OpenMicEntry, OpenMicEntry.id == OpenMicInterest.entry_id)
        .join(Segment, Segment.id == OpenMicInterest.segment_id)
        .where(OpenMicInterest.event_id == event.id)
        .order_by(OpenMicInterest.created_at, OpenMicInterest.id)
    )
    for entry_id, pitcher, helper, p_at, h_at, title, seg_title, pos in rows:
        where = f"{seg_title} · “I can help”"
        rounds[entry_id] = {"number": 0, "prompt": title, "segment": seg_title, "pos": pos}
        rounds[entry_id]["where"] = where
        pairs.append((pitcher, helper, entry_id))
        confirmed |= {(pitcher, helper)} if p_at is not None else set()
        confirmed |= {(helper, pitcher)} if h_at is not None else set()
    return {"rounds": rounds, "pairs": pairs, "confirmed": confirmed}


def confirm_met(event_id, me, others, on, now):
    """ "I met them" (on) or not, on my side of the taps between me and others; returns the
    others I share a tap with."""
    others = list(others)
    if not others:
        return set()
    rows = db.session.scalars(
        select(OpenMicInterest).where(
            OpenMicInterest.event_id == event_id,
            or_(
                and_(OpenMicInterest.pitcher_id == me, OpenMicInterest.helper_id.in_(others)),
                and_(OpenMicInterest.helper_id == me, OpenMicInterest.pitcher_id.in_(others)),
            ),
        )
    ).all()
    done = set()
    for row in rows:
        if row.pitcher_id == me:
            row.pitcher_confirmed_at = (row.pitcher_confirmed_at or now) if on else None
            done.add(row.helper_id)
        else:
            row.helper_confirmed_at = (row.helper_confirmed_at or now) if on else None
            done.add(row.pitcher_id)
    return done
