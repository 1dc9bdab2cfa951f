"""The vote segment kind: polls, rankings, word clouds and best-paper ballots, hidden until
the reveal.

A vote segment holds questions the host steps through (open, close, reveal, next). Phones
cast one ballot each per question (changeable until it closes, unless first answers are
locked). While a question is open the room sees only how many have voted; the host sees the
live count; the reveal shows the result. Nothing sent to anyone, host included, says who
voted what: results are counts (socialapp/core/counting.py).

This module is the descriptor: settings, views and hooks; reading.py holds the reads,
commands.py the commands, web.py the exports.
"""

from collections import defaultdict

from sqlalchemy import delete, select

from ...core import ballots
from ...errors import CommandError
from ...extensions import db
from ...models import Attendee
from . import commands
from .commands import COMMANDS
from .models import VoteBallot, VoteJudge, VoteQuestion
from .reading import board, brief, current, judges, questions, result, sources, voters
from .report import section as report_section

KIND = "vote"
LABEL = "Vote"
ORDER = 35


def default_settings():
    return {"questions": []}


def clean_settings(raw):
    """{"questions": [...]}: questions the segment starts with (an agenda template's
    categories), each {"title", "type", "options"?, "source"?, ...} as vote.add takes them."""
    raw = dict(raw or {})
    found = raw.get("questions", [])
    if not isinstance(found, list) or len(found) > commands.MAX_QUESTIONS:
        raise CommandError(f"A vote starts with at most {commands.MAX_QUESTIONS} questions.")
    return {"questions": [commands.preset(q) for q in found]}


def on_start(ctx):
    """The first time the segment goes live, its preset questions are written in; a question
    taking its options from the evening (the talks given) reads them now."""
    if questions(ctx.segment):
        return None
    for preset in ctx.segment.settings.get("questions", []):
        try:
            commands.add(ctx, commands.add_args(preset))
        except CommandError:
            continue  # e.g. no talks were given: the host adds the question by hand
    return None


def shows_result(q):
    return q.state == "revealed" or (q.live_results and q.state in ("open", "closed"))


def public_result(q, found):
    """What the room sees of a result: open answers only once the host picked them."""
    if q.spec["type"] != "text":
        return found
    whole = found["all"]
    picked = q.picked if q.state == "revealed" else []
    return {
        "all": {k: whole[k] for k in ("type", "method", "method_label", "ballots")}
        | {"summary": whole["summary"][:1], "answers": [{"text": t} for t in picked]}
    }


def public_view(ctx):
    """The question on screen, how many voted, and its result only when shown."""
    qs = questions(ctx.segment)
    q = current(ctx, qs)
    view = {"total": len(qs), "index": qs.index(q) if q else None, "question": None}
    if q is not None:
        view["question"] = brief(q, voters(q.id))
        view["result"] = (
            public_result(q, result(q, judges(ctx.segment))) if shows_result(q) else None
        )
    return view


def host_view(ctx):
    """Every question with its live counts (Schulze table, IRV rounds) and who is a judge."""
    qs = questions(ctx.segment)
    q = current(ctx, qs)
    jids = judges(ctx.segment)
    names = (
        db.session.execute(select(Attendee).where(Attendee.id.in_(jids))).scalars() if jids else []
    )
    return {
        "current": q.id if q else None,
        "questions": [
            brief(x, voters(x.id)) | {"result": result(x, jids), "picked": x.picked} for x in qs
        ],
        "sources": [
            {"key": s["key"], "label": s["label"], "count": len(s["options"])}
            for s in sources(ctx.event)
        ],
        "judges": sorted(({"id": a.id, "label": a.label} for a in names), key=lambda j: j["label"]),
    }


def personal_views(ctx, attendees):
    """This phone's own ballots ({question id: answer}) and whether it judges: two queries for
    the whole room."""
    ids = [a.id for a in attendees]
    mine = defaultdict(dict)
    qids = [q.id for q in questions(ctx.segment)]
    if qids and ids:
        rows = db.session.execute(
            select(VoteBallot.attendee_id, VoteBallot.question_id, VoteBallot.answer_json).where(
                VoteBallot.question_id.in_(qids), VoteBallot.attendee_id.in_(ids)
            )
        )
        for who, qid, answer in rows:
            mine[who][str(qid)] = VoteBallot(answer_json=answer).answer
    jids = judges(ctx.segment)
    return {i: {"ballots": mine[i], "judge": i in jids} for i in ids}


def personal_view(ctx, attendee):
    return personal_views(ctx, [attendee])[attendee.id]


def due(ctx):
    """The room's voter count is behind the ballots (sent at most once a sweep)."""
    q = current(ctx)
    row = board(ctx)
    return (
        q is not None
        and q.state == "open"
        and row is not None
        and (voters(q.id) != row.shown_voters)
    )


def on_sweep(ctx):
    from ..base import Change

    q = current(ctx)
    board(ctx, create=True).shown_voters = voters(q.id)
    return Change()


def on_people_removed(ctx, removed):
    """Removed people (a spammer, a fake) count for nothing: their ballots on questions not
    yet revealed are taken out, and they judge no more."""
    open_ids = select(VoteQuestion.id).where(
        VoteQuestion.event_id == ctx.event.id, VoteQuestion.state != "revealed"
    )
    db.session.execute(
        delete(VoteBallot).where(
            VoteBallot.attendee_id.in_(removed), VoteBallot.question_id.in_(open_ids)
        )
    )
    db.session.execute(delete(VoteJudge).where(VoteJudge.attendee_id.in_(removed)))


def answer_questions(event):
    """Questions of this event an icebreaker may match by (it looks for this hook): those with
    ballots, whose answers can be compared: [{"id", "title", "voters"}]."""
    found = []
    for q in db.session.scalars(
        select(VoteQuestion)
        .where(VoteQuestion.event_id == event.id)
        .order_by(VoteQuestion.segment_id, VoteQuestion.position, VoteQuestion.id)
    ):
        count = voters(q.id)
        if count and q.spec["type"] != "text":
            found.append({"id": q.id, "title": q.title, "voters": count})
    return found


def answers_for(event, question_id):
    """For an icebreaker matched by answers (it looks for this hook): {"title", "answers":
    {attendee id: what matching compares}, "labels": {that: words}}, or None when the
    question is not this event's or its answers cannot be compared (open text). Used for
    grouping only: what the phones are told is the icebreaker's answer_reasons.explain, which never
    says who picked what unless the whole group picked it."""
    q = db.session.get(VoteQuestion, question_id) if isinstance(question_id, int) else None
    if q is None or q.event_id != event.id or q.spec["type"] == "text":
        return None
    spec, labels = q.spec, {}
    names = {o["id"]: o["label"] for o in spec.get("options", ())}
    answers = {}
    rows = db.session.execute(
        select(VoteBallot.attendee_id, VoteBallot.answer_json).where(VoteBallot.question_id == q.id)
    )
    for who, raw in rows:
        answer = VoteBallot(answer_json=raw).answer
        key = ballots.answer_key(spec, answer)
        answers[who] = key
        if spec["type"] == "approval":
            labels[key] = " + ".join(names[i] for i in key)
        elif spec["type"] == "words":
            labels.setdefault(key, answer[0])
        else:
            labels[key] = names.get(key, str(key))
    return {"title": q.title, "answers": answers, "labels": labels}


def forget_people(ctx, ids, keeper, everyone=False):
    """Let go of these people's personal data (the privacy layer: self-removal and the purge):
    their ballots (what they voted) and their judge marks; with everyone, all of the event's.
    Counts already exported or in the host's report stay as they were."""
    questions_here = select(VoteQuestion.id).where(VoteQuestion.event_id == ctx.event.id)
    ballots_ = delete(VoteBallot).where(VoteBallot.question_id.in_(questions_here))
    judges_ = delete(VoteJudge).where(
        VoteJudge.segment_id.in_(
            select(VoteQuestion.segment_id).where(VoteQuestion.event_id == ctx.event.id)
        )
    )
    if not everyone:
        ballots_ = ballots_.where(VoteBallot.attendee_id.in_(list(ids)))
        judges_ = judges_.where(VoteJudge.attendee_id.in_(list(ids)))
    db.session.execute(ballots_)
    db.session.execute(judges_)


def blueprints():
    from .web import bp

    return [bp]


def exports(event, attendee=None):
    """The host's take-home files of the votes (the core's "Take home" list)."""
    from .web import take_home

    return take_home(event, attendee)


def report_part(event):
    """The votes in the host's report (export.py, which reads this package's KIND)."""
    from .export import report_part as part

    return part(event)


__all__ = [
    "KIND", "LABEL", "ORDER", "COMMANDS", "default_settings", "clean_settings",
    "public_view", "host_view", "personal_view", "personal_views", "due", "on_sweep", "on_start",
    "on_people_removed", "answer_questions", "answers_for", "forget_people", "blueprints",
    "report_part", "report_section", "exports",
]  # fmt: skip
