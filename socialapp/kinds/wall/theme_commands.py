"""Themes: the host names, merges and deletes them and moves notes; a suggested grouping
(socialapp.core.themes, computed off the event loop) waits for the host to edit, accept or
discard it, and an accepted one can be undone.
"""

import time

from sqlalchemy import delete, select, update

from ...args import Bool, Id, Int, Text
from ...errors import CommandError
from ...extensions import db
from ..base import Change, command
from .models import WallNote, WallTheme
from .reading import board_of, note_of, theme_of, themes_of
from .rules import COMMANDS, MAX_GROUPS, MAX_THEMES, NOTE, THEME, THEME_TITLE, THEME_TITLE_MAX

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
