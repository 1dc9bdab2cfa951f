"""What the wall's commands look up: the board, a note or theme of this segment, vote counts."""

import re

from sqlalchemy import bindparam, func, select

from ...errors import CommandError
from ...extensions import db
from .models import WallBoard, WallNote, WallTheme, WallVote
from .rules import BUILTIN_WORDS, NOTE, THEME

# ---------------------------------------------------------------- helpers


def board_of(seg, create=False):
    """The segment's board; views get an unsaved default, commands a stored one."""
    board = db.session.identity_map.get(db.session.identity_key(WallBoard, seg.id))
    if board is None:  # a statement built once: Session.get builds its own on every miss
        board = db.session.scalars(_BOARD, {"segment": seg.id}).first()
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


_BOARD = select(WallBoard).where(WallBoard.segment_id == bindparam("segment"))


def flagged_word(board, note_text):
    """The first filter word the text contains (whole words, any case), or ""."""
    low = note_text.lower()
    for word in (*BUILTIN_WORDS, *board.words):
        if re.search(r"(?<!\w)" + re.escape(word.lower()) + r"(?!\w)", low):
            return word
    return ""


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


def require_unlocked(ctx, board=None):
    """board: the segment's board when the caller has it already (no second look-up)."""
    if (board or board_of(ctx.segment)).locked:
        raise CommandError("The host has locked the wall: notes can no longer change.", "conflict")
