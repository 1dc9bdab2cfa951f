"""The wall segment kind: a live sticky-note wall where the room's themes emerge.

Attendees write notes (1 to 280 characters), edit or delete them until the host locks the wall,
and give +1 to notes they agree with. The host hides notes, optionally approves them first
(pre-moderation, plus a word filter the host can extend), arranges notes into themes, and asks
socialapp.core.themes for a suggested grouping that only the host sees until accepted.

Note states: "shown" (public), "pending" (waits for the host), "hidden" (by the host). Only
shown notes are in public_view, so hiding one removes it from every screen with the next state.

The package: rules.py (limits, settings, declared arguments), reading.py (the lookups commands
share), note_commands.py (writing, voting, moderating), theme_commands.py (the host's themes
and the suggested grouping), export.py, web.py and cli.py (the take-home exports); this module
is the descriptor the core reads, with the views.
"""

from sqlalchemy import select

from ...extensions import db
from ...models import Attendee
from . import note_commands, theme_commands  # noqa: F401  (their @command fills COMMANDS)
from .models import WallNote, WallVote
from .reading import board_of, themes_of, vote_counts
from .recap import digest_part, forget_people, report_part
from .report import section as report_section
from .rules import (
    BUILTIN_WORDS,
    COMMANDS,
    HOST_SETTINGS,
    RATE_NOTES,
    clean_settings,
    columns_of,
    default_settings,
    max_notes,
)

KIND = "wall"
LABEL = "Sticky-note wall"
ORDER = 30
# Hundreds of notes: while the wall is live, screens get what changed, not the whole wall
# (socialapp.streams).
PATCHES = True


def blueprints():
    """The host's take-home exports, /e/<code>/export.md and .csv (imported late: they use the
    core's event lookup, which imports the kinds)."""
    from .web import bp

    return [bp]


def exports(event, attendee=None):
    """The host's take-home files (the core's "Take home" list): Markdown and CSV."""
    from .web import take_home

    return take_home(event, attendee)


def cli_commands():
    from .cli import COMMANDS

    return COMMANDS


# ---------------------------------------------------------------- views


def public_view(ctx):
    """Shown notes only, compact: id, text, theme id, votes, column; themes in order, and the
    column names (empty on a wall without columns)."""
    seg = ctx.segment
    board = board_of(seg)
    votes = vote_counts(seg)
    names = columns_of(seg)
    rows = db.session.execute(
        select(WallNote.id, WallNote.text, WallNote.theme_id, WallNote.column_no)
        .where(WallNote.segment_id == seg.id, WallNote.state == "shown")
        .order_by(WallNote.id)
    ).all()
    return {
        "locked": board.locked,
        "max_notes": max_notes(seg),
        "columns": names,
        "themes": [{"id": t.id, "title": t.title} for t in themes_of(seg)],
        "notes": [
            {"id": i, "text": t, "theme": th, "votes": votes.get(i, 0)} | col_of(c, names)
            for i, t, th, c in rows
        ],
    }


def col_of(column_no, names):
    """{"col": the note's column index, or None if the wall no longer has it}; {} on a wall
    without columns, so plain walls send what they always did."""
    if not names:
        return {}
    return {"col": column_no if column_no is not None and column_no < len(names) else None}


def host_view(ctx):
    """Every note (pending and hidden too) with its author, moderation settings, the pending
    suggestion (which only the host sees) and whether an accepted one can be undone."""
    from ...core import themes as engine

    seg = ctx.segment
    board = board_of(seg)
    votes = vote_counts(seg)
    names = columns_of(seg)
    # Plain rows, not ORM objects: this view is rebuilt with every batched send, and loading
    # 750 notes as objects was 40% of a busy wall's broadcast time.
    rows = db.session.execute(
        select(
            WallNote.id,
            WallNote.text,
            WallNote.state,
            WallNote.theme_id,
            WallNote.flagged,
            WallNote.column_no,
            Attendee.name,
            Attendee.name_no,
        )
        .join(Attendee, Attendee.id == WallNote.attendee_id)
        .where(WallNote.segment_id == seg.id)
        .order_by(WallNote.id)
    ).all()
    notes = [
        {
            "id": i,
            "text": text,
            "state": state,
            "theme": theme,
            "votes": votes.get(i, 0),
            "by": name if no == 1 else f"{name} ({no})",
            "flag": flag,
        }
        | col_of(column, names)
        for i, text, state, theme, flag, column, name, no in rows
    ]
    counts = {"shown": 0, "pending": 0, "hidden": 0}
    for n in notes:
        counts[n["state"]] = counts.get(n["state"], 0) + 1
    return {
        "locked": board.locked,
        "premoderate": board.premoderate,
        "words": board.words,
        "builtin_words": len(BUILTIN_WORDS),
        "max_notes": max_notes(seg),
        "columns": names,
        "themes": [{"id": t.id, "title": t.title} for t in themes_of(seg)],
        "notes": notes,
        "counts": counts,
        "suggestion": board.suggestion,
        "can_undo": board.undo_json is not None,
        "engine": engine.default_engine(),
    }


def personal_view(ctx, attendee):
    """My notes (so I can edit them) and the ids of the notes I voted for."""
    seg = ctx.segment
    names = columns_of(seg)
    mine = db.session.execute(
        select(WallNote.id, WallNote.text, WallNote.state, WallNote.column_no)
        .where(WallNote.segment_id == seg.id, WallNote.attendee_id == attendee.id)
        .order_by(WallNote.id)
    ).all()
    voted = db.session.scalars(
        select(WallVote.note_id)
        .where(WallVote.segment_id == seg.id, WallVote.attendee_id == attendee.id)
        .order_by(WallVote.note_id)
    ).all()
    return {
        "mine": [{"id": i, "text": t, "state": s} | col_of(c, names) for i, t, s, c in mine],
        "voted": list(voted),
        "left": max(0, max_notes(seg) - len(mine)),
    }


def personal_views(ctx, attendees):
    """personal_view for many phones in two queries (a segment change sends 2,000 of them)."""
    seg, ids = ctx.segment, [a.id for a in attendees]
    names = columns_of(seg)
    mine, voted = {i: [] for i in ids}, {i: [] for i in ids}
    for chunk in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        part = ids[chunk : chunk + 500]
        for aid, i, t, s, c in db.session.execute(
            select(
                WallNote.attendee_id, WallNote.id, WallNote.text, WallNote.state, WallNote.column_no
            )
            .where(WallNote.segment_id == seg.id, WallNote.attendee_id.in_(part))
            .order_by(WallNote.id)
        ):
            mine[aid].append({"id": i, "text": t, "state": s} | col_of(c, names))
        for aid, note_id in db.session.execute(
            select(WallVote.attendee_id, WallVote.note_id)
            .where(WallVote.segment_id == seg.id, WallVote.attendee_id.in_(part))
            .order_by(WallVote.note_id)
        ):
            voted[aid].append(note_id)
    cap = max_notes(seg)
    return {
        i: {"mine": mine[i], "voted": voted[i], "left": max(0, cap - len(mine[i]))} for i in ids
    }


def vote_options(event):
    """Lists of options this kind offers a vote (the vote kind looks for this hook): the
    themes of each wall, in the host's order."""
    return [
        {
            "key": f"{KIND}-{seg.id}",
            "label": f"Themes of {seg.title}",
            "options": [t.title for t in themes_of(seg)],
        }
        for seg in event.segments
        if seg.kind == KIND
    ]


# What the core reads (docs/segment-kinds.md); the rest of the package is the kind's own.
__all__ = [
    "KIND", "LABEL", "ORDER", "PATCHES", "COMMANDS", "HOST_SETTINGS", "default_settings",
    "clean_settings", "public_view", "host_view", "personal_view", "personal_views",
    "vote_options", "blueprints", "cli_commands", "exports",
    "report_part", "report_section", "forget_people", "digest_part",
    "RATE_NOTES", "board_of",
]  # fmt: skip
