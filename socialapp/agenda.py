"""The segment engine: which segment is live, and the host's start/pause/extend/next commands.

Commands here follow the shape of segment commands (base.Ctx in, base.Change out): they
change models but never commit or emit; the command layer does both.
"""

import dataclasses
import json

from .args import Bool, Choice, Id, Int, Obj, Text, parse_id
from .core import clock
from .errors import CommandError
from .kinds import KINDS
from .kinds.base import ALL, Change, command
from .models import Segment

COMMANDS = {}
MAX_SEGMENTS = 30


def live(ctx):
    seg = ctx.event.live_segment
    if seg is None:
        raise CommandError("No segment is live. Start one first.")
    return seg


def segment_by_id(event, segment_id):
    segment_id = parse_id(segment_id, "segment")
    seg = next((s for s in event.segments if s.id == segment_id), None)
    if seg is None:
        raise CommandError("Unknown segment.", "not_found")
    return seg


def go_live(ctx, seg):
    """End whatever is live, then make seg live with a fresh, running timer."""
    current = ctx.event.live_segment
    if current is not None and current.id != seg.id:
        finish(ctx, current)
    seg.status = "live"
    seg.timer = clock.start(clock.new(seg.minutes * 60), ctx.now)
    seg.started_at = seg.started_at or ctx.now
    seg.ended_at = None
    ctx.event.live_segment_id = seg.id
    hook = getattr(KINDS[seg.kind], "on_start", None)
    if hook:
        # replace() copies the declared fields only: the command layer also hangs its
        # command's spec on ctx, which Ctx() does not take.
        hook(dataclasses.replace(ctx, segment=seg))
    return Change(personal=ALL)


def finish(ctx, seg):
    seg.timer = clock.stop(seg.timer, ctx.now)
    seg.status = "done"
    seg.ended_at = ctx.now
    if ctx.event.live_segment_id == seg.id:
        ctx.event.live_segment_id = None


def neighbour(event, step):
    segs = event.segments
    cur = event.live_segment
    if cur is None:
        done = [i for i, s in enumerate(segs) if s.status == "done"]
        index = (max(done) + 1) if done else 0
        index = index if step > 0 else index - 1
    else:
        index = segs.index(cur) + step
    return segs[index] if 0 <= index < len(segs) else None


@command(COMMANDS, "agenda.start", args=())
def start(ctx, args):
    """Start the live segment's timer, or go live with the next segment."""
    seg = ctx.event.live_segment
    if seg is None:
        nxt = neighbour(ctx.event, +1)
        if nxt is None:
            raise CommandError("The agenda is finished: there is no next segment.")
        return go_live(ctx, nxt)
    seg.timer = (
        clock.resume(seg.timer, ctx.now)
        if seg.timer.status == "paused"
        else clock.start(seg.timer, ctx.now)
    )
    return Change()


@command(COMMANDS, "agenda.pause", args=())
def pause(ctx, args):
    seg = live(ctx)
    seg.timer = clock.pause(seg.timer, ctx.now)
    return Change()


@command(COMMANDS, "agenda.resume", args=())
def resume(ctx, args):
    seg = live(ctx)
    seg.timer = clock.resume(seg.timer, ctx.now)
    return Change()


@command(COMMANDS, "agenda.extend", args=[Int("seconds", -3600, 3600)])
def extend(ctx, args):
    seg = live(ctx)
    seg.timer = clock.extend(seg.timer, args["seconds"], ctx.now)
    return Change()


@command(COMMANDS, "agenda.end", args=())
def end(ctx, args):
    finish(ctx, live(ctx))
    return Change(personal=ALL)


@command(COMMANDS, "agenda.next", args=())
def next_segment(ctx, args):
    nxt = neighbour(ctx.event, +1)
    if nxt is None:
        if ctx.event.live_segment is None:
            raise CommandError("The agenda is finished: there is no next segment.")
        finish(ctx, ctx.event.live_segment)
        return Change(personal=ALL)
    return go_live(ctx, nxt)


@command(COMMANDS, "agenda.prev", args=())
def prev_segment(ctx, args):
    prv = neighbour(ctx.event, -1)
    if prv is None:
        raise CommandError("This is the first segment.")
    return go_live(ctx, prv)


SEGMENT = Id("segment_id", "segment")


@command(COMMANDS, "agenda.goto", args=[SEGMENT])
def goto(ctx, args):
    return go_live(ctx, segment_by_id(ctx.event, args["segment_id"]))


EVENT_OPTIONS = ("show_count", "auto_advance", "chime")


@command(COMMANDS, "event.settings", args=[Bool(k, required=False) for k in EVENT_OPTIONS])
def settings(ctx, args):
    for key in EVENT_OPTIONS:
        if args[key] is not None:
            setattr(ctx.event, key, args[key])
    return Change()


# --- editing the agenda (also reached through the host panel's forms) ---


def segment_fields(partial):
    """The fields of a segment, as agenda.add (all needed) or agenda.update (any) takes them."""
    need = not partial
    return [
        Choice("kind", KINDS, required=need, error="Unknown segment kind."),
        Text("title", 120, required=need),
        Text("instructions", 2000, min_len=0, lines=True, required=False),
        Int("minutes", 1, 600, required=need),
        Obj("settings", required=False, error="Settings must be an object.",
            note="the kind's settings: see its page"),
    ]  # fmt: skip


def given(args):
    """The fields a payload set (declared arguments it left out are None)."""
    return {k: v for k, v in args.items() if v is not None and k != "segment_id"}


def apply_fields(seg, fields, now):
    old_kind = seg.kind
    for key in ("kind", "title", "instructions"):
        if key in fields:
            setattr(seg, key, fields[key])
    kind = KINDS[seg.kind]
    if "settings" in fields or "kind" in fields:
        # Given settings update the current ones (a form that edits one setting must not wipe
        # the others); a segment that changes kind starts from the new kind's defaults.
        kept = seg.settings if seg.kind == old_kind else {}
        merged = kind.default_settings() | kept | fields.get("settings", {})
        seg.settings_json = json.dumps(kind.clean_settings(merged))
    if "minutes" in fields:
        delta = (fields["minutes"] - seg.minutes) * 60
        seg.minutes = fields["minutes"]
        if seg.status == "live":  # the running timer takes the change too
            seg.timer = clock.extend(seg.timer, delta, now)


@command(COMMANDS, "agenda.add", args=segment_fields(partial=False))
def add(ctx, args):
    if len(ctx.event.segments) >= MAX_SEGMENTS:
        raise CommandError(f"An agenda can hold at most {MAX_SEGMENTS} segments.")
    fields = given(args)
    seg = Segment(
        kind=fields["kind"],
        title=fields["title"],
        minutes=fields["minutes"],
        instructions=fields.get("instructions", ""),
        settings_json="{}",
    )
    seg.position = len(ctx.event.segments)
    apply_fields(seg, fields, ctx.now)
    ctx.event.segments.append(seg)
    return Change(result={"segment_position": seg.position})


@command(COMMANDS, "agenda.update", args=[SEGMENT, *segment_fields(partial=True)])
def update(ctx, args):
    seg = segment_by_id(ctx.event, args["segment_id"])
    fields = given(args)
    if "kind" in fields and fields["kind"] != seg.kind and seg.status != "pending":
        raise CommandError("A segment that has started cannot change its kind.")
    apply_fields(seg, fields, ctx.now)
    return Change(personal=ALL if seg.status == "live" else set())


@command(COMMANDS, "agenda.remove", args=[SEGMENT])
def remove(ctx, args):
    seg = segment_by_id(ctx.event, args["segment_id"])
    if seg.status == "live":
        raise CommandError("End the live segment before removing it.")
    if seg.started_at is not None:
        raise CommandError("This segment has already run; its data stays with the event.")
    ctx.event.segments.remove(seg)
    renumber(ctx.event.segments)
    return Change()


@command(
    COMMANDS,
    "agenda.move",
    args=[SEGMENT, Int("to", 0, MAX_SEGMENTS - 1, label="new position", note="0-based")],
)
def move(ctx, args):
    seg = segment_by_id(ctx.event, args["segment_id"])
    segs = list(ctx.event.segments)
    to = args["to"]
    if to >= len(segs):  # the declaration knows the longest agenda, not this one
        raise CommandError(f"The new position must be between 0 and {len(segs) - 1}.")
    segs.remove(seg)
    segs.insert(to, seg)
    renumber(segs)
    ctx.event.segments.sort(key=lambda s: s.position)
    return Change()


def renumber(segs):
    for i, s in enumerate(segs):
        s.position = i


def sweep(ctx):
    """Auto-advance: called for an event whose live timer ran out."""
    if ctx.event.auto_advance:
        return next_segment(ctx, {})
    return None
