"""The slots segment kind: the host lists slots (a paper club's dates for the next papers),
a phone volunteers for one (one presenter per slot, one slot per phone) with what it would
present, and may withdraw; the host frees a slot or writes in someone without a phone.

A kind of its own rather than a mode of the questions or open-mic kinds: those order many
entries by votes or a draw, while a slot is a fixed place that one person holds or not.

This module is the descriptor; reading.py holds the settings and reads, commands.py the
commands, recap.py the digest, privacy and series hooks.
"""

from ..base import HostField
from .commands import COMMANDS
from .reading import SLOTS, clean_settings, default_settings, picture
from .recap import carry_over, digest_part, forget_people

KIND = "slots"
LABEL = "Volunteer slots"
ORDER = 45
HOST_SETTINGS = [HostField(SLOTS, "Slots (one per line, e.g. a date)", rows=6, max_len=3000)]


def blueprints():
    from .web import bp

    return [bp]


def exports(event, attendee=None):
    from .web import exports as listed

    return listed(event, attendee)


def public_view(ctx):
    pic = picture(ctx)
    slots = pic["slots"]
    return {
        "prompt": ctx.segment.settings.get("prompt", ""),
        "slots": slots,
        "free": sum(1 for s in slots if s["name"] is None),
    }


def host_view(ctx):
    return {}


def personal_view(ctx, attendee):
    return {"mine": picture(ctx)["mine"].get(attendee.id)}


__all__ = [
    "KIND", "LABEL", "ORDER", "COMMANDS", "HOST_SETTINGS", "default_settings", "clean_settings",
    "public_view", "host_view", "personal_view", "digest_part", "forget_people", "carry_over",
    "blueprints", "exports",
]  # fmt: skip
