"""Time's up, seen coming: the warning threshold, and the host's private "wrap up" to the
person speaking now.

The warning (event.warn_seconds) is when every timer on the projector and the phones turns
amber (0: never); the chime is the event's `chime` switch (event.settings), off by default.

Who speaks now is a kind's business: a kind with a current speaker offers the hook
`current_speaker(ctx) -> (attendee id, label) | None` (the open mic's speaker, a questions
hand-raise speaker...). The core asks the live kind through it and never names one. A wrap-up
is stored on the event (segment, attendee, when, words), so a phone that reconnects still
gets it; the phone shows it once.
"""

import json

from .args import Int, Text
from .errors import CommandError
from .kinds import KINDS
from .kinds.base import Change, Ctx, command

COMMANDS = {}
WARN = Int("warn_seconds", 0, 600, label="warning time")
WRAP_UP_WORDS = "Please wrap up"
WRAP_UP_TEXT = Text("text", 80, required=False, label="wrap-up message")


def current_speaker(event, now, role="host"):
    """(attendee id, label) of the live segment's speaker with a phone, or None."""
    seg = event.live_segment
    hook = getattr(KINDS[seg.kind], "current_speaker", None) if seg is not None else None
    return hook(Ctx(event, seg, now, role=role)) if hook else None


@command(COMMANDS, "event.warning", args=[WARN])
def warning(ctx, args):
    """How long before the end every timer turns amber (seconds; 0: no warning)."""
    ctx.event.warn_seconds = args["warn_seconds"]
    return Change()


@command(COMMANDS, "event.wrap_up", args=[WRAP_UP_TEXT])
def wrap_up(ctx, args):
    """A private "wrap up" on the current speaker's phone (the live kind says who speaks)."""
    seg = ctx.event.live_segment
    speaker = current_speaker(ctx.event, ctx.now) if seg is not None else None
    if speaker is None:
        raise CommandError("Nobody with a phone is speaking right now.", "conflict")
    attendee_id, label = speaker
    ctx.event.wrap_up_json = json.dumps(
        {
            "segment": seg.id,
            "attendee": attendee_id,
            "at": ctx.now,
            "text": args["text"] or WRAP_UP_WORDS,
        }
    )
    return Change(personal={attendee_id}, public=False, result={"to": label})


def wrap_up_for(event, attendee_id):
    """The wrap-up sent to this attendee during the live segment, or None."""
    if not event.wrap_up_json or event.live_segment_id is None:
        return None
    sent = json.loads(event.wrap_up_json)
    if sent.get("segment") != event.live_segment_id or sent.get("attendee") != attendee_id:
        return None
    return {"at": sent["at"], "text": sent["text"]}


def host_part(event, now):
    """For the host panel: who would get a wrap-up now, and the last one sent."""
    speaker = current_speaker(event, now)
    last = json.loads(event.wrap_up_json) if event.wrap_up_json else None
    return {
        "speaker": {"id": speaker[0], "label": speaker[1]} if speaker else None,
        "wrap_up_at": last["at"]
        if last
        and speaker
        and last.get("attendee") == speaker[0]
        and last.get("segment") == event.live_segment_id
        else None,
    }
