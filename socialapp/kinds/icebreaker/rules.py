"""The icebreaker's limits and its settings (the host's agenda form edits the prompts)."""

from ...args import Texts
from ...core import signs
from ...errors import CommandError
from ..base import HostField

MAX_PROMPTS = 50
MAX_PROMPT_LEN = 300
MIN_ROUND_SECONDS = 30
MAX_ROUND_SECONDS = 3600
MAX_PLACE = 2000
HOST_LIST_LIMIT = 60
DEFAULT_PROMPTS = [
    "What brought you here today, and what are you hoping to take home?",
    "What are you working on right now that excites you?",
    "What is something you learned recently that surprised you?",
]
COLOUR_INDEX = {hex_code: i for i, (_, hex_code) in enumerate(signs.COLOURS)}
COLOUR_TABLE = [[name, hex_code, signs.ink_for(hex_code)] for name, hex_code in signs.COLOURS]


# ---------- settings ----------


def default_settings():
    return {"group_size": 2, "prompts": list(DEFAULT_PROMPTS), "round_seconds": None,
            "auto_rounds": False, "auto_place": True}  # fmt: skip


def clean_settings(raw):
    raw = dict(raw or {})
    size = raw.get("group_size", 2)
    if isinstance(size, str) and size.strip() in ("2", "3"):
        size = int(size)
    if size not in (2, 3) or isinstance(size, bool):
        raise CommandError("Groups are pairs (2) or trios (3).")
    prompts = PROMPTS.parse(raw) or []
    seconds = raw.get("round_seconds")
    if seconds in ("", None):
        seconds = None
    elif isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise CommandError("The round length must be a number of seconds.")
    elif not MIN_ROUND_SECONDS <= seconds <= MAX_ROUND_SECONDS:
        raise CommandError(f"A round lasts {MIN_ROUND_SECONDS} to {MAX_ROUND_SECONDS} seconds.")
    else:
        seconds = int(seconds)
    auto = raw.get("auto_rounds", False)
    if not isinstance(auto, bool):
        raise CommandError("Auto-rounds must be on or off.")
    place = raw.get("auto_place", True)
    if not isinstance(place, bool):
        raise CommandError("Placing late joiners by themselves must be on or off.")
    return {"group_size": size, "prompts": prompts, "round_seconds": seconds,
            "auto_rounds": auto, "auto_place": place}  # fmt: skip


PROMPTS = Texts(
    "prompts",
    MAX_PROMPTS,
    MAX_PROMPT_LEN,
    item="prompt question",
    label="prompt questions",
    split=r"\r\n|[\n\r\u2028\u2029]",
    required=False,
)
# What the host's agenda form edits for an icebreaker segment.
HOST_SETTINGS = [HostField(PROMPTS, "Prompt questions (one per line)", rows=5, max_len=5000)]


def settings_of(seg):
    return default_settings() | seg.settings


def round_seconds(seg, settings=None):
    """The settings' round length, or the segment's minutes shared among its questions."""
    settings = settings or settings_of(seg)
    if settings.get("round_seconds"):
        return float(settings["round_seconds"])
    share = seg.minutes * 60 / max(1, len(settings["prompts"]))
    return float(min(MAX_ROUND_SECONDS, max(60, round(share))))
