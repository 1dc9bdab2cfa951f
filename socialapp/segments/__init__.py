"""Segment kinds not yet moved into socialapp/kinds/ (issue 10), merged with the ones there."""

from ..kinds import KINDS as _PACKAGED
from . import icebreaker

_ORDER = {"icebreaker": 10}
_ALL = {m.KIND: m for m in (icebreaker,)} | _PACKAGED
KINDS = dict(
    sorted(_ALL.items(), key=lambda kv: (getattr(kv[1], "ORDER", _ORDER.get(kv[0])), kv[0]))
)


def kind(name):
    return KINDS[name]
