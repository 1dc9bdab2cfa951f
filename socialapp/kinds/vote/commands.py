"""The vote kind's commands: the host writes questions and steps through them (open, close,
reveal, next), phones cast or change their ballot. Bad input changes nothing.
"""

import json

from sqlalchemy import delete, select

from ... import args as arguments
from ...args import Arg, Bool, Choice, Id, Ids, Int, Text, Texts
from ...core import ballots as rules
from ...errors import CommandError
from ...extensions import db
from ...models import Attendee
from ..base import ALL, Change, command
from .models import VoteBallot, VoteJudge, VoteQuestion
from .reading import board, current, questions, sources, voters

COMMANDS = {}
MAX_QUESTIONS = 30


class Answer(Arg):
    """A phone's answer: its shape depends on the question (core/ballots.py checks it)."""

    def read(self, value):
        ok = isinstance(value, str | int) and not isinstance(value, bool)
        if isinstance(value, list) and len(value) <= rules.MAX_OPTIONS:
            ok = all(isinstance(v, str | int) and not isinstance(v, bool) for v in value)
        if not ok:
            raise CommandError("Your answer is malformed: pick again.")
        if len(json.dumps(value)) > 4000:
            raise CommandError("Your answer is too long.")
        return value

    def describe(self):
        return (
            "the answer: an option id (single), a list of option ids (approval; ranked, most "
            "preferred first), a whole number (scale), a list of 1 to 3 words (words), a text "
            "(text)"
        )


QUESTION = Id("question_id", "question")
MAYBE_QUESTION = Id("question_id", "question", required=False, note="default: the current one")
SPEC = [
    Choice("type", rules.TYPES, required=False, label="question type"),
    Texts("options", rules.MAX_OPTIONS, rules.MAX_LABEL, item="option", required=False),
    Text("source", 40, required=False, label="list of options", note="a key of host.sources"),
    Choice("method", rules.METHODS, required=False, label="counting method"),
    Bool("rank_all", required=False, label="rank every option"),
    Int("max_approvals", 0, rules.MAX_OPTIONS, required=False, note="0: no limit"),
    Int("scale_max", 5, 10, required=False, label="top of the scale", note="5 or 10"),
    Int("max_answers", 1, rules.MAX_WORD_ANSWERS, required=False),
]
FLAGS = [
    Bool("live_results", required=False, label="live results"),
    Bool("lock_first", required=False, label="lock first answers"),
]
TITLE = Text("title", 200, label="question")
NEW_TITLE = Text("title", 200, label="question", required=False)


def find(ctx, args, key="question_id"):
    qid = args.get(key)
    q = db.session.get(VoteQuestion, qid) if qid is not None else current(ctx)
    if q is None or q.segment_id != ctx.segment.id:
        raise CommandError("Unknown question." if qid else "There is no question yet.", "not_found")
    return q


def spec_from(ctx, args, old=None):
    """The question's spec from the command's fields (over the old spec when editing)."""
    raw = dict(old or {"type": "single"})
    for key in ("type", "method", "rank_all", "max_answers", "scale_max"):
        if args.get(key) is not None:
            raw[key] = args[key]
    if args.get("max_approvals") is not None:
        raw["max_approvals"] = args["max_approvals"] or None
    if args.get("source"):
        found = next((s for s in sources(ctx.event) if s["key"] == args["source"]), None)
        if found is None:
            raise CommandError("That list of options is not in this event.", "not_found")
        raw["options"] = found["options"][: rules.MAX_OPTIONS]
    elif args.get("options") is not None:
        raw["options"] = args["options"]
    if raw["type"] not in rules.CHOICE_TYPES:
        raw.pop("options", None)
    try:
        return rules.clean_question(raw)
    except rules.QuestionError as exc:
        raise CommandError(str(exc)) from None


ADD_ARGS = [TITLE, *SPEC, *FLAGS]


def add_args(raw):
    """vote.add's arguments, checked as the command layer checks them."""
    if not isinstance(raw, dict):
        raise CommandError("Each question must be an object with a title and a type.")
    return arguments.clean(ADD_ARGS, raw, strict=True)


def preset(raw):
    """A question of the segment's settings, checked now (its source is read at the start)."""
    args = add_args(raw)
    if not args.get("source"):
        spec_from(None, args)
    return {key: value for key, value in args.items() if value is not None}


@command(COMMANDS, "vote.add", needs_live=False, args=ADD_ARGS)
def add(ctx, args):
    """Add a question at the end of the segment's list (a draft)."""
    qs = questions(ctx.segment)
    if len(qs) >= MAX_QUESTIONS:
        raise CommandError(f"A vote holds at most {MAX_QUESTIONS} questions.")
    q = VoteQuestion(
        event_id=ctx.event.id,
        segment_id=ctx.segment.id,
        position=(qs[-1].position + 1) if qs else 0,
        title=args["title"],
        spec_json=json.dumps(spec_from(ctx, args)),
        live_results=bool(args["live_results"]),
        lock_first=bool(args["lock_first"]),
        picked_json="[]",
    )
    db.session.add(q)
    db.session.flush()
    return Change(result={"question_id": q.id})


@command(COMMANDS, "vote.edit", needs_live=False, args=[QUESTION, NEW_TITLE, *SPEC, *FLAGS])
def edit(ctx, args):
    """Edit a question; its type and options only while no ballot is in."""
    q = find(ctx, args)
    if any(args.get(a.key) is not None for a in SPEC):
        if voters(q.id):
            raise CommandError("Ballots are in: the options can no longer change.", "conflict")
        q.spec = spec_from(ctx, args, q.spec)
    if args["title"] is not None:
        q.title = args["title"]
    for flag in FLAGS:
        if args[flag.key] is not None:
            setattr(q, flag.key, args[flag.key])
    return Change(personal=ALL)


@command(COMMANDS, "vote.remove", needs_live=False, args=[QUESTION])
def remove(ctx, args):
    """Remove a question and its ballots (never the one open now)."""
    q = find(ctx, args)
    if q.state == "open":
        raise CommandError("Close the question before removing it.", "conflict")
    db.session.execute(delete(VoteBallot).where(VoteBallot.question_id == q.id))
    row = board(ctx)
    if row is not None and row.current_id == q.id:
        row.current_id = None
    db.session.delete(q)
    return Change(personal=ALL)


def show(ctx, q):
    row = board(ctx, create=True)
    row.current_id = q.id
    row.shown_voters = voters(q.id)


def close_others(ctx, keep):
    for other in questions(ctx.segment):
        if other.id != keep.id and other.state == "open":
            other.state, other.closed_at = "closed", ctx.now


@command(COMMANDS, "vote.open", args=[MAYBE_QUESTION])
def open_(ctx, args):
    """Open a question for ballots and put it on screen (any other open one closes)."""
    q = find(ctx, args)
    if q.state == "revealed":
        raise CommandError("This question was revealed: its ballots are final.", "conflict")
    return _open(ctx, q)


@command(COMMANDS, "vote.close", args=[MAYBE_QUESTION])
def close(ctx, args):
    q = find(ctx, args)
    if q.state != "open":
        raise CommandError("This question is not open.", "conflict")
    q.state, q.closed_at = "closed", ctx.now
    show(ctx, q)
    return Change(personal=ALL)


@command(COMMANDS, "vote.reveal", args=[MAYBE_QUESTION])
def reveal(ctx, args):
    """Show the result to the room (closing the question first if it is open)."""
    q = find(ctx, args)
    if q.state == "draft":
        raise CommandError("Open the question first: nobody has voted yet.", "conflict")
    if q.state == "open":
        q.closed_at = ctx.now
    q.state, q.revealed_at = "revealed", q.revealed_at or ctx.now
    show(ctx, q)
    return Change(personal=ALL)


@command(COMMANDS, "vote.next", args=())
def next_(ctx, args):
    """Go to the next question and open it (the one on screen closes if still open)."""
    qs = questions(ctx.segment)
    q = current(ctx, qs)
    later = qs[qs.index(q) + 1 :] if q is not None else []
    if not later:
        raise CommandError("That was the last question.", "conflict")
    nxt = later[0]
    if nxt.state == "revealed":
        show(ctx, nxt)
        return Change(personal=ALL)
    return _open(ctx, nxt)


def _open(ctx, q):
    close_others(ctx, q)
    q.state, q.opened_at = "open", q.opened_at or ctx.now
    show(ctx, q)
    return Change(personal=ALL)


@command(COMMANDS, "vote.show", args=[QUESTION])
def show_(ctx, args):
    """Put any question on screen without changing it (back to an earlier result)."""
    show(ctx, find(ctx, args))
    return Change(personal=ALL)


@command(COMMANDS, "vote.pick", needs_live=False, args=[QUESTION, Text("text", 300), Bool("on")])
def pick(ctx, args):
    """Show (or hide) one open answer on the projector once revealed."""
    q = find(ctx, args)
    if q.spec["type"] != "text":
        raise CommandError("Only open answers are picked one by one.")
    given = {
        b
        for (b,) in db.session.execute(
            select(VoteBallot.answer_json).where(VoteBallot.question_id == q.id)
        )
    }
    if json.dumps(args["text"]) not in given:
        raise CommandError("Nobody gave that answer.", "not_found")
    picked = [t for t in q.picked if t != args["text"]]
    q.picked = picked + [args["text"]] if args["on"] else picked
    return Change()


@command(
    COMMANDS, "vote.judges", needs_live=False, args=[Ids("attendee_ids", max_items=200), Bool("on")]
)
def mark_judges(ctx, args):
    """Mark phones as judges (their ballots count apart), or unmark them."""
    ids = args["attendee_ids"]
    found = set(
        db.session.scalars(
            select(Attendee.id).where(Attendee.id.in_(ids), Attendee.event_id == ctx.event.id)
        )
    )
    if found != ids:
        raise CommandError("Unknown attendee.", "not_found")
    db.session.execute(
        delete(VoteJudge).where(
            VoteJudge.segment_id == ctx.segment.id, VoteJudge.attendee_id.in_(ids)
        )
    )
    if args["on"]:
        db.session.add_all(VoteJudge(segment_id=ctx.segment.id, attendee_id=i) for i in ids)
    return Change(personal=ids, public=False)


@command(
    COMMANDS, "vote.cast", roles=("attendee",), args=[MAYBE_QUESTION, Answer("answer")], strict=True
)
def cast(ctx, args):
    """This phone's ballot, new or changed. The room's voter count and the host's live counts
    follow within a sweep (about a second), so 2,000 ballots do not send 2,000 states to
    2,000 phones, nor recount every question 2,000 times for the host."""
    q = find(ctx, args)
    if q.state != "open":
        raise CommandError("Voting on this question is closed.", "conflict")
    try:
        answer = rules.clean_ballot(q.spec, args["answer"])
    except rules.BallotError as exc:
        raise CommandError(str(exc)) from None
    mine = db.session.scalar(
        select(VoteBallot).where(
            VoteBallot.question_id == q.id, VoteBallot.attendee_id == ctx.attendee.id
        )
    )
    if mine is None:
        db.session.add(
            VoteBallot(
                question_id=q.id,
                attendee_id=ctx.attendee.id,
                answer_json=json.dumps(answer),
                created_at=ctx.now,
                updated_at=ctx.now,
            )
        )
    elif q.lock_first:
        raise CommandError(
            "Your first answer counts: this question does not take changes.", "conflict"
        )
    else:
        mine.answer_json, mine.updated_at = json.dumps(answer), ctx.now
    db.session.flush()
    # The ack carries no answer: acks are kept with the sender id (repeated messages), and
    # the phone reads its ballot from its personal view.
    return Change(personal={ctx.attendee.id}, public=False, host=False)
