"""The connect segment kind ("Stay connected"): people find again those they met tonight.

Each phone lists the people its owner was grouped with in this event's icebreaker rounds
(from the stored met pairs: in which round, with which question) and the open-mic speakers
whose stories the room heard. Sharing a contact line is opt-in: connect.share stores one
short line, and it is shown ONLY in the personal views of people who met its owner in an
icebreaker round AND where both confirmed meeting (socialapp.meetings: "we found each other"
in the round, or connect.confirm, "I met them", here), and only while it is shared;
connect.stop deletes it. Being grouped is not enough: anyone with the join link can put fake
attendees in the rounds. The projector and the host see numbers only; contacts never enter
the public or host state.

Views must stay cheap for 2,000 phones: who met whom, round names and speakers are read once
per event version into a plain-data picture (contacts in a second, smaller one), and every
personal view is a few dictionary look-ups.
"""

from sqlalchemy import delete, func, select

from .. import meetings, viewcache
from ..args import Bool, Id, Text, clean
from ..errors import CommandError
from ..extensions import db
from ..models import (
    Attendee,
    ConnectContact,
    IcebreakerPair,
    IcebreakerRound,
    OpenMicEntry,
    Segment,
)
from .base import Change, command

KIND = "connect"
LABEL = "Stay connected"
COMMANDS = {}

CONTACT_MAX = 120
SPEAKERS_SHOWN = 40
# One line of plain text (socialapp/core/text.py refuses, among others, the direction
# controls that could make a contact read backwards: "moc.elpmaxe@...").
CONTACT = Text("contact", CONTACT_MAX)


def default_settings():
    return {}


def clean_settings(raw):
    return {}


# ---------- plain-data pictures, built once per event version (socialapp.viewcache) ----------


def graph(event):
    """Who met whom in this event's icebreaker rounds, and the open-mic speakers."""
    return viewcache.memo(event, "connect.graph", lambda: _build_graph(event))


def _build_graph(event):
    rounds = {}
    for rid, number, prompt, seg_title, seg_pos in db.session.execute(
        select(
            IcebreakerRound.id,
            IcebreakerRound.number,
            IcebreakerRound.prompt,
            Segment.title,
            Segment.position,
        )
        .join(Segment, Segment.id == IcebreakerRound.segment_id)
        .where(IcebreakerRound.event_id == event.id)
    ):
        rounds[rid] = {"number": number, "prompt": prompt, "segment": seg_title, "pos": seg_pos}
    several = len({r["segment"] for r in rounds.values()}) > 1
    met, confirmed = {}, set()
    for a, b, rid, a_at, b_at in db.session.execute(
        select(
            IcebreakerPair.a,
            IcebreakerPair.b,
            IcebreakerPair.round_id,
            IcebreakerPair.a_confirmed_at,
            IcebreakerPair.b_confirmed_at,
        )
        .where(IcebreakerPair.event_id == event.id)
        .order_by(IcebreakerPair.met_at, IcebreakerPair.id)
    ):
        met.setdefault(a, []).append((b, rid))
        met.setdefault(b, []).append((a, rid))
        confirmed |= meetings.sides((a, b, a_at, b_at))
    labels = {}
    if met:
        for aid, name, no in db.session.execute(
            select(Attendee.id, Attendee.name, Attendee.name_no).where(
                Attendee.event_id == event.id
            )
        ):
            if aid in met:
                labels[aid] = name if no == 1 else f"{name} ({no})"
    speakers = [
        {"attendee": aid, "name": name, "title": title, "segment": seg_title}
        for aid, name, title, seg_title in db.session.execute(
            select(OpenMicEntry.attendee_id, OpenMicEntry.name, OpenMicEntry.title, Segment.title)
            .join(Segment, Segment.id == OpenMicEntry.segment_id)
            .where(OpenMicEntry.event_id == event.id, OpenMicEntry.started_at.is_not(None))
            .order_by(Segment.position, OpenMicEntry.started_at, OpenMicEntry.id)
        )
    ]
    return {
        "met": met,
        "confirmed": confirmed,  # (who, whom): who confirmed meeting whom
        "rounds": rounds,
        "several": several,
        "labels": labels,
        "pairs": sum(len(v) for v in met.values()) // 2,
        "speakers": speakers,
    }


def contacts(event):
    """{attendee id: contact line} of everyone sharing in this event."""
    return viewcache.memo(event, "connect.contacts", lambda: _contacts(event))


def _contacts(event):
    rows = db.session.execute(  # a removed attendee's line goes to nobody
        select(ConnectContact.attendee_id, ConnectContact.contact)
        .join(Attendee, Attendee.id == ConnectContact.attendee_id)
        .where(ConnectContact.event_id == event.id, Attendee.removed_at.is_(None))
    )
    return dict(rows.all())


def forget():
    """Drop cached pictures (tests that change rows outside commands call this)."""
    viewcache.forget()


def met_ids(event, attendee_id):
    return {other for other, _ in graph(event)["met"].get(attendee_id, ())}


def confirmed_ids(event, attendee_id):
    """The people this attendee met and who both confirmed it: those who may see contacts."""
    g = graph(event)
    return {
        o for o in met_ids(event, attendee_id) if meetings.mutual(g["confirmed"], attendee_id, o)
    }


# ---------- views ----------


def public_view(ctx):
    """Numbers only: what the projector and every phone may see."""
    g = graph(ctx.event)
    return {
        "pairs": g["pairs"],
        "met_people": len(g["met"]),
        "sharing": len(contacts(ctx.event)),
        "stories": len(g["speakers"]),
    }


def host_view(ctx):
    """Counts only: the host never sees anyone's contact."""
    g = graph(ctx.event)
    joined = db.session.scalar(
        select(func.count(Attendee.id)).where(
            Attendee.event_id == ctx.event.id, Attendee.removed_at.is_(None)
        )
    )
    return {
        "pairs": g["pairs"],
        "met_people": len(g["met"]),
        "met_nobody": max(0, joined - len(g["met"])),
        "sharing": len(contacts(ctx.event)),
        "stories": len(g["speakers"]),
    }


def _where(g, rid):
    r = g["rounds"].get(rid)
    if r is None:
        return {"round": None, "where": "Icebreaker", "prompt": ""}
    where = f"Round {r['number']}"
    if g["several"]:
        where = f"{r['segment']} · round {r['number']}"
    return {"round": r["number"], "where": where, "prompt": r["prompt"]}


def personal_view(ctx, attendee):
    """The people this attendee met (with a contact only where that person shares), the
    speakers the room heard, and the attendee's own contact line."""
    g = graph(ctx.event)
    shared = contacts(ctx.event)
    people = []
    me, confirmed = attendee.id, g["confirmed"]
    for other, rid in g["met"].get(me, ()):
        person = {
            "id": other,
            "label": g["labels"].get(other, "Someone"),
            "confirmed": (me, other) in confirmed,
            "confirmed_me": (other, me) in confirmed,
        } | _where(g, rid)
        if other in shared and person["confirmed"] and person["confirmed_me"]:
            person["contact"] = shared[other]
        people.append(person)
    mine = set(met_ids(ctx.event, attendee.id))
    speakers = [
        {
            "name": s["name"],
            "title": s["title"],
            "segment": s["segment"],
            "met": s["attendee"] in mine,
        }
        for s in g["speakers"]
        if s["attendee"] != attendee.id
    ]
    return {
        "met": people,
        "speakers": speakers[:SPEAKERS_SHOWN],
        "speakers_total": len(speakers),
        "contact": shared.get(attendee.id),
    }


# ---------- commands ----------


def _only(args, *allowed):
    """For a command that does not declare its args yet (declared ones say strict=True)."""
    clean([], {k: v for k, v in args.items() if k not in allowed}, strict=True)


def _carry(event):
    """Sharing changes no pair, round or speaker: the new version keeps the same graph (the
    event lock bumped the version by exactly one for this command)."""
    viewcache.carry(event, "connect.graph")


def _changed(ctx):
    """Whom to send new state: the people who may see this person's contact, and themselves
    (and the projector, for its sharing count: socialapp.broadcast batches a burst)."""
    _carry(ctx.event)
    return confirmed_ids(ctx.event, ctx.attendee.id) | {ctx.attendee.id}


# Phones act on themselves only (strict): any other field is refused.
@command(COMMANDS, "connect.share", roles=("attendee",), args=[CONTACT], strict=True)
def share(ctx, args):
    """Set (or replace) this attendee's contact line and share it with the people they met."""
    contact = args["contact"]
    row = db.session.scalar(
        select(ConnectContact).where(ConnectContact.attendee_id == ctx.attendee.id)
    )
    if row is None:
        row = ConnectContact(event_id=ctx.event.id, attendee_id=ctx.attendee.id, contact=contact)
        db.session.add(row)
    row.contact = contact
    row.updated_at = ctx.now
    who = _changed(ctx)
    return Change(personal=who, result={"sharing": True, "visible_to": len(who) - 1})


@command(COMMANDS, "connect.stop", roles=("attendee",), needs_live=False, args=(), strict=True)
def stop(ctx, args):
    """Stop sharing: the stored contact line is deleted, and disappears from every phone."""
    gone = db.session.execute(
        delete(ConnectContact).where(ConnectContact.attendee_id == ctx.attendee.id)
    ).rowcount
    if not gone:
        _carry(ctx.event)
        return Change(personal={ctx.attendee.id}, public=False, result={"sharing": False})
    return Change(personal=_changed(ctx), result={"sharing": False})


@command(
    COMMANDS,
    "connect.confirm",
    roles=("attendee",),
    args=[Id("attendee_id", "person"), Bool("met", default=True)],
    strict=True,
)
def confirm(ctx, args):
    """ "I met them" (met=false takes it back) for someone on this attendee's list: contacts
    are shared between two people once both confirmed, here or in the icebreaker."""
    other, on = args["attendee_id"], args["met"]
    # Not through the cached graph: it must not be built for this version before the change.
    if other not in meetings.confirm(ctx.event.id, ctx.attendee.id, {other}, on, ctx.now):
        raise CommandError("You can only confirm someone you were grouped with.", "not_found")
    return Change(personal={ctx.attendee.id, other}, public=False, result={"met": on})
