"""The vote segment through Socket.IO and the command layer: questions, ballots one per
phone, open/close/reveal/next, bad input that changes nothing, and secrecy."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialapp import sweeper
from socialapp.extensions import db
from socialapp.kinds.vote.models import VoteBallot
from tests.conftest import command


def latest(client, name="state"):
    for m in client.get_received():
        if m["name"] in ("state", "me"):
            setattr(client, "latest_" + m["name"], m["args"][0])
    return getattr(client, "latest_" + name, None)


@pytest.fixture
def vote(host, sio):
    """The host's socket with a new vote segment live."""
    h = sio(host, "host")
    ack = command(h, "agenda.add", {"kind": "vote", "title": "Best papers", "minutes": 10})
    assert ack["ok"], ack
    seg = [x for x in latest(h)["agenda"] if x["kind"] == "vote"][0]
    assert command(h, "agenda.goto", {"segment_id": seg["id"]})["ok"]
    return h


@pytest.fixture
def phones(phone, sio, vote):
    def make(*names):
        return [sio(phone(n), "attendee") for n in names]

    return make


@pytest.fixture
def sweep(app):
    def run():
        with app.test_request_context():
            return sweeper.tick()

    return run


def add(h, **args):
    ack = command(h, "vote.add", {"title": "Best vision paper", **args})
    assert ack["ok"], ack
    return ack["question_id"]


def ballots_in(app):
    with app.app_context():
        return sorted(
            (b.question_id, b.attendee_id, b.answer_json) for b in db.session.query(VoteBallot)
        )


PAPERS = ["ViT", "CLIP", "SAM"]


def test_a_single_choice_question_runs_to_its_reveal(vote, phones, sio, sweep):
    q = add(vote, type="single", options=PAPERS)
    ada, bo, cy = phones("Ada", "Bo", "Cy")
    room = sio(None, "display")
    assert command(vote, "vote.open", {})["ok"]
    for p, pick in ((ada, "ViT"), (bo, "ViT"), (cy, "SAM")):
        assert command(p, "vote.cast", {"answer": pick})["ok"]
    sweep()  # the room's count follows within a sweep
    s = latest(room)
    assert s["kind"]["question"]["voters"] == 3 and s["kind"]["result"] is None
    hv = latest(vote)["host"]["kind"]["questions"][0]
    assert hv["result"]["all"]["winners"] == ["ViT"]
    assert command(vote, "vote.reveal", {"question_id": q})["ok"]
    r = latest(room)["kind"]["result"]["all"]
    assert r["winners"] == ["ViT"] and r["summary"][0] == "ViT wins with 2 votes from 3 ballots."
    assert latest(ada, "me")["kind"]["ballots"] == {str(q): "ViT"}


def test_a_ballot_changes_until_close_and_locked_first_answers_do_not(vote, phones, app):
    add(vote, type="single", options=PAPERS)
    locked = add(vote, title="Locked", type="single", options=PAPERS, lock_first=True)
    (ada,) = phones("Ada")
    command(vote, "vote.open", {})
    assert command(ada, "vote.cast", {"answer": "ViT"})["ok"]
    assert command(ada, "vote.cast", {"answer": "SAM"})["ok"]
    assert [b[2] for b in ballots_in(app)] == ['"SAM"']  # one ballot, changed
    command(vote, "vote.close", {})
    before = ballots_in(app)
    ack = command(ada, "vote.cast", {"answer": "CLIP"})
    assert ack["code"] == "conflict" and ballots_in(app) == before
    assert command(vote, "vote.next", {})["ok"]
    assert command(ada, "vote.cast", {"question_id": locked, "answer": "CLIP"})["ok"]
    ack = command(ada, "vote.cast", {"question_id": locked, "answer": "ViT"})
    assert not ack["ok"] and "first answer" in ack["error"]


BAD = [
    ({"answer": ["Nope"]}, "no option"),
    ({"answer": "ViT"}, "as a list"),
    ({"answer": ["ViT", "ViT"]}, "more than once"),
    ({"answer": ["ViT", None]}, "malformed"),
    ({"answer": ["ViT", ""]}, "empty"),
    ({"answer": {"a": 1}}, "malformed"),
    ({"answer": ["x" * 30] * 200}, "malformed"),
    ({"answer": "ViT", "who": 3}, "Unexpected field"),
    ({"answer": "ViT", "question_id": 999}, "Unknown question"),
    ({}, "malformed"),
]


@pytest.mark.parametrize("args,words", BAD)
def test_bad_ballots_change_nothing(vote, phones, app, args, words):
    add(vote, type="ranked", options=PAPERS, rank_all=False)
    command(vote, "vote.open", {})
    (ada,) = phones("Ada")
    ack = command(ada, "vote.cast", args)
    assert not ack["ok"] and words in ack["error"], ack
    assert ballots_in(app) == []


def test_ranked_ballots_missing_options_when_all_must_be_ranked(vote, phones, app):
    add(vote, type="ranked", options=PAPERS, rank_all=True, method="irv")
    command(vote, "vote.open", {})
    (ada,) = phones("Ada")
    ack = command(ada, "vote.cast", {"answer": ["ViT"]})
    assert "still missing" in ack["error"] and ballots_in(app) == []
    assert command(ada, "vote.cast", {"answer": ["SAM", "ViT", "CLIP"]})["ok"]


def test_the_projector_and_the_host_cannot_vote(vote, sio, app):
    add(vote, type="single", options=PAPERS)
    command(vote, "vote.open", {})
    assert command(vote, "vote.cast", {"answer": "ViT"})["code"] == "forbidden"
    assert command(sio(None, "display"), "vote.cast", {"answer": "ViT"})["ok"] is False
    assert ballots_in(app) == []


def test_a_draft_takes_no_ballot_and_phones_cannot_run_the_vote(vote, phones, app):
    add(vote, type="single", options=PAPERS)
    (ada,) = phones("Ada")
    assert command(ada, "vote.cast", {"answer": "ViT"})["code"] == "conflict"
    assert command(ada, "vote.open", {})["code"] == "forbidden"
    assert command(ada, "vote.reveal", {})["code"] == "forbidden"


@pytest.mark.parametrize(
    "args,words",
    [
        ({"type": "single", "options": ["Only one"]}, "2 to 50 options"),
        ({"type": "single", "options": ["A", "a"]}, "the same"),
        ({"type": "poll", "options": PAPERS}, "question type"),
        ({"type": "approval", "options": PAPERS, "max_approvals": 9}, "between 1 and 3"),
        ({"type": "single", "options": PAPERS, "source": "nothing"}, "not in this event"),
        ({"type": "single", "options": PAPERS, "title": ""}, "question"),
        ({"type": "scale", "scale_max": 7}, "1 to 5 or from 1 to 10"),
    ],
)
def test_bad_questions_are_refused(vote, args, words):
    ack = command(vote, "vote.add", {"title": "Q", **args})
    assert not ack["ok"] and words in ack["error"], ack
    assert latest(vote)["host"]["kind"]["questions"] == []


def test_options_are_frozen_once_ballots_are_in(vote, phones):
    q = add(vote, type="single", options=PAPERS)
    command(vote, "vote.open", {})
    (ada,) = phones("Ada")
    command(ada, "vote.cast", {"answer": "ViT"})
    ack = command(vote, "vote.edit", {"question_id": q, "options": ["A", "B"]})
    assert ack["code"] == "conflict"
    assert command(vote, "vote.edit", {"question_id": q, "title": "Best paper, vision"})["ok"]
    assert command(vote, "vote.remove", {"question_id": q})["code"] == "conflict"


def test_live_results_show_counts_while_open(vote, phones, sio, sweep):
    add(vote, type="scale", scale_max=5, live_results=True)
    command(vote, "vote.open", {})
    (ada, bo) = phones("Ada", "Bo")
    command(ada, "vote.cast", {"answer": 4})
    command(bo, "vote.cast", {"answer": 2})
    sweep()
    r = latest(sio(None, "display"))["kind"]["result"]["all"]
    assert r["mean"] == 3 and r["ballots"] == 2


def test_words_count_together_and_open_answers_wait_for_a_pick(vote, phones, sio):
    add(vote, type="words", max_answers=2)
    text = add(vote, title="Say it", type="text")
    ada, bo = phones("Ada", "Bo")
    command(vote, "vote.open", {})
    assert command(ada, "vote.cast", {"answer": ["RLHF", "bias"]})["ok"]
    assert command(bo, "vote.cast", {"answer": ["rlhf!"]})["ok"]
    command(vote, "vote.reveal", {})
    room = sio(None, "display")
    words = latest(room)["kind"]["result"]["all"]["words"]
    assert words[0]["count"] == 2 and words[0]["key"] == "rlhf"
    command(vote, "vote.next", {})
    command(ada, "vote.cast", {"answer": "Great night"})
    command(bo, "vote.cast", {"answer": "<b>Loud</b>"})
    command(vote, "vote.reveal", {})
    assert latest(room)["kind"]["result"]["all"]["answers"] == []
    assert (
        command(vote, "vote.pick", {"question_id": text, "text": "Nobody said", "on": True})["code"]
        == "not_found"
    )
    assert command(vote, "vote.pick", {"question_id": text, "text": "<b>Loud</b>", "on": True})[
        "ok"
    ]
    assert latest(room)["kind"]["result"]["all"]["answers"] == [{"text": "<b>Loud</b>"}]


def test_judges_are_counted_apart(vote, phones, sweep):
    add(vote, type="single", options=PAPERS)
    ada, bo, cy = phones("Ada", "Bo", "Cy")
    cy_id = latest(cy, "me")["id"]
    assert command(vote, "vote.judges", {"attendee_ids": [cy_id], "on": True})["ok"]
    assert latest(cy, "me")["kind"]["judge"] is True
    command(vote, "vote.open", {})
    for p, pick in ((ada, "ViT"), (bo, "ViT"), (cy, "SAM")):
        command(p, "vote.cast", {"answer": pick})
    assert sweep() == 1  # the host's live counts follow within a sweep
    res = latest(vote)["host"]["kind"]["questions"][0]["result"]
    assert res["groups"]["judges"]["winners"] == ["SAM"]
    assert res["groups"]["audience"]["winners"] == ["ViT"]
    assert res["all"]["ballots"] == 3
    assert latest(vote)["host"]["kind"]["judges"] == [{"id": cy_id, "label": "Cy"}]


def test_a_reconnecting_phone_sees_its_own_ballot(vote, phone, sio):
    q = add(vote, type="approval", options=PAPERS)
    command(vote, "vote.open", {})
    ada = phone("Ada")
    first = sio(ada, "attendee")
    assert command(first, "vote.cast", {"answer": ["SAM", "ViT"]})["ok"]
    first.disconnect()
    again = sio(ada, "attendee")
    assert latest(again, "me")["kind"]["ballots"] == {str(q): ["ViT", "SAM"]}


def no_person_with_an_answer(payload, ids):
    """No dict anywhere in the payload holds an attendee id next to an answer."""
    if isinstance(payload, dict):
        keys = set(payload)
        assert not ({"attendee", "attendee_id", "who", "voter"} & keys), keys
        for value in payload.values():
            no_person_with_an_answer(value, ids)
    elif isinstance(payload, list):
        for value in payload:
            no_person_with_an_answer(value, ids)


def test_secrecy_no_state_or_export_pairs_a_person_with_an_answer(vote, phones, sio, host, sweep):
    add(vote, type="ranked", options=PAPERS)
    room = sio(None, "display")
    people = phones("Ada", "Bo", "Cy")
    command(vote, "vote.open", {})
    for p, ranking in zip(people, (["ViT"], ["SAM", "CLIP"], ["CLIP", "ViT", "SAM"]), strict=True):
        command(p, "vote.cast", {"answer": ranking})
    sweep()
    for p in people:
        s = latest(p)
        assert s["kind"]["result"] is None and "pairwise" not in json.dumps(s["kind"])
        assert set(latest(p, "me")["kind"]) == {"ballots", "judge"}
    public = latest(room)["kind"]
    assert public["result"] is None and "ViT wins" not in json.dumps(public)
    names = {"Ada", "Bo", "Cy"}
    host_kind = latest(vote)["host"]["kind"]
    no_person_with_an_answer(host_kind, names)
    assert not names & set(json.dumps(host_kind["questions"]).split('"'))
    for fmt in ("md", "csv"):
        body = host.get(f"/e/{latest(vote)['event']['code']}/vote/export.{fmt}").get_data(True)
        assert "Best vision paper" in body and not any(n in body for n in names)


def test_exports_are_for_the_host_only(vote, client, phone):
    add(vote, type="single", options=PAPERS)
    code = latest(vote)["event"]["code"]
    assert client.get(f"/e/{code}/vote/export.csv").status_code == 403
    assert phone("Eve").get(f"/e/{code}/vote/export.md").status_code == 403


def test_options_can_come_from_the_evening_through_kind_hooks(vote):
    wall = [x for x in latest(vote)["agenda"] if x["kind"] == "wall"][0]
    for title in ("Data", "Ethics", "Compute"):
        ack = command(vote, "wall.theme_add", {"segment_id": wall["id"], "title": title})
        assert ack["ok"], ack
    command(vote, "vote.add", {"title": "Warm up", "type": "single", "options": ["A", "B"]})
    sources = latest(vote)["host"]["kind"]["sources"]
    themes = next(s for s in sources if s["count"] == 3)
    q = add(vote, title="Which theme next?", type="approval", source=themes["key"])
    found = next(x for x in latest(vote)["host"]["kind"]["questions"] if x["id"] == q)
    assert [o["label"] for o in found["options"]] == ["Data", "Ethics", "Compute"]


def test_the_best_papers_template_seeds_its_categories_from_the_talks(app, host, sio):
    with app.app_context():
        from socialapp.events import create_event

        ev = create_event("Best-paper night", "best-papers")
        code, key = ev.code, ev.host_key
    h = app.test_client()
    h.get(f"/e/{code}/host?key={key}")
    hs = sio(h, "host", code=code)
    agenda = latest(hs)["agenda"]
    mic, vote_seg = (next(x for x in agenda if x["kind"] == k) for k in ("open_mic", "vote"))
    command(hs, "agenda.goto", {"segment_id": mic["id"]})
    for name, title in (("Ada", "Attention, again"), ("Bo", "Tiny models")):
        command(hs, "open_mic.add", {"name": name, "title": title})
        command(hs, "open_mic.draw", {})
        command(hs, "open_mic.next", {"start": True})
    command(hs, "open_mic.end", {})
    assert command(hs, "agenda.goto", {"segment_id": vote_seg["id"]})["ok"]
    qs = latest(hs)["host"]["kind"]["questions"]
    assert [q["title"] for q in qs] == [
        "Best talk of the night",
        "Which idea will matter most in five years?",
        "How useful was tonight?",
    ]
    assert [o["label"] for o in qs[0]["options"]] == ["Ada: Attention, again", "Bo: Tiny models"]
    command(hs, "agenda.goto", {"segment_id": mic["id"]})
    command(hs, "agenda.goto", {"segment_id": vote_seg["id"]})  # live again: not seeded twice
    assert len(latest(hs)["host"]["kind"]["questions"]) == 3


def test_preset_questions_are_checked_with_the_segment_settings(vote):
    seg = latest(vote)["live"]["id"]
    bad = {"questions": [{"title": "Q", "type": "single", "options": ["only"]}]}
    ack = command(vote, "agenda.update", {"segment_id": seg, "settings": bad})
    assert not ack["ok"] and "2 to 50 options" in ack["error"]
    good = {"questions": [{"title": "Q", "type": "scale"}]}
    assert command(vote, "agenda.update", {"segment_id": seg, "settings": good})["ok"]


# ---------- fuzz: any answer, any question spec: a clear error or a clean ballot ----------


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 12), st.floats(allow_nan=True), st.text(max_size=50)
)
answers = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=8) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(
    kind=st.sampled_from(["single", "approval", "ranked", "scale", "words", "text"]), answer=answers
)
def test_fuzz_ballots_never_break_and_refusals_change_nothing(vote, phones, app, kind, answer):
    if not hasattr(vote, "phone"):
        vote.phone = phones("Fuzzy")[0]
        vote.qs = {}
    if kind not in vote.qs:
        extra = {"options": PAPERS} if kind in ("single", "approval", "ranked") else {}
        vote.qs[kind] = add(vote, title=kind, type=kind, **extra)
    command(vote, "vote.open", {"question_id": vote.qs[kind]})
    before = ballots_in(app)
    ack = command(vote.phone, "vote.cast", {"question_id": vote.qs[kind], "answer": answer})
    assert isinstance(ack, dict) and ack.get("code") != "server", ack
    if not ack["ok"]:
        assert isinstance(ack["error"], str) and ack["error"] and ballots_in(app) == before


@FUZZ
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "type",
                "options",
                "method",
                "rank_all",
                "max_approvals",
                "scale_max",
                "max_answers",
                "source",
                "title",
            ]
        ),
        answers | st.sampled_from(["ranked", "irv", 5, 10, 3]),
        max_size=6,
    )
)
def test_fuzz_questions_never_break(vote, fields):
    ack = command(vote, "vote.add", {"title": "Q", **fields})
    assert isinstance(ack, dict) and ack.get("code") != "server", ack
