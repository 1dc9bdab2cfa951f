"""Segment kinds: one module each, all of the same small shape (see base.py)."""

from . import connect, icebreaker, info, open_mic, wall

KINDS = {m.KIND: m for m in (icebreaker, open_mic, wall, connect, info)}


def kind(name):
    return KINDS[name]
