"""Side panels: a segment that is not live may still take part from the phones.

A kind opts in with two hooks in its descriptor: side_open(ctx) -> bool (ctx.segment is the
waiting segment; the live one is ctx.event.live_segment) and side_view(ctx) -> dict (what
every phone sees of it, small). SIDE_COMMANDS names the commands phones may send to it while
it is open (with its segment_id). The questions kind uses this to collect questions during a
presenter's section and answer them at the pause. The core never names a kind.
"""

from .kinds import KINDS
from .kinds.base import Ctx


def open_segments(event, now):
    """The segments whose side panel is open now, in agenda order."""
    live = event.live_segment
    if live is None or event.ended_at is not None:
        return []
    out = []
    for seg in event.segments:
        hook = getattr(KINDS[seg.kind], "side_open", None)
        if seg is not live and hook and hook(Ctx(event, seg, now)):
            out.append(seg)
    return out


def allows(event, seg, name, now):
    """May this command reach seg although seg is not live?"""
    kind = KINDS[seg.kind]
    if name not in getattr(kind, "SIDE_COMMANDS", ()):
        return False
    return seg in open_segments(event, now)


def public_views(event, now):
    return [
        {
            "id": seg.id,
            "kind": seg.kind,
            "title": seg.title,
            "view": KINDS[seg.kind].side_view(Ctx(event, seg, now, role="display")),
        }
        for seg in open_segments(event, now)
    ]


def personal_views(event, attendee, now, panels=None):
    """{segment id (as a string: JSON keys): the kind's personal view} for the open panels
    (panels: open_segments(event, now), when the caller asked once for many phones)."""
    return {
        str(seg.id): KINDS[seg.kind].personal_view(
            Ctx(event, seg, now, role="attendee", attendee=attendee), attendee
        )
        for seg in (open_segments(event, now) if panels is None else panels)
    }
