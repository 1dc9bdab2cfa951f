"""Questions from the floor under any sequence of commands (hypothesis): whatever phones and
the host send, in any order, the rules hold: a refused command changes nothing, a vote counts
once per phone, merged questions hold no votes and point at a listed question, at most one
question is being answered, and every phone's view agrees with the rows."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from socialapp import commands, ratelimit
from socialapp.core import questions as rules
from socialapp.events import create_event, join
from socialapp.extensions import db
from socialapp.kinds import KINDS
from socialapp.kinds.base import Ctx
from socialapp.kinds.questions.models import Question, QuestionVote
from tests.dbsnapshot import snapshot

PHONES = 3
QUESTION = st.integers(0, 3)  # an index into this segment's questions (4+: unknown)
ASK = st.tuples(
    st.just("ask"), st.integers(0, PHONES - 1), st.sampled_from(["Why?", "How?", "", "x" * 281])
)
VOTE = st.tuples(st.just("vote"), st.integers(0, PHONES - 1), QUESTION)
HOST = st.tuples(
    st.sampled_from(["approve", "hide", "show", "answer", "answered"]), st.just(None), QUESTION
)
ACTIONS = st.one_of(
    ASK,
    VOTE,
    HOST,
    st.tuples(st.just("merge"), QUESTION, st.lists(QUESTION, min_size=1, max_size=3)),
    st.tuples(st.just("hand"), st.integers(0, PHONES - 1), st.booleans()),
    st.tuples(st.sampled_from(["call", "done", "close", "open"]), st.just(None), st.just(None)),
)
ASK_OK = st.tuples(st.just("ask"), st.integers(0, PHONES - 1), st.sampled_from(["Why?", "How?"]))
# Every example starts with a few questions on the floor, so the rest has something to act on.
SEQUENCES = st.tuples(
    st.lists(ASK_OK, min_size=2, max_size=5), st.lists(st.one_of(VOTE, ACTIONS), max_size=30)
)


def segment_questions(segment_id):
    query = select(Question).where(Question.segment_id == segment_id).order_by(Question.id)
    return db.session.scalars(query.execution_options(populate_existing=True)).all()


def payload(action, who, what, qids, phones):
    """(role, attendee id, command, args) for one drawn action; indexes pick this segment's
    questions (a wrong index gives an unknown id)."""
    pick = lambda i: qids[i] if i < len(qids) else 999_999  # noqa: E731
    if action == "ask":
        return "attendee", phones[who], "questions.ask", {"text": what}
    if action == "vote":
        return "attendee", phones[who], "questions.vote", {"question_id": pick(what)}
    if action == "hand":
        return "attendee", phones[who], "questions.hand", {"up": what}
    if action == "merge":
        return (
            "host",
            None,
            "questions.merge",
            {
                "question_id": pick(who),
                "duplicate_ids": [pick(i) for i in what],
            },
        )
    if action in ("close", "open"):
        return "host", None, "questions.floor", {"open": action == "open"}
    if action in ("call", "done"):
        return "host", None, "questions." + action, {}
    if action == "show":
        return "host", None, "questions.hide", {"question_id": pick(what), "hidden": False}
    return "host", None, "questions." + action, {"question_id": pick(what)}


def check_rules(event_id, segment_id, phones):
    qs = segment_questions(segment_id)
    by_id = {q.id: q for q in qs}
    votes = db.session.scalars(select(QuestionVote).where(QuestionVote.segment_id == segment_id))
    pairs = [(v.question_id, v.attendee_id) for v in votes]
    assert len(pairs) == len(set(pairs))  # one vote per phone and question
    for qid, _ in pairs:
        assert by_id[qid].status in (rules.OPEN, rules.ANSWERING, rules.ANSWERED, rules.HIDDEN)
    for q in qs:
        if q.status == rules.MERGED:
            assert by_id[q.merged_into].merged_into is None
            assert by_id[q.merged_into].status != rules.MERGED
    assert sum(q.status == rules.ANSWERING for q in qs) <= 1
    # What the phones see agrees with the rows.
    from socialapp.models import Attendee, Event, Segment

    event, segment = db.session.get(Event, event_id), db.session.get(Segment, segment_id)
    kind = KINDS["questions"]
    ctx = Ctx(event, segment, now=0.0)
    public = kind.public_view(ctx)
    listed = [q for q in qs if q.status == rules.OPEN]
    assert public["total"] == len(listed)
    counts = {q["id"]: q["votes"] for q in public["questions"]}
    for qid, n in counts.items():
        assert n == sum(1 for p in pairs if p[0] == qid)
    assert [q["votes"] for q in public["questions"]] == sorted(counts.values(), reverse=True)
    for aid in phones:
        me = kind.personal_view(ctx, db.session.get(Attendee, aid))
        assert sorted(me["voted"]) == sorted(q for q, a in pairs if a == aid)
        theirs = {q.merged_into or q.id for q in qs if q.attendee_id == aid}
        assert {a["id"] for a in me["asked"]} == theirs


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seq=SEQUENCES, moderated=st.booleans())
def test_any_sequence_of_commands_keeps_the_rules(app, monkeypatch, seq, moderated):
    actions = seq[0] + seq[1]
    monkeypatch.setattr(ratelimit, "check", lambda *a: None)
    with app.test_request_context():
        ev = create_event("Rules")
        phones = [join(ev, f"P{i}").id for i in range(PHONES)]
        db.session.commit()
        event_id = ev.id
        settings_ = {"moderated": moderated, "hands": True}
        add = {"kind": "questions", "title": "Q", "minutes": 10, "settings": settings_}
        seg = commands.run(event_id, "host", None, "agenda.add", add)
        assert seg["ok"], seg
        segment_id = max(s.id for s in ev.segments)
        assert commands.run(event_id, "host", None, "agenda.goto", {"segment_id": segment_id})["ok"]
        for action, who, what in actions:
            qids = [q.id for q in segment_questions(segment_id)]
            role, aid, name, args = payload(action, who, what, qids, phones)
            before = snapshot(ignore=("attendee",))
            ack = commands.run(event_id, role, aid, name, args)
            assert ack.get("code") != "server", ack
            if not ack["ok"]:
                assert snapshot(ignore=("attendee",)) == before, (name, args, ack)
            check_rules(event_id, segment_id, phones)
