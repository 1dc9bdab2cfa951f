"""The questions kind's commands: phones ask, vote and raise their hand; the host approves,
hides, merges, pins the one being answered, archives it, opens and closes the floor, and calls
the next raised hand."""

from sqlalchemy import delete, func, select, update

from ...args import Bool, Choice, Id, Ids, Int, Text
from ...core import clock
from ...core import questions as rules
from ...errors import CommandError
from ...extensions import db
from ..base import ALL, Change, command
from .models import Question, QuestionsHand, QuestionVote
from .reading import (
    DONE,
    HAND_MINUTES,
    MAX_OPEN_PER_PHONE,
    NAMES,
    SPEAKING,
    WAITING,
    floor_row,
    hand_seconds,
    queue,
    rows,
)

COMMANDS = {}
QUESTION = Id("question_id", "question")


def question_arg(ctx, qid):
    q = db.session.get(Question, qid, populate_existing=True)
    if q is None or q.segment_id != ctx.segment.id:
        raise CommandError("Unknown question.", "not_found")
    return q


def check(action, q, message):
    if not rules.allowed(action, q.status):
        raise CommandError(message, "conflict")


def askers(ctx, q):
    """The phones that asked q or a duplicate merged into it (their view says "your question")."""
    ids = db.session.scalars(
        select(Question.attendee_id).where(
            Question.segment_id == ctx.segment.id,
            (Question.id == q.id) | (Question.merged_into == q.id),
        )
    )
    return {a for a in ids if a is not None}


# ---------- phones ----------


@command(
    COMMANDS,
    "questions.ask",
    roles=("attendee",),
    strict=True,
    args=[
        Text("text", rules.TEXT_MAX, label="question"),
        Bool("anonymous", default=False, note="heeded when the segment lets each phone choose"),
        Text("link", rules.LINK_MAX, min_len=0, required=False, note="a suggested paper's"),
    ],
)
def ask(ctx, args):
    """Ask a question (1-280 characters; a paper suggestion: its title and an http(s) link);
    with pre-moderation it waits for the host. Also while an earlier segment is live, when the
    segment collects early (its ask_early setting, socialapp/side.py)."""
    link = args["link"] or None
    if link is not None and not rules.link_ok(link):
        raise CommandError("A link is a web address starting with https:// or http://.")
    row = floor_row(ctx, create=True)
    if row.closed:
        raise CommandError("The floor is closed: no new questions right now.", "conflict")
    mine = db.session.scalar(
        select(func.count(Question.id)).where(
            Question.segment_id == ctx.segment.id,
            Question.attendee_id == ctx.attendee.id,
            Question.status.in_((rules.PENDING, rules.OPEN)),
        )
    )
    if mine >= MAX_OPEN_PER_PHONE:
        raise CommandError(
            f"You have {MAX_OPEN_PER_PHONE} questions waiting: let some be answered first.",
            "conflict",
        )
    names = ctx.segment.settings.get("names", "either")
    anonymous = names == "anonymous" or (names == "either" and args["anonymous"])
    q = Question(
        event_id=ctx.event.id,
        segment_id=ctx.segment.id,
        attendee_id=ctx.attendee.id,
        name="" if anonymous else ctx.attendee.label,
        text=args["text"],
        link=link,
        status=rules.PENDING if ctx.segment.settings.get("moderated") else rules.OPEN,
        created_at=ctx.now,
    )
    db.session.add(q)
    db.session.flush()
    return Change(personal={ctx.attendee.id}, result={"question_id": q.id, "status": q.status})


@command(COMMANDS, "questions.vote", roles=("attendee",), strict=True, args=[QUESTION])
def vote(ctx, args):
    """Vote for a question; a second tap takes the vote back. Result {voted}."""
    q = question_arg(ctx, args["question_id"])
    check("vote", q, "This question is not open for votes.")
    mine = db.session.scalar(
        select(QuestionVote).where(
            QuestionVote.question_id == q.id, QuestionVote.attendee_id == ctx.attendee.id
        )
    )
    if mine is not None:
        db.session.delete(mine)
    else:
        db.session.add(
            QuestionVote(segment_id=ctx.segment.id, question_id=q.id, attendee_id=ctx.attendee.id)
        )
    return Change(personal={ctx.attendee.id}, result={"voted": mine is None})


@command(
    COMMANDS, "questions.hand", roles=("attendee",), strict=True, args=[Bool("up", default=True)]
)
def hand(ctx, args):
    """ "I want to speak" (up=true) joins the running order; up=false leaves it."""
    if not ctx.segment.settings.get("hands"):
        raise CommandError("There is no speaking queue in this segment.", "conflict")
    mine = db.session.scalar(
        select(QuestionsHand)
        .where(
            QuestionsHand.segment_id == ctx.segment.id,
            QuestionsHand.attendee_id == ctx.attendee.id,
        )
        .execution_options(populate_existing=True)
    )
    waiting = rows(QuestionsHand, ctx.segment, fresh=True)
    affected = {h.attendee_id for h in waiting if h.status == WAITING}
    if not args["up"]:
        if mine is None or mine.status != WAITING:
            raise CommandError("You are not in the speaking queue.", "conflict")
        mine.status = DONE
        return Change(personal=affected)
    if mine is not None and mine.status in (WAITING, SPEAKING):
        raise CommandError("You are in the speaking queue already.", "conflict")
    if floor_row(ctx, create=True).closed:
        raise CommandError("The floor is closed: the queue takes no one new right now.", "conflict")
    if mine is None:
        mine = QuestionsHand(
            event_id=ctx.event.id, segment_id=ctx.segment.id, attendee_id=ctx.attendee.id
        )
        db.session.add(mine)
    mine.name, mine.status, mine.raised_at = ctx.attendee.label, WAITING, ctx.now
    mine.timer = clock.Timer()
    return Change(personal={ctx.attendee.id})


# ---------- the host: questions ----------


@command(COMMANDS, "questions.approve", args=[QUESTION])
def approve(ctx, args):
    """A pending question goes on the list (pre-moderation)."""
    q = question_arg(ctx, args["question_id"])
    check("approve", q, "Only a question waiting for approval can be approved.")
    q.status = rules.OPEN
    return Change(personal=askers(ctx, q))


@command(COMMANDS, "questions.hide", args=[QUESTION, Bool("hidden", default=True)])
def hide(ctx, args):
    """Hide a question from the room (hidden=false shows it again, on the list)."""
    q = question_arg(ctx, args["question_id"])
    if args["hidden"]:
        check("hide", q, "This question cannot be hidden now.")
        q.status = rules.HIDDEN
    else:
        check("show", q, "This question is not hidden.")
        q.status = rules.OPEN
    return Change(personal=askers(ctx, q))


@command(
    COMMANDS,
    "questions.merge",
    args=[QUESTION, Ids("duplicate_ids", "question", max_items=50, label="list of duplicates")],
)
def merge(ctx, args):
    """Fold duplicates into question_id: their votes add up (a phone counts once), every asker
    keeps seeing the question as theirs. Result {votes}."""
    target = question_arg(ctx, args["question_id"])
    if target.status not in (rules.OPEN, rules.ANSWERING):
        raise CommandError("Merge into a question that is on the list.", "conflict")
    dups = [question_arg(ctx, d) for d in sorted(args["duplicate_ids"])]
    if not dups or any(d.id == target.id for d in dups):
        raise CommandError("Pick other questions to merge into this one.", "invalid")
    for d in dups:
        check("merge", d, "Only a waiting, listed or hidden question can be merged.")
    dup_ids = [d.id for d in dups]
    already = set(
        db.session.scalars(
            select(QuestionVote.attendee_id).where(QuestionVote.question_id == target.id)
        )
    )
    for v in db.session.scalars(select(QuestionVote).where(QuestionVote.question_id.in_(dup_ids))):
        if v.attendee_id in already:
            db.session.delete(v)
        else:
            v.question_id = target.id
            already.add(v.attendee_id)
    # Duplicates merged earlier into one of these now point at the target too.
    db.session.execute(
        update(Question).where(Question.merged_into.in_(dup_ids)).values(merged_into=target.id)
    )
    for d in dups:
        d.status, d.merged_into = rules.MERGED, target.id
        target.carried_votes = (target.carried_votes or 0) + (d.carried_votes or 0)
        d.carried_votes = 0
    db.session.flush()
    return Change(personal=ALL, result={"votes": len(already) + target.carried_votes})


@command(COMMANDS, "questions.answer", args=[QUESTION])
def answer(ctx, args):
    """Pin this question as "answering now" (one at a time: a pinned one goes back on the list)."""
    q = question_arg(ctx, args["question_id"])
    check("answer", q, "Only a question on the list can be answered now.")
    before = db.session.scalars(
        select(Question).where(
            Question.segment_id == ctx.segment.id, Question.status == rules.ANSWERING
        )
    ).all()
    affected = askers(ctx, q)
    for b in before:
        b.status = rules.OPEN
        affected |= askers(ctx, b)
    q.status = rules.ANSWERING
    return Change(personal=affected)


@command(COMMANDS, "questions.answered", args=[QUESTION])
def answered(ctx, args):
    """The question was answered: it moves to the archive."""
    q = question_arg(ctx, args["question_id"])
    check("answered", q, "Only a listed or pinned question can be marked answered.")
    q.status, q.answered_at = rules.ANSWERED, ctx.now
    return Change(personal=askers(ctx, q))


@command(COMMANDS, "questions.floor", args=[Bool("open", default=True)])
def floor(ctx, args):
    """Open (open=true) or close the floor to new questions and hands, in the same segment."""
    floor_row(ctx, create=True).closed = not args["open"]
    return Change()


# Left out: unchanged (so no defaults here, unlike the settings).
OPTIONS = [
    Bool("moderated", required=False),
    Choice("names", NAMES.options, required=False),
    Bool("hands", required=False),
    Int("hand_minutes", HAND_MINUTES.lo, HAND_MINUTES.hi, required=False, label=HAND_MINUTES.label),
]


@command(COMMANDS, "questions.options", args=OPTIONS)
def options(ctx, args):
    """Change this segment's options while it runs (the ones left out stay)."""
    sent = {k: v for k, v in args.items() if v is not None}
    ctx.segment.settings = ctx.segment.settings | sent
    return Change(personal=ALL)


# ---------- the host: the speaking queue ----------


@command(COMMANDS, "questions.call", args=[Bool("start", default=True)])
def call(ctx, args):
    """The speaker (if any) is done; the first raised hand comes up with a short timer."""
    waiting, speaking = queue(rows(QuestionsHand, ctx.segment, fresh=True))
    if not waiting:
        raise CommandError("Nobody is waiting to speak.", "conflict")
    affected = {h.attendee_id for h in waiting}
    if speaking is not None:
        speaking.status, speaking.timer = DONE, clock.stop(speaking.timer, ctx.now)
        affected.add(speaking.attendee_id)
    nxt = waiting[0]
    nxt.status = SPEAKING
    timer = clock.new(hand_seconds(ctx.segment))
    nxt.timer = clock.start(timer, ctx.now) if args["start"] else timer
    return Change(personal=affected, result={"speaker": nxt.name})


@command(COMMANDS, "questions.done", args=())
def done(ctx, args):
    """The speaker is done (the next is called separately)."""
    _, speaking = queue(rows(QuestionsHand, ctx.segment, fresh=True))
    if speaking is None:
        raise CommandError("Nobody is speaking.", "conflict")
    speaking.status, speaking.timer = DONE, clock.stop(speaking.timer, ctx.now)
    return Change(personal={speaking.attendee_id})


@command(COMMANDS, "questions.extend", args=[Int("seconds", -600, 600, default=30)])
def extend(ctx, args):
    """More (or less) time for the speaker."""
    _, speaking = queue(rows(QuestionsHand, ctx.segment, fresh=True))
    if speaking is None:
        raise CommandError("Nobody is speaking.", "conflict")
    speaking.timer = clock.extend(speaking.timer, args["seconds"], ctx.now)
    return Change()


def forget_hands(ctx, removed):
    """Removed people leave the queue (what they asked stays, as everything people wrote)."""
    db.session.execute(
        delete(QuestionsHand).where(
            QuestionsHand.event_id == ctx.event.id,
            QuestionsHand.attendee_id.in_(removed),
            QuestionsHand.status == WAITING,
        )
    )


__all__ = ["COMMANDS", "forget_hands"]
