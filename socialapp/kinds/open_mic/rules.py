"""The open mic's settings: its two modes and how the running order is made.

One kind, two modes. "open_mic" is a bowl of names with a story title each; "talk_queue" (a
research jam, a survey club) signs up a talk title with an optional one-line pitch (the
"request for plot") and keeps slots of 3 to 10 minutes. Either mode orders the room "drawn"
(the fair draw of socialapp/core/bowl.py) or "first_come" (sign-up order: a name goes
straight into the running order). The talk queue also lets phones say "I can help" with a
pitch (talk.py).
"""

from ...args import Choice, Int, Text
from ...errors import CommandError
from ..base import HostField
from .reading import DEFAULT_GO_TO

MODES = ("open_mic", "talk_queue")
ORDERS = ("drawn", "first_come")
SLOT_MINUTES = (3, 10)  # the talk queue's slots, set by the host

MODE = Choice("mode", MODES, required=False)
ORDER_BY = Choice("order", ORDERS, required=False, label="order")
SPEAKER_MINUTES = Int("speaker_minutes", 1, 60, label="minutes per speaker")
HOST_SETTINGS = [HostField(SPEAKER_MINUTES, "Minutes per speaker")]  # in the host's agenda form
WORDING = [
    Text("theme", 200, min_len=0, required=False),
    Text("go_to", 120, min_len=0, required=False, label="where to go"),
]


def default_settings():
    """A plain open mic, drawn order: mode and order are stored only once chosen."""
    return {"speaker_minutes": 4, "theme": "", "go_to": DEFAULT_GO_TO}


def clean_settings(raw):
    raw = dict(raw or {})
    out = default_settings()
    for arg in (MODE, ORDER_BY):
        value = arg.parse(raw)
        if value is not None:
            out[arg.key] = value
    talks = out.get("mode") == "talk_queue"
    if talks and "speaker_minutes" not in raw:
        out["speaker_minutes"] = 5
    if "speaker_minutes" in raw:  # present but null is refused, as a wrong number
        out["speaker_minutes"] = SPEAKER_MINUTES.read(raw["speaker_minutes"])
    lo, hi = SLOT_MINUTES
    if talks and not lo <= out["speaker_minutes"] <= hi:
        raise CommandError(f"A talk slot must be between {lo} and {hi} minutes.")
    for arg in WORDING:
        value = arg.parse(raw)
        if value is not None:
            out[arg.key] = value
    out["go_to"] = out["go_to"] or DEFAULT_GO_TO
    return out


def talk_queue(segment):
    return segment.settings.get("mode") == "talk_queue"


def first_come(segment):
    return segment.settings.get("order") == "first_come"
