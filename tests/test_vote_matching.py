"""An icebreaker round matched by the answers to a vote question: "alike" puts people who
picked the same together, "mixed" keeps them apart; each phone is told why, and never what
the others picked unless the whole group picked it."""

import pytest

from tests.conftest import command
from tests.test_vote import PAPERS, add, latest


@pytest.fixture
def room(host, phone, sio):
    """Eight phones answered "Best vision paper": four ViT, four SAM; the icebreaker is next."""
    h = sio(host, "host")
    command(h, "agenda.add", {"kind": "vote", "title": "Poll", "minutes": 5})
    agenda = latest(h)["agenda"]
    vote_id = next(x["id"] for x in agenda if x["kind"] == "vote")
    ice_id = next(x["id"] for x in agenda if x["kind"] == "icebreaker")
    command(h, "agenda.goto", {"segment_id": vote_id})
    h.question = add(h, type="single", options=PAPERS)
    command(h, "vote.open", {})
    h.phones = {}
    for i in range(8):
        p = sio(phone(f"P{i}"), "attendee")
        pick = "ViT" if i % 2 else "SAM"
        assert command(p, "vote.cast", {"answer": pick})["ok"]
        h.phones[latest(p, "me")["id"]] = (p, pick)
    command(h, "vote.close", {})
    assert command(h, "agenda.goto", {"segment_id": ice_id})["ok"]
    return h


def groups_of(room):
    """{attendee id: (the phone's "me" view, its pick)} for every phone."""
    return {aid: (latest(p, "me")["kind"], pick) for aid, (p, pick) in room.phones.items()}


def test_alike_groups_people_who_picked_the_same(room):
    ack = command(room, "icebreaker.start_round", {"question_id": room.question, "match": "alike"})
    assert ack["ok"] and ack["matched"] == 8, ack
    seen = groups_of(room)
    for view, pick in seen.values():
        assert view["status"] == "grouped"
        assert view["reason"] == f"You all picked {pick}: what made you choose it?"
    by_sign = {}
    for view, pick in seen.values():
        by_sign.setdefault(view["sign"]["number"], set()).add(pick)
    assert all(len(picks) == 1 for picks in by_sign.values())


def test_mixed_groups_people_who_picked_differently(room):
    ack = command(room, "icebreaker.start_round", {"question_id": room.question, "match": "mixed"})
    assert ack["ok"], ack
    for view, _ in groups_of(room).values():
        assert view["reason"] == "You picked differently: talk about it."
        assert "ViT" not in view["reason"] and "SAM" not in view["reason"]


def test_a_plain_round_has_no_reason_and_bad_questions_are_refused(room):
    assert command(room, "icebreaker.start_round", {"question_id": 999})["code"] == "not_found"
    ack = command(room, "icebreaker.start_round", {"question_id": room.question, "match": "odd"})
    assert not ack["ok"]
    assert command(room, "icebreaker.start_round", {})["ok"]
    assert all(view["reason"] is None for view, _ in groups_of(room).values())


def test_the_host_panel_lists_the_questions_a_round_may_match_by(room):
    listed = latest(room)["host"]["kind"]["by_answers"]
    assert listed == [{"id": room.question, "title": "Best vision paper", "voters": 8}]


def test_forget_people_lets_go_of_their_ballots(room, app):
    from socialapp.events import find_event
    from socialapp.extensions import db
    from socialapp.kinds import vote
    from socialapp.kinds.base import Ctx
    from socialapp.kinds.vote.models import VoteBallot

    some = sorted(room.phones)[:2]
    with app.test_request_context():
        event = find_event(latest(room)["event"]["code"])
        vote.forget_people(Ctx(event, None, 0.0), set(some), None)
        db.session.commit()
        left = {b.attendee_id for b in db.session.query(VoteBallot)}
        assert left == set(room.phones) - set(some)
        vote.forget_people(Ctx(event, None, 0.0), set(), None, everyone=True)
        db.session.commit()
        assert db.session.query(VoteBallot).count() == 0
