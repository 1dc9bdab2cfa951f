"""The debate kind's commands: the host steps through the running order, runs each speech's
timer, calls hands from the floor, sets the margin and reveals; phones vote twice and raise
a hand. Bad input changes nothing.
"""

from sqlalchemy import delete, select

from ...args import Bool, Choice, Int
from ...core import clock, debate_plan
from ...core.debate import SIDES
from ...errors import CommandError
from ...extensions import db
from ..base import ALL, Change, command
from .models import DebateBallot, DebateHand
from .reading import board, hands, step_of, steps

COMMANDS = {}
MARGIN = Int("margin", 0, 50, label="dead-heat margin", note="points")


def go_to(ctx, row, index):
    """Move to a step: its timer is set (not started), the floor speaker sits down."""
    row.step = index
    seconds = steps(ctx.segment)[index]["seconds"]
    row.timer = clock.new(seconds) if seconds else clock.Timer()
    row.floor_id = None
    row.shown_voters = 0
    return Change(personal=ALL)


@command(COMMANDS, "debate.next", args=())
def next_(ctx, args):
    """The next step of the running order (the open vote closes when the debate moves on)."""
    row = board(ctx, create=True)
    if row.step >= len(steps(ctx.segment)) - 1:
        raise CommandError("The result is the last step.", "conflict")
    return go_to(ctx, row, row.step + 1)


@command(COMMANDS, "debate.back", args=())
def back(ctx, args):
    """Back one step (a slip of the host's finger); ballots are kept."""
    row = board(ctx, create=True)
    if row.step == 0:
        raise CommandError("This is the first step.", "conflict")
    return go_to(ctx, row, row.step - 1)


def timed(ctx):
    row = board(ctx, create=True)
    if step_of(ctx, row)["seconds"] is None:
        raise CommandError("This step has no timer.", "conflict")
    return row


@command(COMMANDS, "debate.start", args=())
def start(ctx, args):
    """Start the step's timer (or resume it when paused)."""
    row = timed(ctx)
    t = row.timer
    row.timer = clock.resume(t, ctx.now) if t.status == "paused" else clock.start(t, ctx.now)
    return Change()


@command(COMMANDS, "debate.pause", args=())
def pause(ctx, args):
    row = timed(ctx)
    row.timer = clock.pause(row.timer, ctx.now)
    return Change()


@command(COMMANDS, "debate.extend", args=[Int("seconds", -600, 600)])
def extend(ctx, args):
    """Add (or take away) time on the step's timer."""
    row = timed(ctx)
    row.timer = clock.extend(row.timer, args["seconds"], ctx.now)
    return Change()


@command(COMMANDS, "debate.margin", args=[MARGIN])
def set_margin(ctx, args):
    """The dead-heat margin in points: gains closer than this are a dead heat."""
    board(ctx, create=True).margin = args["margin"]
    return Change()


@command(COMMANDS, "debate.call", args=())
def call(ctx, args):
    """Call the next raised hand (first come) to speak from the floor."""
    row = board(ctx, create=True)
    if step_of(ctx, row)["kind"] != "floor":
        raise CommandError("Hands are called during questions from the floor.", "conflict")
    waiting = [h for h in hands(ctx.segment) if h.called_at is None]
    if not waiting:
        raise CommandError("No hand is up.", "conflict")
    before = row.floor_id
    hand = waiting[0]
    hand.called_at, row.floor_id = ctx.now, hand.attendee_id
    return Change(personal={hand.attendee_id} | ({before} if before else set()))


@command(COMMANDS, "debate.vote", roles=("attendee",), args=[Choice("side", SIDES)], strict=True)
def vote(ctx, args):
    """This phone's ballot in the vote now open, new or changed. The room's voter count and
    the host's follow within a sweep, so 2,000 ballots do not send 2,000 states."""
    row = board(ctx, create=True)
    step = step_of(ctx, row)
    if step["kind"] != "ballot":
        raise CommandError("Voting is closed.", "conflict")
    mine = db.session.scalar(
        select(DebateBallot).where(
            DebateBallot.segment_id == ctx.segment.id,
            DebateBallot.round == step["round"],
            DebateBallot.attendee_id == ctx.attendee.id,
        )
    )
    if mine is None:
        db.session.add(
            DebateBallot(
                segment_id=ctx.segment.id, attendee_id=ctx.attendee.id, round=step["round"],
                side=args["side"], created_at=ctx.now, updated_at=ctx.now,
            )
        )  # fmt: skip
    else:
        mine.side, mine.updated_at = args["side"], ctx.now
    db.session.flush()
    # The ack carries no side: acks are kept with the sender id (repeated messages).
    return Change(personal={ctx.attendee.id}, public=False, host=False)


@command(COMMANDS, "debate.hand", roles=("attendee",), args=[Bool("up")], strict=True)
def hand(ctx, args):
    """Raise (up) or lower this phone's hand to speak from the floor."""
    row = board(ctx, create=True)
    if not debate_plan.hands_open(row.step):
        raise CommandError("Hands go up during the speeches and the floor.", "conflict")
    mine = db.session.scalar(
        select(DebateHand).where(
            DebateHand.segment_id == ctx.segment.id, DebateHand.attendee_id == ctx.attendee.id
        )
    )
    if args["up"]:
        if mine is None:
            db.session.add(
                DebateHand(
                    segment_id=ctx.segment.id, attendee_id=ctx.attendee.id, raised_at=ctx.now
                )
            )
        elif mine.called_at is not None:  # spoke already: back in the queue, at its end
            mine.raised_at, mine.called_at = ctx.now, None
    else:
        db.session.execute(
            delete(DebateHand).where(
                DebateHand.segment_id == ctx.segment.id,
                DebateHand.attendee_id == ctx.attendee.id,
            )
        )
        if row.floor_id == ctx.attendee.id:
            row.floor_id = None
    return Change(personal={ctx.attendee.id})
