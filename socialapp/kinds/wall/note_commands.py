"""Notes: attendees write, edit, delete and vote; the host hides, approves, locks, filters
words and caps notes per person.
"""

from sqlalchemy import bindparam, delete, insert, select

from ...args import Bool, Id, Token
from ...errors import CommandError
from ...extensions import db
from ..base import ALL, Change, command
from .models import WallNote, WallVote
from .reading import board_of, flagged_word, note_of, own_note, require_unlocked
from .rules import (
    COLUMN,
    COLUMNS,
    COMMANDS,
    MAX_NOTES,
    NOTE,
    NOTE_TEXT,
    RATE_NOTES,
    RATE_WINDOW,
    WORDS,
    column_index,
    max_notes,
)

# ---------------------------------------------------------------- attendee commands


@command(
    COMMANDS,
    "wall.note_add",
    roles=("attendee",),
    args=[Token("cid", label="note id", note="made by the phone"), NOTE_TEXT, COLUMN],
)
def note_add(ctx, args):
    """A new note. args.cid (made by the phone) makes a retried note land once; args.column
    is the column picked on a wall with columns."""
    seg, me = ctx.segment, ctx.attendee
    cid, body = args["cid"], args["text"]
    # One read of my notes on this wall answers the retry, the cap and the rate limit.
    mine = db.session.execute(_MINE, {"segment": seg.id, "attendee": me.id}).all()
    existing = next((i for i, c, _ in mine if c == cid), None)
    if existing is not None:
        return Change(personal={me.id}, result={"note_id": existing, "duplicate": True})
    board = board_of(seg, create=True)  # one look-up: the lock, moderation and the words
    require_unlocked(ctx, board)
    cap = max_notes(seg)
    if len(mine) >= cap:
        raise CommandError(
            f"You have written {cap} notes, the most for this wall. Edit or delete one to "
            "make room.",
            "conflict",
        )
    recent = sorted(t for _, _, t in mine if t > ctx.now - RATE_WINDOW)
    if len(recent) >= RATE_NOTES:
        wait = max(1, int(recent[-RATE_NOTES] + RATE_WINDOW - ctx.now + 0.999))
        raise CommandError(
            f"That's {RATE_NOTES} notes in a minute: wait {wait} seconds before the next one.",
            "rate_limited",
        )
    column = column_index(seg, args["column"])
    flag = flagged_word(board, body)
    state = "pending" if (board.premoderate or flag) else "shown"
    # A Core insert: a room posting 60 notes a second paid more for the ORM's unit of work
    # (an object, a flush) than for the insert itself; nothing here reads the note back.
    added = db.session.execute(
        _ADD,
        {
            "segment_id": seg.id,
            "attendee_id": me.id,
            "cid": cid,
            "text": body,
            "state": state,
            "flagged": flag[:40],
            "theme_id": None,
            "column_no": column,
            "created_at": ctx.now,
            "updated_at": ctx.now,
        },
    )
    return Change(
        personal={me.id}, result={"note_id": added.inserted_primary_key[0], "state": state}
    )


# Built once (building a statement costs about as much as running it on SQLite).
_MINE = select(WallNote.id, WallNote.cid, WallNote.created_at).where(
    WallNote.segment_id == bindparam("segment"), WallNote.attendee_id == bindparam("attendee")
)
_ADD = insert(WallNote.__table__)


@command(COMMANDS, "wall.note_edit", roles=("attendee",), args=[NOTE, NOTE_TEXT, COLUMN])
def note_edit(ctx, args):
    """New text, and a new column if args.column is given (on a wall with columns)."""
    note = own_note(ctx, args)
    body = args["text"]
    require_unlocked(ctx)
    if note.state == "hidden":
        raise CommandError("The host hid this note: it can no longer be edited.", "conflict")
    if args["column"] is not None:
        note.column_no = column_index(ctx.segment, args["column"])
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


@command(COMMANDS, "wall.columns", needs_live=False, args=[COLUMNS])
def set_columns(ctx, args):
    """The wall's columns (1 to 6 short names; none for a plain wall). Notes keep their column
    by position: renaming the second column keeps its notes; a column removed from the end
    leaves its notes out of every column until it is back."""
    names = args["columns"]
    settings = dict(ctx.segment.settings)
    settings.pop("columns", None)
    ctx.segment.settings = settings | ({"columns": names} if names else {})
    return Change(personal=ALL, result={"columns": names})
