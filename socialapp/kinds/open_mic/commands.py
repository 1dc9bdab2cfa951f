"""The open mic's commands: attendees put their name in or take it out; the host draws, calls
up, times, marks absent, adds, removes and closes the bowl.
"""

import logging

from sqlalchemy import select

from ...args import Bool, Id, Int, Text
from ...core import bowl, clock
from ...errors import CommandError
from ...extensions import db
from ..base import Change, command
from .models import OpenMicEntry, OpenMicLog
from .reading import NAME_MAX, PITCH_MAX, TITLE_MAX, bowl_row, brief, entries, speaker_seconds
from .rules import first_come, talk_queue

COMMANDS = {}
log = logging.getLogger(__name__)


# ---------- helpers for commands ----------


TITLE = Text("title", TITLE_MAX, min_len=0, default="", label="story title")
PITCH = Text("pitch", PITCH_MAX, min_len=0, default="", label="pitch")
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


def queue_up(ctx, entry):
    """First come: the new name goes straight to the end of the running order."""
    row = bowl_row(ctx, create=True)
    ents = entries(ctx.segment, fresh=True)
    row.last_no = max([row.last_no, *(e.draw_no or 0 for e in ents)]) + 1
    entry.status, entry.draw_no, entry.drawn_at = bowl.DRAWN, row.last_no, ctx.now


def signed_up(ctx, args):
    """The title and pitch of a sign-up, checked against the segment's mode."""
    title, pitch = args["title"], args["pitch"]
    if talk_queue(ctx.segment):
        if not title:
            raise CommandError("Give your talk a title.", "invalid")
    elif pitch:
        raise CommandError("This open mic takes a story title only, no pitch.", "invalid")
    return title, pitch


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


@command(COMMANDS, "open_mic.enter", roles=("attendee",), args=[TITLE, PITCH])
def enter(ctx, args):
    """Put my name in the bowl, with an optional story title (talk queue: a talk title and an
    optional pitch; first come: straight into the running order)."""
    title, pitch = signed_up(ctx, args)
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
        pitch=pitch,
        status=bowl.IN_BOWL,
        created_at=ctx.now,
    )
    if first_come(ctx.segment):
        queue_up(ctx, entry)
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
    queued = first_come(ctx.segment) and mine.status == bowl.DRAWN  # leaving the queue
    if not (queued or bowl.allowed("withdraw", mine.status)):
        raise CommandError(
            "Your name has been drawn already: tell the host if you cannot speak.", "conflict"
        )
    affected = waiting_people(entries(ctx.segment)) if queued else set()
    db.session.delete(mine)
    return Change(personal=affected | {ctx.attendee.id})


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
        if first_come(ctx.segment):  # no draw will come: back to the end of the queue
            queue_up(ctx, entry)
    else:
        entry.status = bowl.ABSENT
    chosen = do_draw(ctx, ents, 1, exclude={entry.id}) if redraw else []
    return Change(
        personal=affected | people(*chosen),
        result={"drawn": [{"id": e.id, "name": e.name, "no": e.draw_no} for e in chosen]},
    )


@command(COMMANDS, "open_mic.add", args=[Text("name", NAME_MAX), TITLE, PITCH])
def add(ctx, args):
    """Add a name by hand, for someone without a phone (allowed even when the bowl is closed)."""
    name = args["name"]
    title, pitch = signed_up(ctx, args)
    bowl_row(ctx, create=True)
    entry = OpenMicEntry(
        event_id=ctx.event.id,
        segment_id=ctx.segment.id,
        attendee_id=None,
        name=name,
        title=title,
        pitch=pitch,
        status=bowl.IN_BOWL,
        created_at=ctx.now,
    )
    if first_come(ctx.segment):
        queue_up(ctx, entry)
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
