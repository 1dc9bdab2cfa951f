"""The wall's limits, settings and declared arguments, and the registry of its commands."""

from ...args import Bool, Id, Int, Text, Texts
from ...errors import CommandError
from ..base import HostField

COMMANDS = {}

NOTE_MAX = 280
THEME_TITLE_MAX = 80
MAX_THEMES = 40
MAX_NOTES_DEFAULT = 10
MAX_NOTES_LIMIT = 50
# New notes per person: at most RATE_NOTES within RATE_WINDOW seconds.
RATE_NOTES = 5
RATE_WINDOW = 60
MAX_WORDS = 100
WORD_MAX = 40
MAX_GROUPS = 100  # groups in one suggestion (the engine makes far fewer)
# Columns (a reading group's "strengths", "weaknesses", "how I'd apply it"): each note is in
# one; a wall without columns is one plain wall. Set by the host or the template (`columns`).
MAX_COLUMNS = 6
COLUMN_NAME_MAX = 30
# A short built-in filter; the host adds the words their room needs. A note that matches waits
# for the host's approval instead of appearing on the projector.
BUILTIN_WORDS = (
    "asshole",
    "bitch",
    "bullshit",
    "cunt",
    "dickhead",
    "fuck",
    "fucker",
    "fucking",
    "motherfucker",
    "shit",
    "wanker",
)


# ---------------------------------------------------------------- settings


def default_settings():
    return {"max_notes": MAX_NOTES_DEFAULT, "premoderate": False}


def clean_settings(raw):
    raw = dict(raw or {})
    out = default_settings()
    if raw.get("max_notes") is not None:
        value = raw["max_notes"]
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        out["max_notes"] = MAX_NOTES.read(value)
    if raw.get("premoderate") is not None:
        out["premoderate"] = Bool("premoderate", label="pre-moderation").read(raw["premoderate"])
    if raw.get("columns"):  # only walls with columns carry the key
        out["columns"] = COLUMNS.read(raw["columns"])
    return out


def columns_of(seg):
    """The wall's column names, in order ([] without columns)."""
    return list(seg.settings.get("columns") or [])


def column_index(seg, value):
    """A note's column: the index the phone picked, checked against the wall's columns; None
    on a wall without columns. A wall with one column needs no pick."""
    names = columns_of(seg)
    if not names:
        return None
    if value is None:
        if len(names) == 1:
            return 0
        raise CommandError("Pick a column for your note: " + ", ".join(names) + ".")
    if value >= len(names):
        raise CommandError(f"This wall has {len(names)} columns: pick one of them.", "not_found")
    return value


def max_notes(seg):
    return seg.settings.get("max_notes", MAX_NOTES_DEFAULT)


NOTE = Id("note_id", "note")
THEME = Id("theme_id", "theme")
NOTE_TEXT = Text("text", NOTE_MAX, lines=True, label="note")
THEME_TITLE = Text("title", THEME_TITLE_MAX, label="theme name")
MAX_NOTES = Int("max_notes", 1, MAX_NOTES_LIMIT, label="notes per person")
COLUMNS = Texts(
    "columns", MAX_COLUMNS, COLUMN_NAME_MAX, item="column name", label="columns", split=r"[,\n]",
    note="empty for a wall without columns",
)  # fmt: skip
# The host sets the columns in the agenda form too (one per line), as a template does.
HOST_SETTINGS = [
    HostField(COLUMNS, "Columns, one per line (phones pick one per note)", rows=6, max_len=400)
]
COLUMN = Int("column", 0, MAX_COLUMNS - 1, required=False, label="column", note="its index")
WORDS = Texts(
    "words", MAX_WORDS, WORD_MAX, item="filter word", label="filter words", split=r"[,\n]",
    lower=True,
)  # fmt: skip
