"""The questions segment through Socket.IO and the command layer: asking, voting, the order,
pre-moderation, hide, merge, answering now, the archive, the floor, the hand-raise queue, roles
and bad input (which changes nothing)."""

import pytest

from socialapp import ratelimit
from socialapp.extensions import db
from socialapp.kinds.questions.models import Question, QuestionVote
from tests.conftest import command


def recv(client):
    for m in client.get_received():
        if m["name"] in ("state", "me"):
            setattr(client, "latest_" + m["name"], m["args"][0])


def kind(client):
    recv(client)
    return client.latest_state["kind"]


def host_kind(client):
    recv(client)
    return client.latest_state["host"]["kind"]


def mine(client):
    recv(client)
    return client.latest_me["kind"]


def ok(client, name, args=None):
    ack = command(client, name, args)
    assert ack["ok"], (name, args, ack)
    return ack


def refused(client, name, args=None, code=None):
    ack = command(client, name, args)
    assert not ack["ok"], (name, args, ack)
    assert code is None or ack["code"] == code, ack
    return ack


@pytest.fixture(autouse=True)
def no_rate_limit(monkeypatch):
    monkeypatch.setattr(ratelimit, "check", lambda *a: None)


@pytest.fixture
def floor(host, sio):
    """Factory: the host's socket with a new questions segment live, with these settings."""

    def make(**settings):
        h = sio(host, "host")
        ack = ok(
            h,
            "agenda.add",
            {"kind": "questions", "title": "Q&A", "minutes": 15, "settings": settings},
        )
        recv(h)
        seg = [x for x in h.latest_state["agenda"] if x["kind"] == "questions"][-1]
        ok(h, "agenda.goto", {"segment_id": seg["id"]})
        assert ack["ok"]
        recv(h)
        return h

    return make


@pytest.fixture
def phones(phone, sio):
    def make(*names):
        out = []
        for name in names:
            p = sio(phone(name), "attendee")
            recv(p)
            out.append(p)
        return out

    return make


def snapshot(app):
    """Every row of the kind, to prove a refused command changed nothing."""
    with app.app_context():
        qs = [
            (q.id, q.status, q.merged_into, q.text) for q in db.session.scalars(db.select(Question))
        ]
        vs = sorted(
            (v.question_id, v.attendee_id) for v in db.session.scalars(db.select(QuestionVote))
        )
        return qs, vs


def test_ask_vote_and_the_list_sorts_itself(floor, phones):
    h = floor()
    ada, bob, cy = phones("Ada", "Bob", "Cy")
    first = ok(ada, "questions.ask", {"text": "  What   about  <b>GPUs</b>? "})["question_id"]
    second = ok(bob, "questions.ask", {"text": "Will slides be shared?", "anonymous": True})[
        "question_id"
    ]
    k = kind(cy)
    # Same votes (none): the newest first. Text is plain, stored as typed (trimmed), never HTML.
    assert [q["id"] for q in k["questions"]] == [second, first]
    assert k["questions"][1]["text"] == "What about <b>GPUs</b>?"
    assert k["questions"][0]["name"] == "" and k["questions"][1]["name"] == "Ada"
    assert ok(cy, "questions.vote", {"question_id": first})["voted"] is True
    assert [q["id"] for q in kind(cy)["questions"]] == [first, second]
    assert mine(cy)["voted"] == [first]
    assert [a["id"] for a in mine(ada)["asked"]] == [first]
    # A second tap takes it back.
    assert ok(cy, "questions.vote", {"question_id": first})["voted"] is False
    assert mine(cy)["voted"] == [] and kind(cy)["questions"][1]["votes"] == 0
    assert kind(h)["total"] == 2


def test_the_segment_may_force_names_or_anonymity(floor, phones):
    floor(names="anonymous")
    (ada,) = phones("Ada")
    ok(ada, "questions.ask", {"text": "Hello?", "anonymous": False})
    assert kind(ada)["questions"][0]["name"] == ""


def test_pre_moderation_the_host_approves(floor, phones):
    h = floor(moderated=True)
    ada, bob = phones("Ada", "Bob")
    ack = ok(ada, "questions.ask", {"text": "Is this moderated?"})
    assert ack["status"] == "pending"
    assert kind(bob)["questions"] == []
    assert mine(ada)["asked"][0]["status"] == "pending"
    refused(bob, "questions.vote", {"question_id": ack["question_id"]}, "conflict")
    ok(h, "questions.approve", {"question_id": ack["question_id"]})
    assert [q["text"] for q in kind(bob)["questions"]] == ["Is this moderated?"]


def test_hide_and_show_again(floor, phones):
    h = floor()
    (ada,) = phones("Ada")
    qid = ok(ada, "questions.ask", {"text": "Spam spam"})["question_id"]
    ok(h, "questions.hide", {"question_id": qid})
    assert kind(ada)["questions"] == [] and host_kind(h)["hidden"]
    ok(h, "questions.hide", {"question_id": qid, "hidden": False})
    assert len(kind(ada)["questions"]) == 1


def test_merge_adds_votes_as_a_union_and_keeps_every_asker(floor, phones):
    h = floor()
    ada, bob, cy, di = phones("Ada", "Bob", "Cy", "Di")
    keep = ok(ada, "questions.ask", {"text": "Will the code be open source?"})["question_id"]
    dup = ok(bob, "questions.ask", {"text": "Is the code on GitHub?"})["question_id"]
    for p in (cy, di):
        ok(p, "questions.vote", {"question_id": dup})
    ok(cy, "questions.vote", {"question_id": keep})
    assert ok(h, "questions.merge", {"question_id": keep, "duplicate_ids": [dup]})["votes"] == 2
    k = kind(di)
    assert [(q["id"], q["votes"], q["merged"]) for q in k["questions"]] == [(keep, 2, 1)]
    # Bob asked the duplicate: his phone lists the kept question as his.
    assert [a["id"] for a in mine(bob)["asked"]] == [keep]
    assert mine(di)["voted"] == [keep] and mine(cy)["voted"] == [keep]
    # Answering it tells both askers.
    ok(h, "questions.answer", {"question_id": keep})
    assert mine(bob)["up"] and mine(ada)["up"] and not mine(cy)["up"]
    assert kind(cy)["answering"]["id"] == keep


def test_answering_now_then_the_archive(floor, phones):
    h = floor()
    ada, bob = phones("Ada", "Bob")
    a = ok(ada, "questions.ask", {"text": "First?"})["question_id"]
    b = ok(bob, "questions.ask", {"text": "Second?"})["question_id"]
    ok(h, "questions.answer", {"question_id": a})
    assert mine(ada)["up"] and not mine(bob)["up"]
    assert [q["id"] for q in kind(h)["questions"]] == [b]
    # Pinning another one puts the first back on the list.
    ok(h, "questions.answer", {"question_id": b})
    assert kind(h)["answering"]["id"] == b and not mine(ada)["up"] and mine(bob)["up"]
    ok(h, "questions.answered", {"question_id": b})
    k = kind(h)
    assert (
        k["answering"] is None and k["answered"] == 1 and [q["id"] for q in k["questions"]] == [a]
    )
    assert [q["id"] for q in host_kind(h)["archive"]] == [b]
    refused(bob, "questions.vote", {"question_id": b}, "conflict")


def test_closing_the_floor_keeps_the_segment_and_the_votes(floor, phones):
    h = floor(hands=True)
    (ada,) = phones("Ada")
    qid = ok(ada, "questions.ask", {"text": "Before the pause?"})["question_id"]
    ok(h, "questions.floor", {"open": False})
    assert kind(ada)["closed"]
    refused(ada, "questions.ask", {"text": "During the talk?"}, "conflict")
    refused(ada, "questions.hand", {}, "conflict")
    ok(ada, "questions.vote", {"question_id": qid})
    ok(h, "questions.floor", {"open": True})
    ok(ada, "questions.ask", {"text": "At the pause!"})
    assert kind(ada)["total"] == 2


def test_the_hand_raise_queue(floor, phones):
    h = floor(hands=True, hand_minutes=1)
    ada, bob, cy = phones("Ada", "Bob", "Cy")
    for p in (ada, bob, cy):
        ok(p, "questions.hand")
    refused(ada, "questions.hand", {}, "conflict")  # already in
    assert [x["name"] for x in kind(h)["queue"]] == ["Ada", "Bob", "Cy"]
    assert (mine(bob)["hand"], mine(bob)["position"]) == ("waiting", 2)
    ok(bob, "questions.hand", {"up": False})  # leaves the queue
    assert mine(cy)["position"] == 2 and mine(bob)["hand"] is None
    ok(h, "questions.call")
    k = kind(h)
    assert k["speaker"]["name"] == "Ada" and k["timer"]["status"] == "running"
    assert k["timer"]["duration"] == 60 and k["timer_label"] == "Speaker time"
    assert mine(ada)["hand"] == "speaking" and mine(cy)["position"] == 1
    ok(h, "questions.extend", {"seconds": 30})
    ok(h, "questions.call")  # Ada is done, Cy speaks
    assert kind(h)["speaker"]["name"] == "Cy" and mine(ada)["hand"] is None
    ok(ada, "questions.hand")  # may raise again after speaking
    ok(h, "questions.done")
    k = kind(h)
    assert k["speaker"] is None and "timer" not in k and [x["name"] for x in k["queue"]] == ["Ada"]
    refused(h, "questions.done", {}, "conflict")


def test_no_queue_unless_the_segment_has_one(floor, phones):
    floor()
    (ada,) = phones("Ada")
    refused(ada, "questions.hand", {}, "conflict")


def test_the_host_changes_options_while_it_runs(floor, phones):
    h = floor()
    (ada,) = phones("Ada")
    ok(h, "questions.options", {"names": "named", "hand_minutes": 3})
    ok(h, "questions.options", {"moderated": True, "hands": True})
    k = kind(ada)
    assert k["moderated"] and k["hands"] and (k["names"], k["hand_minutes"]) == ("named", 3)
    assert ok(ada, "questions.ask", {"text": "Held?"})["status"] == "pending"
    ok(ada, "questions.hand")


def test_roles(floor, phones, sio):
    h = floor(hands=True)
    (ada,) = phones("Ada")
    qid = ok(ada, "questions.ask", {"text": "Mine"})["question_id"]
    for name, args in [
        ("questions.approve", {"question_id": qid}),
        ("questions.hide", {"question_id": qid}),
        ("questions.merge", {"question_id": qid, "duplicate_ids": [qid]}),
        ("questions.answer", {"question_id": qid}),
        ("questions.answered", {"question_id": qid}),
        ("questions.floor", {"open": False}),
        ("questions.options", {"hands": False}),
        ("questions.call", {}),
        ("questions.done", {}),
    ]:
        refused(ada, name, args, "forbidden")
    refused(h, "questions.ask", {"text": "host?"}, "forbidden")
    refused(h, "questions.vote", {"question_id": qid}, "forbidden")
    display = sio(None, "display")
    refused(display, "questions.vote", {"question_id": qid})


BAD = [
    ("ada", "questions.ask", {"text": ""}, "invalid"),
    ("ada", "questions.ask", {"text": "x" * 281}, "invalid"),
    ("ada", "questions.ask", {"text": "hi\u202e"}, "invalid"),
    ("ada", "questions.ask", {"text": ["a"]}, "invalid"),
    ("ada", "questions.ask", {"text": "ok", "who": 1}, "invalid"),
    ("ada", "questions.vote", {"question_id": 99999}, "not_found"),
    ("ada", "questions.vote", {"question_id": "1"}, "not_found"),
    ("ada", "questions.hand", {"up": "yes"}, "invalid"),
    ("host", "questions.merge", {"question_id": "nope", "duplicate_ids": ["D"]}, "not_found"),
    ("host", "questions.merge", {"question_id": "Q", "duplicate_ids": ["Q"]}, "invalid"),
    ("host", "questions.merge", {"question_id": "Q", "duplicate_ids": []}, "invalid"),
    ("host", "questions.merge", {"question_id": "Q", "duplicate_ids": [99999]}, "not_found"),
    ("host", "questions.merge", {"question_id": "Q", "duplicate_ids": "D"}, "invalid"),
    ("host", "questions.approve", {"question_id": "Q"}, "conflict"),
    ("host", "questions.hide", {"question_id": "Q", "hidden": False}, "conflict"),
    ("host", "questions.answered", {"question_id": 99999}, "not_found"),
    ("host", "questions.options", {"names": "sometimes"}, "invalid"),
    ("host", "questions.options", {"hand_minutes": 11}, "invalid"),
    ("host", "questions.extend", {"seconds": 30}, "conflict"),
    ("host", "questions.call", {}, "conflict"),
]


@pytest.mark.parametrize("who,name,args,code", BAD, ids=[f"{b[1]}-{i}" for i, b in enumerate(BAD)])
def test_bad_input_changes_nothing(app, floor, phones, who, name, args, code):
    h = floor(hands=True)
    (ada,) = phones("Ada")
    q = ok(ada, "questions.ask", {"text": "Kept"})["question_id"]
    d = ok(ada, "questions.ask", {"text": "Duplicate"})["question_id"]
    ok(ada, "questions.vote", {"question_id": d})
    ids = {"Q": q, "D": d}
    args = {
        k: ids.get(v, v)
        if isinstance(v, str)
        else [ids.get(x, x) for x in v]
        if isinstance(v, list)
        else v
        for k, v in args.items()
    }
    before = snapshot(app)
    refused({"ada": ada, "host": h}[who], name, args, code)
    assert snapshot(app) == before


def test_a_question_of_another_segment_is_unknown(floor, phones, host, sio):
    h = floor()
    (ada,) = phones("Ada")
    qid = ok(ada, "questions.ask", {"text": "Old segment"})["question_id"]
    floor()  # a second questions segment goes live
    refused(ada, "questions.vote", {"question_id": qid}, "not_found")
    refused(h, "questions.answer", {"question_id": qid}, "not_found")


def test_a_phone_has_at_most_ten_questions_waiting(floor, phones):
    floor()
    (ada,) = phones("Ada")
    for i in range(10):
        ok(ada, "questions.ask", {"text": f"Question {i}"})
    ack = refused(ada, "questions.ask", {"text": "One more"}, "conflict")
    assert "10 questions" in ack["error"]
    assert kind(ada)["total"] == 10


def test_removed_people_leave_the_queue_and_their_questions_stay(floor, phones):
    h = floor(hands=True)
    ada, bob = phones("Ada", "Bob")
    ok(ada, "questions.ask", {"text": "Kept after removal"})
    for p in (ada, bob):
        ok(p, "questions.hand")
    mine(ada)
    ada_id = ada.latest_me["id"]
    ok(h, "people.remove", {"attendee_ids": [ada_id]})
    k = kind(h)
    assert [x["name"] for x in k["queue"]] == ["Bob"]
    assert [q["text"] for q in k["questions"]] == ["Kept after removal"]
