"""The debate segment kind: an Oxford-style debate on a motion.

The room votes for, against or undecided before the first speech (the breakdown hidden);
the sides speak in turn, each speech with its own timer (socialapp/core/clock.py); the
floor raises hands and the host calls them; the sides close; the room votes again; the
result step shows, on the projector, the before and after shares, each side's swing and the
winner, counting only the phones that voted both times (socialapp/core/debate.py). Nothing
sent to anyone, host included, says who voted what.

This module is the descriptor: settings, views and hooks; reading.py holds the reads,
commands.py the commands, core/debate_plan.py the running order.
"""

from sqlalchemy import delete, select

from ...args import Int, Text, Texts
from ...core import debate_plan
from ...core.debate import DEFAULT_MARGIN
from ...extensions import db
from ...models import Attendee
from ..base import Change, HostField
from .commands import COMMANDS, MARGIN
from .models import DebateBallot, DebateHand
from .reading import board, hands, motion, result, step_of, steps, timer_of, voters
from .recap import forget_people, report_part
from .report import section as report_section

KIND = "debate"
LABEL = "Debate"
ORDER = 38

MOTION = Text("motion", 200, min_len=0, required=False, note="default: the segment's title")
SPEAKERS = [
    Texts(
        f"{side}_speakers",
        3,
        60,
        item="speaker",
        required=False,
        label=f"speakers {side} the motion",
    )
    for side in ("for", "against")
]
MINUTES = [
    Int(f"{part}_minutes", 1, 30, required=False, label=f"minutes for {part}")
    for part in debate_plan.DEFAULT_MINUTES
]
SETTING_MARGIN = Int("dead_heat_margin", MARGIN.lo, MARGIN.hi, required=False)
HOST_SETTINGS = [
    HostField(SPEAKERS[0], "Speakers for the motion (one a line, opening first)", rows=3),
    HostField(SPEAKERS[1], "Speakers against the motion (one a line, opening first)", rows=3),
    *(HostField(arg, f"Minutes: {arg.key.split('_')[0]}") for arg in MINUTES),
    HostField(SETTING_MARGIN, "Dead-heat margin (points)"),
]


def default_settings():
    return {
        "motion": "",
        "for_speakers": [],
        "against_speakers": [],
        **{f"{k}_minutes": v for k, v in debate_plan.DEFAULT_MINUTES.items()},
        "dead_heat_margin": DEFAULT_MARGIN,
    }


def clean_settings(raw):
    raw = dict(raw or {})
    out = default_settings()
    for arg in [MOTION, *SPEAKERS, *MINUTES, SETTING_MARGIN]:
        if raw.get(arg.key) is not None:
            out[arg.key] = arg.parse(raw)
    return out


def names(ids):
    if not ids:
        return {}
    people = db.session.scalars(select(Attendee).where(Attendee.id.in_(ids)))
    return {a.id: a.label for a in people}


def running_order(seg):
    return [{k: s.get(k) for k in ("kind", "title", "side", "speaker")} for s in steps(seg)]


def public_result(found):
    """What the room sees: shares, swings, the verdict; the left-out count is the host's."""
    keep = ("paired", "before", "after", "swing", "winner", "dead_heat", "margin")
    return {k: found[k] for k in keep} | {"summary": found["summary"][:2]}


def public_view(ctx):
    row = board(ctx)
    index = row.step if row else 0
    step = step_of(ctx, row)
    view = {
        "motion": motion(ctx.segment),
        "sides": {s: ctx.segment.settings.get(f"{s}_speakers", []) for s in ("for", "against")},
        "index": index,
        "step": {k: step.get(k) for k in ("kind", "title", "side", "speaker", "part", "round")},
        "steps": running_order(ctx.segment),
        "voters": row.shown_voters if row and step["kind"] == "ballot" else 0,
        "hands_open": debate_plan.hands_open(index),
        "result": public_result(result(ctx, row)) if step["kind"] == "result" else None,
    }
    if row and step["seconds"]:
        view["timer"] = timer_of(row, ctx.now)
        view["timer_label"] = step.get("speaker") or step["title"]
    if step["kind"] == "floor":
        waiting = [h for h in hands(ctx.segment) if h.called_at is None]
        called = names([row.floor_id]) if row and row.floor_id else {}
        view["floor"] = {"speaker": next(iter(called.values()), None), "waiting": len(waiting)}
    return view


def current_speaker(ctx):
    """The floor's speaker (a phone), for the host's private wrap-up; the debaters named in
    the settings have no phone here."""
    row = board(ctx)
    if row is None or not row.floor_id or step_of(ctx, row)["kind"] != "floor":
        return None
    return row.floor_id, names([row.floor_id]).get(row.floor_id, "")


def host_view(ctx):
    """Ballots in per vote, the hands in order (names: hands are not secret), the margin; the
    whole result (with the ballots left out) once it is shown."""
    row = board(ctx)
    step = step_of(ctx, row)
    queue = hands(ctx.segment)
    who = names([h.attendee_id for h in queue])
    return {
        "ballots": {r: voters(ctx.segment, r) for r in ("before", "after")},
        "margin": row.margin if row else ctx.segment.settings.get("dead_heat_margin"),
        "hands": [
            {
                "label": who.get(h.attendee_id, "?"),
                "called": h.called_at is not None,
                "speaking": bool(row and row.floor_id == h.attendee_id),
            }
            for h in queue
        ],  # fmt: skip
        "result": result(ctx, row) if step["kind"] == "result" else None,
    }


def personal_views(ctx, attendees):
    """This phone's own two ballots and its hand: two queries for the whole room."""
    ids = [a.id for a in attendees]
    out = {i: {"ballots": {}, "hand": None} for i in ids}
    if not ids:
        return out
    where = DebateBallot.segment_id == ctx.segment.id
    for who, round_, side in db.session.execute(
        select(DebateBallot.attendee_id, DebateBallot.round, DebateBallot.side).where(
            where, DebateBallot.attendee_id.in_(ids)
        )
    ):
        out[who]["ballots"][round_] = side
    row = board(ctx)
    for h in db.session.scalars(
        select(DebateHand).where(
            DebateHand.segment_id == ctx.segment.id, DebateHand.attendee_id.in_(ids)
        )
    ):
        speaking = row is not None and row.floor_id == h.attendee_id
        out[h.attendee_id]["hand"] = "speaking" if speaking else "called" if h.called_at else "up"
    return out


def personal_view(ctx, attendee):
    return personal_views(ctx, [attendee])[attendee.id]


def on_start(ctx):
    """The board exists from the start: the pre-vote opens as the segment goes live."""
    board(ctx, create=True)


def due(ctx):
    """The room's voter count is behind the ballots (sent at most once a sweep)."""
    row = board(ctx)
    if row is None:
        return False
    step = step_of(ctx, row)
    return step["kind"] == "ballot" and voters(ctx.segment, step["round"]) != row.shown_voters


def on_sweep(ctx):
    row = board(ctx, create=True)
    row.shown_voters = voters(ctx.segment, step_of(ctx, row)["round"])
    return Change()


def on_people_removed(ctx, removed):
    """Removed people (a spammer, a fake) count for nothing: their ballots and hands go."""
    db.session.execute(delete(DebateBallot).where(DebateBallot.attendee_id.in_(removed)))
    db.session.execute(delete(DebateHand).where(DebateHand.attendee_id.in_(removed)))


__all__ = [
    "KIND", "LABEL", "ORDER", "COMMANDS", "HOST_SETTINGS", "default_settings", "clean_settings",
    "public_view", "host_view", "personal_view", "personal_views", "on_start", "due", "on_sweep",
    "on_people_removed", "report_part", "report_section", "forget_people",
    "current_speaker",
]  # fmt: skip
