"""The wall segment kind: a live sticky-note wall where the room's themes emerge.

Attendees write notes (1 to 280 characters), edit or delete them until the host locks the wall,
and give +1 to notes they agree with. The host hides notes, optionally approves them first
(pre-moderation, plus a word filter the host can extend), arranges notes into themes, and asks
socialapp.core.themes for a suggested grouping that only the host sees until accepted.

Note states: "shown" (public), "pending" (waits for the host), "hidden" (by the host). Only
shown notes are in public_view, so hiding one removes it from every screen with the next state.
"""

import re
import time

from sqlalchemy import delete, func, select, update

from ...args import Bool, Id, Int, Text, Texts, Token
from ...errors import CommandError
from ...extensions import db
from ...models import Attendee
from ..base import ALL, Change, command
from .models import WallBoard, WallNote, WallTheme, WallVote

KIND = "wall"
LABEL = "Sticky-note wall"
ORDER = 30


def blueprints():
    """The host's take-home exports, /e/<code>/export.md and .csv (imported late: they use the
    core's event lookup, which imports the kinds)."""
    from .web import bp

    return [bp]


def cli_commands():
    from .cli import COMMANDS

    return COMMANDS


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


# ---------------------------------------------------------------- helpers


def board_of(seg, create=False):
    """The segment's board; views get an unsaved default, commands a stored one."""
    board = db.session.get(WallBoard, seg.id)
    if board is None:
        board = WallBoard(
            segment_id=seg.id,
            locked=False,
            premoderate=bool(seg.settings.get("premoderate", False)),
            words_json="[]",
        )
        if create:
            db.session.add(board)
    return board


def flagged_word(board, note_text):
    """The first filter word the text contains (whole words, any case), or ""."""
    low = note_text.lower()
    for word in (*BUILTIN_WORDS, *board.words):
        if re.search(r"(?<!\w)" + re.escape(word.lower()) + r"(?!\w)", low):
            return word
    return ""


NOTE = Id("note_id", "note")
THEME = Id("theme_id", "theme")
NOTE_TEXT = Text("text", NOTE_MAX, lines=True, label="note")
THEME_TITLE = Text("title", THEME_TITLE_MAX, label="theme name")
MAX_NOTES = Int("max_notes", 1, MAX_NOTES_LIMIT, label="notes per person")
WORDS = Texts(
    "words", MAX_WORDS, WORD_MAX, item="filter word", label="filter words", split=r"[,\n]",
    lower=True,
)  # fmt: skip


def note_of(ctx, note_id):
    note = db.session.get(WallNote, NOTE.parse({"note_id": note_id}))
    if note is None or note.segment_id != ctx.segment.id:
        raise CommandError("That note is not on this wall (any more).", "not_found")
    return note


def own_note(ctx, args):
    note = note_of(ctx, args["note_id"])
    if note.attendee_id != ctx.attendee.id:
        raise CommandError("You can only change your own notes.", "forbidden")
    return note


def theme_of(ctx, theme_id):
    theme = db.session.get(WallTheme, THEME.parse({"theme_id": theme_id}))
    if theme is None or theme.segment_id != ctx.segment.id:
        raise CommandError("That theme does not exist (any more).", "not_found")
    return theme


def themes_of(seg):
    return db.session.scalars(
        select(WallTheme)
        .where(WallTheme.segment_id == seg.id)
        .order_by(WallTheme.position, WallTheme.id)
    ).all()


def vote_counts(seg):
    rows = db.session.execute(
        select(WallVote.note_id, func.count(WallVote.id))
        .where(WallVote.segment_id == seg.id)
        .group_by(WallVote.note_id)
    )
    return dict(rows.all())


def require_unlocked(ctx):
    if board_of(ctx.segment).locked:
        raise CommandError("The host has locked the wall: notes can no longer change.", "conflict")


# ---------------------------------------------------------------- views


def public_view(ctx):
    """Shown notes only, compact: id, text, theme id, votes; themes in order."""
    seg = ctx.segment
    board = board_of(seg)
    votes = vote_counts(seg)
    rows = db.session.execute(
        select(WallNote.id, WallNote.text, WallNote.theme_id)
        .where(WallNote.segment_id == seg.id, WallNote.state == "shown")
        .order_by(WallNote.id)
    ).all()
    return {
        "locked": board.locked,
        "max_notes": max_notes(seg),
        "themes": [{"id": t.id, "title": t.title} for t in themes_of(seg)],
        "notes": [{"id": i, "text": t, "theme": th, "votes": votes.get(i, 0)} for i, t, th in rows],
    }


def host_view(ctx):
    """Every note (pending and hidden too) with its author, moderation settings, the pending
    suggestion (which only the host sees) and whether an accepted one can be undone."""
    from ...core import themes as engine

    seg = ctx.segment
    board = board_of(seg)
    votes = vote_counts(seg)
    rows = db.session.execute(
        select(WallNote, Attendee.name, Attendee.name_no)
        .join(Attendee, Attendee.id == WallNote.attendee_id)
        .where(WallNote.segment_id == seg.id)
        .order_by(WallNote.id)
    ).all()
    notes = [
        {
            "id": n.id,
            "text": n.text,
            "state": n.state,
            "theme": n.theme_id,
            "votes": votes.get(n.id, 0),
            "by": name if no == 1 else f"{name} ({no})",
            "flag": n.flagged,
        }
        for n, name, no in rows
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
    mine = db.session.execute(
        select(WallNote.id, WallNote.text, WallNote.state)
        .where(WallNote.segment_id == seg.id, WallNote.attendee_id == attendee.id)
        .order_by(WallNote.id)
    ).all()
    voted = db.session.scalars(
        select(WallVote.note_id)
        .where(WallVote.segment_id == seg.id, WallVote.attendee_id == attendee.id)
        .order_by(WallVote.note_id)
    ).all()
    return {
        "mine": [{"id": i, "text": t, "state": s} for i, t, s in mine],
        "voted": list(voted),
        "left": max(0, max_notes(seg) - len(mine)),
    }


def personal_views(ctx, attendees):
    """personal_view for many phones in two queries (a segment change sends 2,000 of them)."""
    seg, ids = ctx.segment, [a.id for a in attendees]
    mine, voted = {i: [] for i in ids}, {i: [] for i in ids}
    for chunk in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        part = ids[chunk : chunk + 500]
        for aid, i, t, s in db.session.execute(
            select(WallNote.attendee_id, WallNote.id, WallNote.text, WallNote.state)
            .where(WallNote.segment_id == seg.id, WallNote.attendee_id.in_(part))
            .order_by(WallNote.id)
        ):
            mine[aid].append({"id": i, "text": t, "state": s})
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


# ---------------------------------------------------------------- attendee commands


@command(
    COMMANDS,
    "wall.note_add",
    roles=("attendee",),
    args=[Token("cid", label="note id", note="made by the phone"), NOTE_TEXT],
)
def note_add(ctx, args):
    """A new note. args.cid (made by the phone) makes a retried note land once."""
    seg, me = ctx.segment, ctx.attendee
    cid, body = args["cid"], args["text"]
    existing = db.session.scalar(
        select(WallNote).where(
            WallNote.segment_id == seg.id, WallNote.attendee_id == me.id, WallNote.cid == cid
        )
    )
    if existing is not None:
        return Change(personal={me.id}, result={"note_id": existing.id, "duplicate": True})
    require_unlocked(ctx)
    mine = db.session.scalars(
        select(WallNote.created_at).where(
            WallNote.segment_id == seg.id, WallNote.attendee_id == me.id
        )
    ).all()
    cap = max_notes(seg)
    if len(mine) >= cap:
        raise CommandError(
            f"You have written {cap} notes, the most for this wall. Edit or delete one to "
            "make room.",
            "conflict",
        )
    recent = sorted(t for t in mine if t > ctx.now - RATE_WINDOW)
    if len(recent) >= RATE_NOTES:
        wait = max(1, int(recent[-RATE_NOTES] + RATE_WINDOW - ctx.now + 0.999))
        raise CommandError(
            f"That's {RATE_NOTES} notes in a minute: wait {wait} seconds before the next one.",
            "rate_limited",
        )
    board = board_of(seg, create=True)
    flag = flagged_word(board, body)
    note = WallNote(
        segment_id=seg.id,
        attendee_id=me.id,
        cid=cid,
        text=body,
        state="pending" if (board.premoderate or flag) else "shown",
        flagged=flag[:40],
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    db.session.add(note)
    db.session.flush()
    return Change(personal={me.id}, result={"note_id": note.id, "state": note.state})


@command(COMMANDS, "wall.note_edit", roles=("attendee",), args=[NOTE, NOTE_TEXT])
def note_edit(ctx, args):
    note = own_note(ctx, args)
    body = args["text"]
    require_unlocked(ctx)
    if note.state == "hidden":
        raise CommandError("The host hid this note: it can no longer be edited.", "conflict")
    if body == note.text:
        return Change(personal={ctx.attendee.id}, result={"state": note.state})
    board = board_of(ctx.segment, create=True)
    flag = flagged_word(board, body)
    note.text = body
    note.flagged = flag[:40]
    note.updated_at = ctx.now
    # An approved note that changes is approved again under pre-moderation.
    note.state = "pending" if (board.premoderate or flag) else "shown"
    return Change(personal={ctx.attendee.id}, result={"state": note.state})


@command(COMMANDS, "wall.note_delete", roles=("attendee",), args=[NOTE])
def note_delete(ctx, args):
    note = own_note(ctx, args)
    require_unlocked(ctx)
    voters = set(
        db.session.scalars(select(WallVote.attendee_id).where(WallVote.note_id == note.id))
    )
    db.session.execute(delete(WallVote).where(WallVote.note_id == note.id))
    db.session.delete(note)
    return Change(personal=voters | {ctx.attendee.id})


@command(COMMANDS, "wall.vote", roles=("attendee",), args=[NOTE, Bool("on", default=True)])
def vote(ctx, args):
    """+1 (on: true) or take it back (on: false); setting, not toggling, so a retry is safe."""
    note = note_of(ctx, args["note_id"])
    on = args["on"]
    me = ctx.attendee.id
    existing = db.session.scalar(
        select(WallVote).where(WallVote.note_id == note.id, WallVote.attendee_id == me)
    )
    if on:
        if note.state != "shown":
            raise CommandError("That note is not on the wall any more.", "conflict")
        if existing is None:
            db.session.add(WallVote(segment_id=ctx.segment.id, note_id=note.id, attendee_id=me))
    elif existing is not None:
        db.session.delete(existing)
    return Change(personal={me}, result={"voted": on})


# ---------------------------------------------------------------- host: moderation


@command(COMMANDS, "wall.hide", needs_live=False, args=[NOTE, Bool("hidden", default=True)])
def hide(ctx, args):
    """Hide a note (hidden: true, the default) or show it again (hidden: false)."""
    note = note_of(ctx, args["note_id"])
    note.state = "hidden" if args["hidden"] else "shown"
    return Change(personal={note.attendee_id}, result={"state": note.state})


@command(
    COMMANDS,
    "wall.approve",
    needs_live=False,
    args=[
        Id("note_id", "note", required=False, note="needed unless all is true"),
        Bool("all", default=False),
    ],
)
def approve(ctx, args):
    """Show a pending note (or every pending note with all: true)."""
    if args["all"]:
        notes = db.session.scalars(
            select(WallNote).where(
                WallNote.segment_id == ctx.segment.id, WallNote.state == "pending"
            )
        ).all()
    else:
        notes = [note_of(ctx, args["note_id"])]
    for note in notes:
        note.state = "shown"
    return Change(personal={n.attendee_id for n in notes}, result={"approved": len(notes)})


@command(COMMANDS, "wall.lock", needs_live=False, args=[Bool("locked")])
def lock(ctx, args):
    board = board_of(ctx.segment, create=True)
    board.locked = args["locked"]
    return Change(result={"locked": board.locked})


@command(COMMANDS, "wall.premoderate", needs_live=False, args=[Bool("on")])
def premoderate(ctx, args):
    """Turn pre-moderation on or off; off releases pending notes the filter did not catch."""
    board = board_of(ctx.segment, create=True)
    board.premoderate = args["on"]
    who = set()
    if not board.premoderate:
        notes = db.session.scalars(
            select(WallNote).where(
                WallNote.segment_id == ctx.segment.id,
                WallNote.state == "pending",
                WallNote.flagged == "",
            )
        ).all()
        for note in notes:
            note.state = "shown"
            who.add(note.attendee_id)
    return Change(personal=who, result={"premoderate": board.premoderate})


@command(COMMANDS, "wall.words", needs_live=False, args=[WORDS])
def words(ctx, args):
    """Replace the host's extra filter words (a list, or text separated by commas)."""
    board = board_of(ctx.segment, create=True)
    board.words = args["words"]
    return Change(public=False, result={"words": board.words})


@command(COMMANDS, "wall.max_notes", needs_live=False, args=[MAX_NOTES])
def set_max_notes(ctx, args):
    """The most notes one person may write on this wall (1 to 50)."""
    value = args["max_notes"]
    ctx.segment.settings = ctx.segment.settings | {"max_notes": value}
    return Change(personal=ALL, result={"max_notes": value})


# ---------------------------------------------------------------- host: themes


@command(COMMANDS, "wall.theme_add", needs_live=False, args=[THEME_TITLE])
def theme_add(ctx, args):
    title = args["title"]
    themes = themes_of(ctx.segment)
    if len(themes) >= MAX_THEMES:
        raise CommandError(f"A wall can have at most {MAX_THEMES} themes.")
    theme = WallTheme(
        segment_id=ctx.segment.id,
        title=title,
        position=(max((t.position for t in themes), default=-1) + 1),
        created_at=ctx.now,
    )
    db.session.add(theme)
    db.session.flush()
    return Change(result={"theme_id": theme.id})


@command(COMMANDS, "wall.theme_rename", needs_live=False, args=[THEME, THEME_TITLE])
def theme_rename(ctx, args):
    theme = theme_of(ctx, args["theme_id"])
    theme.title = args["title"]
    return Change()


def drop_theme(theme, into=None):
    db.session.execute(
        update(WallNote)
        .where(WallNote.theme_id == theme.id)
        .values(theme_id=into.id if into else None)
    )
    db.session.delete(theme)


@command(COMMANDS, "wall.theme_delete", needs_live=False, args=[THEME])
def theme_delete(ctx, args):
    """Delete a theme; its notes go back to the unsorted ones."""
    drop_theme(theme_of(ctx, args["theme_id"]))
    return Change()


@command(COMMANDS, "wall.theme_merge", needs_live=False, args=[THEME, Id("into_id", "theme")])
def theme_merge(ctx, args):
    """Move every note of theme_id into into_id, then delete theme_id."""
    theme = theme_of(ctx, args["theme_id"])
    into = theme_of(ctx, args["into_id"])
    if into.id == theme.id:
        raise CommandError("Pick two different themes to merge.")
    drop_theme(theme, into)
    return Change(result={"theme_id": into.id})


@command(
    COMMANDS,
    "wall.note_move",
    needs_live=False,
    args=[NOTE, Id("theme_id", "theme", required=False, note="null: unsorted")],
)
def note_move(ctx, args):
    """Put a note under a theme (theme_id), or back among the unsorted ones (theme_id null)."""
    note = note_of(ctx, args["note_id"])
    theme_id = args["theme_id"]
    note.theme_id = None if theme_id is None else theme_of(ctx, theme_id).id
    return Change()


# ---------------------------------------------------------------- host: suggested themes


def suggest_gather(ctx, args):
    """Before the lock: the shown notes, as plain (id, text) pairs."""
    granularity = args["granularity"]
    rows = db.session.execute(
        select(WallNote.id, WallNote.text)
        .where(WallNote.segment_id == ctx.segment.id, WallNote.state == "shown")
        .order_by(WallNote.id)
    ).all()
    if not rows:
        raise CommandError("There are no notes on the wall to group yet.", "conflict")
    return [tuple(r) for r in rows], granularity


def suggest_prepare(data):
    """In an OS thread: grouping 500 notes takes seconds, and the room must not freeze."""
    from ...core import themes as engine

    rows, granularity = data
    started = time.perf_counter()
    try:
        groups = engine.suggest_themes([t for _, t in rows], granularity=granularity)
    except (RuntimeError, ValueError) as exc:
        return {"error": str(exc)}
    ms = round((time.perf_counter() - started) * 1000)
    return {
        "rows": rows,
        "groups": groups,
        "granularity": granularity,
        "ms": ms,
        "engine": engine.default_engine(),
    }


@command(
    COMMANDS,
    "wall.suggest",
    needs_live=False,
    gather=suggest_gather,
    prepare=suggest_prepare,
    args=[Int("granularity", -2, 2, default=0, note="-2 fewer, larger groups; +2 more, smaller")],
)
def suggest(ctx, args):
    """Group the shown notes with socialapp.core.themes. The result waits in the board for the host
    (host_view only) until accepted or discarded. granularity: -2 (fewer, larger groups) to
    +2 (more, smaller groups). The grouping itself ran before the lock (suggest_prepare)."""
    done = ctx.prepared
    if "error" in done:
        raise CommandError(f"Themes could not be suggested: {done['error']}", "server")
    rows = done["rows"]
    still_shown = set(
        db.session.scalars(
            select(WallNote.id).where(
                WallNote.segment_id == ctx.segment.id, WallNote.state == "shown"
            )
        )
    )
    board = board_of(ctx.segment, create=True)
    board.suggestion = {
        "granularity": done["granularity"],
        "engine": done["engine"],
        "ms": done["ms"],
        "at": ctx.now,
        "groups": [
            {
                "title": g["title"][:THEME_TITLE_MAX],
                # a note hidden while the grouping ran stays out of it
                "notes": [rows[i][0] for i in g["notes"] if rows[i][0] in still_shown],
            }
            for g in done["groups"]
        ],
    }
    return Change(public=False, result={"groups": len(done["groups"]), "ms": done["ms"]})


def pending_suggestion(ctx):
    board = board_of(ctx.segment, create=True)
    if board.suggestion is None:
        raise CommandError("There is no suggestion waiting.", "conflict")
    return board, board.suggestion


@command(
    COMMANDS,
    "wall.suggestion_edit",
    needs_live=False,
    args=[
        Int("group", 0, MAX_GROUPS - 1, note="index in the suggestion"),
        Text("title", THEME_TITLE_MAX, required=False, label="theme name", note="to rename"),
        Bool("remove", default=False),
    ],
)
def suggestion_edit(ctx, args):
    """Before accepting: rename a suggested group (group, title) or leave it out (group,
    remove: true; its notes stay unsorted)."""
    board, sug = pending_suggestion(ctx)
    index = args["group"]
    if index >= len(sug["groups"]):
        raise CommandError("That group is not in the suggestion.", "not_found")
    if args["remove"]:
        sug["groups"].pop(index)
    elif args["title"] is None:
        raise CommandError("The theme name must be text.")
    else:
        sug["groups"][index]["title"] = args["title"]
    board.suggestion = sug
    return Change(public=False)


@command(COMMANDS, "wall.suggestion_discard", needs_live=False, args=())
def suggestion_discard(ctx, args):
    board = board_of(ctx.segment, create=True)
    board.suggestion = None
    return Change(public=False)


def snapshot(seg):
    return {
        "themes": [{"id": t.id, "title": t.title} for t in themes_of(seg)],
        "assign": [
            [i, th]
            for i, th in db.session.execute(
                select(WallNote.id, WallNote.theme_id).where(
                    WallNote.segment_id == seg.id, WallNote.theme_id.is_not(None)
                )
            ).all()
        ],
    }


def replace_themes(seg, now, groups):
    """Delete the segment's themes, make the given ones ([(title, [note ids])]) in order."""
    db.session.execute(update(WallNote).where(WallNote.segment_id == seg.id).values(theme_id=None))
    db.session.execute(delete(WallTheme).where(WallTheme.segment_id == seg.id))
    made = []
    for position, (title, _) in enumerate(groups):
        theme = WallTheme(segment_id=seg.id, title=title, position=position, created_at=now)
        db.session.add(theme)
        made.append(theme)
    db.session.flush()
    for theme, (_, note_ids) in zip(made, groups, strict=True):
        if note_ids:
            db.session.execute(
                update(WallNote)
                .where(WallNote.segment_id == seg.id, WallNote.id.in_(note_ids))
                .values(theme_id=theme.id)
            )
    return made


@command(COMMANDS, "wall.suggestion_accept", needs_live=False, args=())
def suggestion_accept(ctx, args):
    """The suggestion becomes the wall's themes (replacing the current ones; undo restores
    them). Notes written since the suggestion stay unsorted."""
    board, sug = pending_suggestion(ctx)
    board.undo = snapshot(ctx.segment)
    made = replace_themes(ctx.segment, ctx.now, [(g["title"], g["notes"]) for g in sug["groups"]])
    board.suggestion = None
    return Change(result={"themes": len(made)})


@command(COMMANDS, "wall.undo_accept", needs_live=False, args=())
def undo_accept(ctx, args):
    """Put back the themes as they were before the last accepted suggestion."""
    board = board_of(ctx.segment, create=True)
    old = board.undo
    if old is None:
        raise CommandError("There is nothing to undo.", "conflict")
    by_theme = {}
    for note_id, theme_id in old["assign"]:
        by_theme.setdefault(theme_id, []).append(note_id)
    replace_themes(
        ctx.segment, ctx.now, [(t["title"], by_theme.get(t["id"], [])) for t in old["themes"]]
    )
    board.undo = None
    return Change()


def export_rows(seg):
    """(themes, notes) of one wall segment for export: shown notes only, with vote counts."""
    votes = vote_counts(seg)
    notes = db.session.execute(
        select(WallNote.id, WallNote.text, WallNote.theme_id)
        .where(WallNote.segment_id == seg.id, WallNote.state == "shown")
        .order_by(WallNote.id)
    ).all()
    return (
        [{"id": t.id, "title": t.title} for t in themes_of(seg)],
        [{"id": i, "text": t, "theme": th, "votes": votes.get(i, 0)} for i, t, th in notes],
    )


__all__ = [
    "COMMANDS",
    "KIND",
    "LABEL",
    "clean_settings",
    "default_settings",
    "host_view",
    "personal_view",
    "public_view",
]
