"""The questions segment kind: questions from the floor and a hand-raise queue.

Phones ask (named or anonymous, as the host sets the segment) and upvote; the list sorts by
votes, recency breaking ties (socialapp/core/questions.py). The host may pre-moderate, hides,
merges duplicates, pins the question being answered (its askers' phones say "your question is
up"), archives it once answered, and opens or closes the floor without leaving the segment.
With the hand-raise queue on, "I want to speak" joins a running order; the host calls the next
and the speaker gets a short timer, shown as the screens' main timer (as the open mic's).

This module is the descriptor: settings and views; reading.py holds the reads, commands.py
the commands.
"""

from ...args import Bool
from ...core import questions as rules
from ..base import HostField
from .commands import COMMANDS, forget_hands
from .reading import (
    ASK_EARLY,
    HAND_MINUTES,
    HOST_SHOWN,
    NAMES,
    QUEUE_SHOWN,
    SHOWN,
    SIDE_SHOWN,
    WORDING,
    brief,
    default_settings,
    listed,
    picture,
    timer_of,
)
from .recap import carry_over, forget_people, report_part
from .report import section as report_section

KIND = "questions"
LABEL = "Questions from the floor"
ORDER = 25
HOST_SETTINGS = [
    HostField(HAND_MINUTES, "Minutes per speaker (hand-raise queue)"),
    HostField(ASK_EARLY, "Collect questions during the segments before this one (how many)"),
]
FLAGS = ("moderated", "hands")
SIDE_COMMANDS = ("questions.ask", "questions.vote")


def clean_settings(raw):
    raw = dict(raw or {})
    out = default_settings()
    if "hand_minutes" in raw:
        out["hand_minutes"] = HAND_MINUTES.read(raw["hand_minutes"])
    if raw.get("names") is not None:
        out["names"] = NAMES.read(raw["names"])
    for arg in (ASK_EARLY, WORDING):
        if raw.get(arg.key) not in (None, ""):
            value = raw[arg.key]
            if arg is ASK_EARLY and isinstance(value, str) and value.strip().isdigit():
                value = int(value)  # the host's agenda form sends text
            out[arg.key] = arg.read(value)
    for key in FLAGS:
        if raw.get(key) is not None:
            out[key] = Bool(key).read(raw[key])
    return out


def on_people_removed(ctx, removed):
    forget_hands(ctx, removed)


def options(settings):
    return {
        "moderated": bool(settings.get("moderated")),
        "names": settings.get("names", "either"),
        "hands": bool(settings.get("hands")),
        "hand_minutes": settings.get("hand_minutes", 2),
        "wording": settings.get("wording", "questions"),
    }


def speaker_view(pic):
    sp = pic["speaking"]
    return sp and {"id": sp["id"], "name": sp["name"]}


def public_view(ctx):
    """What every phone and the projector see: small, the same for everyone."""
    pic = picture(ctx)
    top = listed(pic, rules.OPEN)
    pinned = listed(pic, rules.ANSWERING)
    view = options(ctx.segment.settings) | {
        "closed": pic["closed"],
        "questions": [brief(q) for q in top[:SHOWN]],
        "total": len(top),
        "answering": brief(pinned[0]) if pinned else None,
        "answered": len(listed(pic, rules.ANSWERED)),
        "speaker": speaker_view(pic),
        "queue": [{"id": h["id"], "name": h["name"]} for h in pic["waiting"][:QUEUE_SHOWN]],
        "queue_total": len(pic["waiting"]),
    }
    if pic["speaking"] is not None:
        view["timer"] = timer_of(pic["speaking"]["timer"], ctx.now)
        view["timer_label"] = "Speaker time"
    return view


def side_open(ctx):
    """Collecting early: this segment is still to come and one of the ask_early segments just
    before it is live (a presenter's section before its pause)."""
    early = ctx.segment.settings.get("ask_early") or 0
    live = ctx.event.live_segment
    if not early or live is None or ctx.segment.status != "pending":
        return False
    segments = ctx.event.segments
    return 1 <= segments.index(ctx.segment) - segments.index(live) <= early


def side_view(ctx):
    """What phones see of a segment collecting early: the top few, to vote while listening."""
    pic = picture(ctx)
    top = listed(pic, rules.OPEN)
    return options(ctx.segment.settings) | {
        "closed": pic["closed"],
        "questions": [brief(q) for q in top[:SIDE_SHOWN]],
        "total": len(top),
    }


def current_speaker(ctx):
    """The hand-raise speaker, for the host's private wrap-up."""
    sp = picture(ctx)["speaking"]
    return (sp["attendee"], sp["name"]) if sp and sp["attendee"] else None


def host_view(ctx):
    pic = picture(ctx)

    def shown(status):
        return [brief(q) | {"status": status} for q in listed(pic, status)[:HOST_SHOWN]]

    archive = sorted(listed(pic, rules.ANSWERED), key=lambda q: -(q["answered_at"] or 0))
    return {
        "pending": shown(rules.PENDING),
        "open": shown(rules.OPEN),
        "hidden": shown(rules.HIDDEN),
        "archive": [brief(q) for q in archive[:HOST_SHOWN]],
        "queue": [{"id": h["id"], "name": h["name"]} for h in pic["waiting"][:HOST_SHOWN]],
    }


def personal_view(ctx, attendee):
    """Which questions this phone asked (by the id they are listed under, merged ones too) and
    voted for, whether one of them is being answered, and its place in the speaking queue."""
    pic = picture(ctx)
    qs = pic["questions"]
    asked = []
    for qid in pic["mine"].get(attendee.id, []):
        q = qs[qid]
        shown = qs.get(q["into"]) if q["into"] else q
        asked.append({"id": shown["id"], "text": q["text"], "status": shown["status"]})
    voted = sorted(pic["voted"].get(attendee.id, ()))
    place = pic["places"].get(attendee.id)
    sp = pic["speaking"]
    hand = "speaking" if sp and sp["attendee"] == attendee.id else ("waiting" if place else None)
    return {
        "asked": asked,
        "voted": voted,
        "up": any(a["status"] == rules.ANSWERING for a in asked),
        "hand": hand,
        "position": place,
    }


__all__ = [
    "KIND", "LABEL", "ORDER", "COMMANDS", "HOST_SETTINGS", "default_settings", "clean_settings",
    "public_view", "host_view", "personal_view", "on_people_removed", "report_part",
    "report_section",
    "forget_people", "side_open", "side_view", "SIDE_COMMANDS", "carry_over",
    "current_speaker",
]  # fmt: skip
