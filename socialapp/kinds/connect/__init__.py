"""The connect segment kind ("Stay connected"): people find again those they met tonight.

Each phone lists the people its owner was grouped with in this event's icebreaker rounds
(from the stored met pairs: in which round, with which question), the people met through
any other kind's encounters hook (a talk queue's "I can help"), and the open-mic speakers
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

from ... import viewcache
from ...args import Bool, Id, Text, clean
from ...errors import CommandError
from ...extensions import db
from ...models import Attendee
from ..base import Change, command
from .models import ConnectContact

KIND = "connect"
LABEL = "Stay connected"
ORDER = 40
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


def hooks(name):
    """The kinds' functions of this name: other kinds tell connect who met whom (encounters,
    confirm_met) and whose stories the room heard (stories), so it names none of them."""
    from .. import KINDS  # the registry is still being filled while this module loads

    return [(k, getattr(kind, name)) for k, kind in KINDS.items() if hasattr(kind, name)]


def _build_graph(event):
    rounds, met, confirmed, seen = {}, {}, set(), set()
    for k, encounters in hooks("encounters"):
        found = encounters(event)
        rounds |= {(k, rid): r for rid, r in found["rounds"].items()}
        for a, b, rid in found["pairs"]:
            if (a, b) in seen:  # one entry per person: where they first met
                continue
            seen |= {(a, b), (b, a)}
            met.setdefault(a, []).append((b, (k, rid)))
            met.setdefault(b, []).append((a, (k, rid)))
        confirmed |= found["confirmed"]
    several = len({r["segment"] for r in rounds.values()}) > 1
    labels = {}
    if met:
        for aid, name, no in db.session.execute(
            select(Attendee.id, Attendee.name, Attendee.name_no).where(
                Attendee.event_id == event.id
            )
        ):
            if aid in met:
                labels[aid] = name if no == 1 else f"{name} ({no})"
    speakers = [s for _, stories in hooks("stories") for s in stories(event)]
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
    return {o for o in met_ids(event, attendee_id) if mutual(g["confirmed"], attendee_id, o)}


def mutual(confirmed, me, other):
    return (me, other) in confirmed and (other, me) in confirmed


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
        return {"round": None, "where": "Icebreaker", "prompt": "", "segment": None}
    if "where" in r:  # a kind that names the place itself (not a numbered round)
        return {
            "round": None,
            "where": r["where"],
            "prompt": r["prompt"],
            "segment": r.get("segment"),
        }
    where = f"Round {r['number']}"
    if g["several"]:
        where = f"{r['segment']} · round {r['number']}"
    segment = r["segment"] if g["several"] else None
    return {"round": r["number"], "where": where, "prompt": r["prompt"], "segment": segment}


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
    from ... import series  # the core imports the kinds' registry: late

    view = {
        "met": people,
        "speakers": speakers[:SPEAKERS_SHOWN],
        "speakers_total": len(speakers),
        "contact": shared.get(attendee.id),
    }
    # Met at earlier sessions of the event's series (a weekly club): names only.
    if before := series.earlier_met(ctx.event, attendee.id):
        view["before"] = before[:SPEAKERS_SHOWN]
    return view


def forget_people(ctx, ids, keeper, everyone=False):
    """Personal data goes (socialapp.privacy): these people's contact lines are deleted."""
    stmt = delete(ConnectContact).where(ConnectContact.event_id == ctx.event.id)
    if not everyone:
        stmt = stmt.where(ConnectContact.attendee_id.in_(list(ids)))
    db.session.execute(stmt)
    forget()


def blueprints():
    """Save all: /j/<code>/contacts.vcf (imported late: it uses the core's event lookup)."""
    from .web import bp

    return [bp]


def exports(event, attendee=None):
    """Take home: a person's own contacts file (vCard). The host gets none: contacts never
    reach the host (only people who met and confirmed see them)."""
    if attendee is None or not any(seg.kind == KIND for seg in event.segments):
        return []
    from flask import url_for

    from . import vcard

    url = url_for("connect.contacts_vcf", code=event.code)
    return [("Contacts of people you met (vCard)", url, vcard.filename(event.name))]


def after_event_page(ctx):
    """After the event, a phone that took part still finds the people it met, their shared
    contacts and the stories it heard (templates/connect/after.html)."""
    from flask import render_template

    view = personal_view(ctx, ctx.attendee)
    # The rest of the one-page digest: what other kinds have for this person (the room's
    # themes, the story they signed up for...): [{"title", "items": [plain text]}].
    digest = [part for _, hook in hooks("digest_part") for part in hook(ctx)]
    return render_template(
        "connect/after.html", event=ctx.event, attendee=ctx.attendee, view=view, digest=digest
    )


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
    grouped = set()
    for _, confirm_met in hooks("confirm_met"):
        grouped |= confirm_met(ctx.event.id, ctx.attendee.id, {other}, on, ctx.now)
    if other not in grouped:
        raise CommandError("You can only confirm someone you were grouped with.", "not_found")
    return Change(personal={ctx.attendee.id, other}, public=False, result={"met": on})
