"""The wall's limits, settings and declared arguments, and the registry of its commands."""

from ...args import Bool, Id, Int, Text, Texts

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
    return out


def max_notes(seg):
    return seg.settings.get("max_notes", MAX_NOTES_DEFAULT)


NOTE = Id("note_id", "note")
THEME = Id("theme_id", "theme")
NOTE_TEXT = Text("text", NOTE_MAX, lines=True, label="note")
THEME_TITLE = Text("title", THEME_TITLE_MAX, label="theme name")
MAX_NOTES = Int("max_notes", 1, MAX_NOTES_LIMIT, label="notes per person")
WORDS = Texts(
    "words", MAX_WORDS, WORD_MAX, item="filter word", label="filter words", split=r"[,\n]",
    lower=True,
)  # fmt: skip
