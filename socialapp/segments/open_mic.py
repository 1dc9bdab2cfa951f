"""The open_mic segment kind: a sign-up bowl, fair random draws, a running order and a
timer per speaker.

Attendees put their name in the bowl (with an optional story title) and may take it out until
drawn. The host draws names (uniformly at random with the system's cryptographic source, see
socialapp/bowl.py), calls up the next one, runs the speaker's timer, marks no-shows absent,
adds names by hand and closes the bowl. Every command runs under the event lock in one
transaction (socialapp/commands.py), so two draws at the same moment never pick the same person.
"""

import logging

from sqlalchemy import select

from .. import bowl, clock, viewcache
from ..args import Bool, Id, Int, Text
from ..errors import CommandError
from ..extensions import db
from ..models import OpenMicBowl, OpenMicEntry, OpenMicLog
from .base import Change, command

KIND = "open_mic"
LABEL = "Open mic"
COMMANDS = {}
log = logging.getLogger(__name__)

TITLE_MAX = 80
NAME_MAX = 40
ORDER_SHOWN = 12  # running-order names in the public view (the projector shows fewer)
LOG_SHOWN = 50
DEFAULT_GO_TO = "Walk to the microphone at the front of the room."


def default_settings():
    return {"speaker_minutes": 4, "theme": "", "go_to": DEFAULT_GO_TO}


SPEAKER_MINUTES = Int("speaker_minutes", 1, 60, label="minutes per speaker")
WORDING = [
    Text("theme", 200, min_len=0, required=False),
    Text("go_to", 120, min_len=0, required=False, label="where to go"),
]


def clean_settings(raw):
    raw = dict(raw or {})
    out = default_settings()
    if "speaker_minutes" in raw:  # present but null is refused, as a wrong number
        out["speaker_minutes"] = SPEAKER_MINUTES.read(raw["speaker_minutes"])
    for arg in WORDING:
        value = arg.parse(raw)
        if value is not None:
            out[arg.key] = value
    out["go_to"] = out["go_to"] or DEFAULT_GO_TO
    return out


# ---------- reading ----------


def entries(segment, fresh=False):
    query = select(OpenMicEntry).where(OpenMicEntry.segment_id == segment.id)
    query = query.order_by(OpenMicEntry.id)
    if fresh:  # inside a command, after the event lock: never trust the identity map
        query = query.execution_options(populate_existing=True)
    return db.session.scalars(query).all()


def bowl_row(ctx, create=False):
    row = db.session.get(OpenMicBowl, ctx.segment.id, populate_existing=create)
    if row is None and create:
        row = OpenMicBowl(segment_id=ctx.segment.id, event_id=ctx.event.id, closed=False, last_no=0)
        db.session.add(row)
    return row


def speaker_seconds(segment):
    return int(segment.settings.get("speaker_minutes") or 4) * 60


def brief(e):
    return {"id": e.id, "name": e.name, "title": e.title, "no": e.draw_no}


def timer_of(entry, now):
    t = entry.timer
    return t.to_dict() | {"phase": clock.phase(t, now)}


def public_view(ctx):
    """What every phone and the projector see: small, the same for everyone."""
    seg = ctx.segment
    settings = seg.settings
    ents = entries(seg)
    row = bowl_row(ctx)
    current = bowl.speaker(ents)
    order = bowl.running_order(ents)
    view = {
        "theme": settings.get("theme", ""),
        "go_to": settings.get("go_to", DEFAULT_GO_TO),
        "speaker_minutes": settings.get("speaker_minutes", 4),
        "closed": bool(row and row.closed),
        "in_bowl": len(bowl.in_bowl(ents)),
        "spoken": sum(1 for e in ents if e.status == bowl.DONE),
        "speaker": brief(current) if current else None,
        "order": [brief(e) for e in order[:ORDER_SHOWN]],
        "order_total": len(order),
    }
    if current is not None:
        view["timer"] = timer_of(current, ctx.now)
        view["timer_label"] = "Speaker time"
    return view


def host_entry(e):
    return brief(e) | {"manual": e.attendee_id is None, "status": e.status, "at": e.created_at}


def host_view(ctx):
    seg = ctx.segment
    ents = entries(seg)
    row = bowl_row(ctx)
    logs = db.session.scalars(
        select(OpenMicLog)
        .where(OpenMicLog.segment_id == seg.id)
        .order_by(OpenMicLog.id.desc())
        .limit(LOG_SHOWN)
    ).all()
    current = bowl.speaker(ents)
    return {
        "closed": bool(row and row.closed),
        "speaker_minutes": seg.settings.get("speaker_minutes", 4),
        "bowl": [host_entry(e) for e in bowl.in_bowl(ents)],
        "order": [host_entry(e) for e in bowl.running_order(ents)],
        "speaker": host_entry(current) if current else None,
        "done": [host_entry(e) for e in ents if e.status == bowl.DONE],
        "absent": [host_entry(e) for e in ents if e.status == bowl.ABSENT],
        "log": [
            {"at": g.at, "name": g.name, "action": g.action, "no": g.draw_no, "pool": g.pool}
            for g in logs
        ],
    }


# Personal views are asked for once per phone after a change that concerns everyone (a
# segment going live reaches 2,000 phones): one query per segment and event version
# (socialapp.viewcache), not one per phone.


def personal_map(ctx):
    return viewcache.memo(ctx.event, ("open_mic", ctx.segment.id), lambda: _personal_map(ctx))


def _personal_map(ctx):
    ents = entries(ctx.segment)
    order = {e.id: i for i, e in enumerate(bowl.running_order(ents), start=1)}
    return {
        e.attendee_id: {
            "id": e.id,
            "status": e.status,
            "title": e.title,
            "position": order.get(e.id),
        }
        for e in ents
        if e.attendee_id is not None
    }


def personal_view(ctx, attendee):
    """This phone's place: not in, in the bowl, drawn (position 1 = on deck), speaking, done."""
    return {"entry": personal_map(ctx).get(attendee.id)}


# ---------- helpers for commands ----------


TITLE = Text("title", TITLE_MAX, min_len=0, default="", label="story title")
ENTRY = Id("entry_id", "entry")


def entry_arg(ents, args):
    found = next((e for e in ents if e.id == args["entry_id"]), None)
    if found is None:
        raise CommandError("Unknown entry.", "not_found")
    return found


def waiting_people(ents):
    """Attendees whose phone shows a place in the running order (it shifts on most changes)."""
    return {e.attendee_id for e in ents if e.status in (bowl.DRAWN, bowl.SPEAKING)}


def people(*entries_):
    return {e.attendee_id for e in entries_ if e is not None and e.attendee_id is not None}


def add_log(ctx, entry, action, pool=0):
    db.session.add(
        OpenMicLog(
            event_id=ctx.event.id,
            segment_id=ctx.segment.id,
            entry_id=entry.id,
            name=entry.name,
            action=action,
            draw_no=entry.draw_no,
            pool=pool,
            at=ctx.now,
        )
    )


def reset_timer(entry):
    entry.timer = clock.Timer()
    entry.started_at = None


def finish(entry, now):
    entry.timer = clock.stop(entry.timer, now)
    entry.status = bowl.DONE
    entry.ended_at = now


def do_draw(ctx, ents, k, exclude=()):
    pool = [e for e in bowl.in_bowl(ents) if e.id not in exclude]
    if not pool:
        return []
    chosen = bowl.draw(pool, k, ctx.rng)
    row = bowl_row(ctx, create=True)
    last_no = max([row.last_no, *(e.draw_no or 0 for e in ents)])
    for i, (entry, no) in enumerate(bowl.numbering(last_no, chosen)):
        entry.status = bowl.DRAWN
        entry.draw_no = no
        entry.drawn_at = ctx.now
        add_log(ctx, entry, "draw", pool=len(pool) - i)
        log.info(
            "open mic: event %s segment %s drew #%s %r from %s names",
            ctx.event.id,
            ctx.segment.id,
            no,
            entry.name,
            len(pool) - i,
        )
    row.last_no = last_no + len(chosen)
    return chosen


def current_speaker(ents):
    found = bowl.speaker(ents)
    if found is None:
        raise CommandError("Nobody is speaking: call the next person up first.", "conflict")
    return found


# ---------- attendees ----------


@command(COMMANDS, "open_mic.enter", roles=("attendee",), args=[TITLE])
def enter(ctx, args):
    """Put my name in the bowl, with an optional story title."""
    title = args["title"]
    row = bowl_row(ctx, create=True)
    if row.closed:
        raise CommandError("The bowl is closed: no new names for this segment.", "conflict")
    mine = db.session.scalar(
        select(OpenMicEntry).where(
            OpenMicEntry.segment_id == ctx.segment.id,
            OpenMicEntry.attendee_id == ctx.attendee.id,
        )
    )
    if mine is not None:
        if mine.status == bowl.ABSENT:
            raise CommandError("You were called when you were not here: ask the host.", "conflict")
        raise CommandError("Your name is already in for this segment.", "conflict")
    entry = OpenMicEntry(
        event_id=ctx.event.id,
        segment_id=ctx.segment.id,
        attendee_id=ctx.attendee.id,
        name=ctx.attendee.label,
        title=title,
        status=bowl.IN_BOWL,
        created_at=ctx.now,
    )
    db.session.add(entry)
    db.session.flush()
    return Change(personal={ctx.attendee.id}, result={"entry_id": entry.id})


@command(COMMANDS, "open_mic.withdraw", roles=("attendee",), args=())
def withdraw(ctx, args):
    """Take my name out again (only while it is still in the bowl)."""
    mine = db.session.scalar(
        select(OpenMicEntry)
        .where(
            OpenMicEntry.segment_id == ctx.segment.id,
            OpenMicEntry.attendee_id == ctx.attendee.id,
        )
        .execution_options(populate_existing=True)
    )
    if mine is None:
        raise CommandError("Your name is not in the bowl.", "conflict")
    if not bowl.allowed("withdraw", mine.status):
        raise CommandError(
            "Your name has been drawn already: tell the host if you cannot speak.", "conflict"
        )
    db.session.delete(mine)
    return Change(personal={ctx.attendee.id})


# ---------- the host ----------


@command(COMMANDS, "open_mic.draw", args=[Int("count", 1, bowl.MAX_DRAW, default=1)])
def draw(ctx, args):
    """Draw one name (or count names, to set a running order) from the bowl."""
    ents = entries(ctx.segment, fresh=True)
    chosen = do_draw(ctx, ents, args["count"])
    if not chosen:
        raise CommandError("The bowl is empty: there is no name to draw.", "conflict")
    return Change(
        personal=people(*chosen),
        result={"drawn": [{"id": e.id, "name": e.name, "no": e.draw_no} for e in chosen]},
    )


@command(COMMANDS, "open_mic.next", args=[Bool("start", default=False)])
def call_up(ctx, args):
    """The current speaker is done; the one on deck comes up (timer ready, or started)."""
    start = args["start"]
    ents = entries(ctx.segment, fresh=True)
    order = bowl.running_order(ents)
    if not order:
        raise CommandError("Nobody is on deck: draw a name first.", "conflict")
    affected = waiting_people(ents)
    current = bowl.speaker(ents)
    if current is not None:
        finish(current, ctx.now)
    nxt = order[0]
    nxt.status = bowl.SPEAKING
    nxt.started_at = ctx.now
    timer = clock.new(speaker_seconds(ctx.segment))
    nxt.timer = clock.start(timer, ctx.now) if start else timer
    return Change(personal=affected, result={"speaker": brief(nxt)})


@command(COMMANDS, "open_mic.start", args=())
def start_timer(ctx, args):
    """Start the speaker's timer (or resume it when paused)."""
    current = current_speaker(entries(ctx.segment, fresh=True))
    t = current.timer
    if t.status == "stopped":
        t = clock.new(t.duration)
    current.timer = clock.resume(t, ctx.now) if t.status == "paused" else clock.start(t, ctx.now)
    return Change()


@command(COMMANDS, "open_mic.pause", args=())
def pause_timer(ctx, args):
    current = current_speaker(entries(ctx.segment, fresh=True))
    current.timer = clock.pause(current.timer, ctx.now)
    return Change()


@command(COMMANDS, "open_mic.resume", args=())
def resume_timer(ctx, args):
    current = current_speaker(entries(ctx.segment, fresh=True))
    current.timer = clock.resume(current.timer, ctx.now)
    return Change()


@command(COMMANDS, "open_mic.extend", args=[Int("seconds", -600, 600, default=30)])
def extend_timer(ctx, args):
    """+30 s by default; seconds may be -600..600."""
    current = current_speaker(entries(ctx.segment, fresh=True))
    current.timer = clock.extend(current.timer, args["seconds"], ctx.now)
    return Change()


@command(COMMANDS, "open_mic.end", args=())
def end_talk(ctx, args):
    """The speaker is done (the next one is called up separately)."""
    ents = entries(ctx.segment, fresh=True)
    current = current_speaker(ents)
    finish(current, ctx.now)
    return Change(personal=people(current))


@command(
    COMMANDS,
    "open_mic.absent",
    args=[ENTRY, Bool("back", default=False), Bool("redraw", default=False)],
)
def absent(ctx, args):
    """A drawn person is not here: back into the bowl (back=true) or out; redraw=true draws a
    replacement at once (never the absent person)."""
    back, redraw = args["back"], args["redraw"]
    ents = entries(ctx.segment, fresh=True)
    entry = entry_arg(ents, args)
    if not bowl.allowed("absent", entry.status):
        raise CommandError("Only a drawn name can be marked absent.", "conflict")
    affected = waiting_people(ents) | people(entry)
    add_log(ctx, entry, "absent_back" if back else "absent_out")
    reset_timer(entry)
    if back:
        entry.status, entry.draw_no, entry.drawn_at = bowl.IN_BOWL, None, None
    else:
        entry.status = bowl.ABSENT
    chosen = do_draw(ctx, ents, 1, exclude={entry.id}) if redraw else []
    return Change(
        personal=affected | people(*chosen),
        result={"drawn": [{"id": e.id, "name": e.name, "no": e.draw_no} for e in chosen]},
    )


@command(COMMANDS, "open_mic.add", args=[Text("name", NAME_MAX), TITLE])
def add(ctx, args):
    """Add a name by hand, for someone without a phone (allowed even when the bowl is closed)."""
    name, title = args["name"], args["title"]
    bowl_row(ctx, create=True)
    entry = OpenMicEntry(
        event_id=ctx.event.id,
        segment_id=ctx.segment.id,
        attendee_id=None,
        name=name,
        title=title,
        status=bowl.IN_BOWL,
        created_at=ctx.now,
    )
    db.session.add(entry)
    db.session.flush()
    return Change(result={"entry_id": entry.id})


@command(COMMANDS, "open_mic.remove", args=[ENTRY])
def remove(ctx, args):
    """Take an entry out (in the bowl, in the running order, or marked absent)."""
    ents = entries(ctx.segment, fresh=True)
    entry = entry_arg(ents, args)
    if not bowl.allowed("remove", entry.status):
        raise CommandError(
            "End this person's talk first."
            if entry.status == bowl.SPEAKING
            else "This person has already spoken.",
            "conflict",
        )
    affected = people(entry) | (waiting_people(ents) if entry.status == bowl.DRAWN else set())
    db.session.delete(entry)
    return Change(personal=affected)


@command(COMMANDS, "open_mic.close", args=[Bool("closed", default=True)])
def close(ctx, args):
    """Close the bowl (closed=true, the default) or open it again (closed=false)."""
    row = bowl_row(ctx, create=True)
    row.closed = args["closed"]
    return Change()
