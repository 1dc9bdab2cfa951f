"""The debate segment through Socket.IO and the command layer: the running order and its
timers, two votes with one ballot per phone each, paired-ballot counting (unpaired ballots
left out, dead heat at the margin), hands from the floor, bad input and secrecy."""

import json

import pytest

from socialapp import sweeper
from socialapp.extensions import db
from socialapp.kinds.debate.models import DebateBallot
from tests.conftest import command

SETTINGS = {
    "motion": "This house would publish every negative result",
    "for_speakers": ["Ada", "Alan"],
    "against_speakers": ["Grace"],
    "opening_minutes": 5,
}


def latest(client, name="state"):
    for m in client.get_received():
        if m["name"] in ("state", "me"):
            setattr(client, "latest_" + m["name"], m["args"][0])
    return getattr(client, "latest_" + name, None)


@pytest.fixture
def debate(host, sio):
    """The host's socket with a debate segment live (at its pre-vote)."""
    h = sio(host, "host")
    ack = command(
        h, "agenda.add", {"kind": "debate", "title": "Debate", "minutes": 45, "settings": SETTINGS}
    )
    assert ack["ok"], ack
    seg = [x for x in latest(h)["agenda"] if x["kind"] == "debate"][0]
    assert command(h, "agenda.goto", {"segment_id": seg["id"]})["ok"]
    return h


@pytest.fixture
def phones(phone, sio, debate):
    def make(*names):
        return [sio(phone(n), "attendee") for n in names]

    return make


@pytest.fixture
def sweep(app):
    def run():
        with app.test_request_context():
            return sweeper.tick()

    return run


def ballots_in(app):
    with app.app_context():
        return sorted((b.round, b.attendee_id, b.side) for b in db.session.query(DebateBallot))


def go(h, steps):
    for _ in range(steps):
        ack = command(h, "debate.next", {})
        assert ack["ok"], ack


def play(h, people, before, after, margin=None):
    """Votes as strings, one letter per phone: f, a, u, or - (no ballot); returns the result
    the host sees."""
    side = {"f": "for", "a": "against", "u": "undecided"}
    for p, c in zip(people, before, strict=True):
        if c != "-":
            assert command(p, "debate.vote", {"side": side[c]})["ok"]
    go(h, 8)  # the speeches and the floor
    for p, c in zip(people, after, strict=True):
        if c != "-":
            assert command(p, "debate.vote", {"side": side[c]})["ok"]
    if margin is not None:
        assert command(h, "debate.margin", {"margin": margin})["ok"]
    go(h, 1)
    return latest(h)["host"]["kind"]["result"]


def test_the_running_order_alternates_with_its_own_timers(debate, sio):
    room = sio(None, "display")
    k = latest(room)["kind"]
    assert k["motion"] == SETTINGS["motion"] and k["step"]["kind"] == "ballot"
    assert "timer" not in k and len(k["steps"]) == 10
    assert [s["side"] for s in k["steps"] if s["kind"] == "speech"] == [
        "for", "against", "for", "against", "against", "for",
    ]  # fmt: skip
    go(debate, 1)
    k = latest(room)["kind"]
    assert k["step"] == {
        "kind": "speech", "title": "Opening: for the motion", "side": "for", "speaker": "Ada",
        "part": "opening", "round": None,
    }  # fmt: skip
    assert k["timer"]["status"] == "idle" and k["timer"]["remaining"] == 300
    assert k["timer_label"] == "Ada"
    assert command(debate, "debate.start", {})["ok"]
    assert latest(room)["kind"]["timer"]["status"] == "running"
    assert command(debate, "debate.extend", {"seconds": 60})["ok"]
    assert latest(room)["kind"]["timer"]["duration"] == 360
    go(debate, 2)  # the rebuttal for: the side's second speaker, 3 minutes by default
    k = latest(room)["kind"]
    assert k["step"]["speaker"] == "Alan" and k["timer"]["remaining"] == 180
    assert k["timer"]["status"] == "idle"
    go(debate, 3)  # closing against: Grace speaks for her side each time
    assert latest(room)["kind"]["step"]["speaker"] == "Grace"
    assert command(debate, "debate.back", {})["ok"]
    assert latest(room)["kind"]["step"]["kind"] == "floor"


def test_paired_ballots_decide_and_unpaired_are_left_out(debate, phones, sio):
    people = phones("P1", "P2", "P3", "P4", "P5", "P6")
    # Paired: P1-P4. P5 voted only before, P6 only after: both left out.
    result = play(debate, people, "fauu" + "f-", "ffaf" + "-a")
    assert result["paired"] == 4
    assert result["unpaired"] == {"before_only": 1, "after_only": 1, "total": 2}
    assert result["before"]["for"] == {"count": 1, "share": 25.0}
    assert result["after"]["for"] == {"count": 3, "share": 75.0}
    assert result["swing"]["for"] == 50.0 and result["swing"]["against"] == 0.0
    assert result["winner"] == "for" and not result["dead_heat"]
    assert "Left out: 2 ballots" in result["summary"][-1]
    public = latest(sio(None, "display"))["kind"]["result"]
    assert public["winner"] == "for" and "unpaired" not in public
    assert all("Left out" not in s for s in public["summary"])


@pytest.mark.parametrize("margin,dead_heat", [(0, False), (10, False), (11, True), (50, True)])
def test_a_dead_heat_is_a_gap_under_the_margin(debate, phones, margin, dead_heat):
    # 20 paired phones: one moves from against to for: +5 and -5 points, a gap of 10.
    people = phones(*[f"P{i}" for i in range(20)])
    result = play(debate, people, "f" * 10 + "a" * 10, "f" * 11 + "a" * 9, margin=margin)
    assert result["swing"]["for"] == 5.0 and result["swing"]["against"] == -5.0
    assert result["dead_heat"] is dead_heat and result["margin"] == margin
    assert result["winner"] == (None if dead_heat else "for")


def test_dead_heat_at_the_margin(debate, phones):
    # 20 paired phones: the one undecided goes for: +5 points for, 0 against, a gap of 5.
    people = phones(*[f"P{i}" for i in range(20)])
    before = "f" * 10 + "a" * 9 + "u"
    after = "f" * 11 + "a" * 9
    assert command(debate, "debate.margin", {"margin": 5})["ok"]
    result = play(debate, people, before, after)
    assert result["swing"]["for"] == 5.0 and result["swing"]["against"] == 0.0
    assert result["winner"] == "for" and not result["dead_heat"]  # exactly the margin
    assert command(debate, "debate.margin", {"margin": 6})["ok"]
    result = latest(debate)["host"]["kind"]["result"]
    assert result["dead_heat"] and result["winner"] is None
    assert result["summary"][0].startswith("Dead heat")


def test_one_ballot_per_phone_per_vote_changeable_until_the_vote_closes(debate, phones, app):
    (ada,) = phones("Ada")
    assert command(ada, "debate.vote", {"side": "for"})["ok"]
    assert command(ada, "debate.vote", {"side": "against"})["ok"]
    ballots = ballots_in(app)
    assert [(r, s) for r, _, s in ballots] == [("before", "against")]
    assert latest(ada, "me")["kind"]["ballots"] == {"before": "against"}
    go(debate, 1)
    ack = command(ada, "debate.vote", {"side": "for"})
    assert ack["code"] == "conflict" and ballots_in(app) == ballots
    go(debate, 7)
    assert command(ada, "debate.vote", {"side": "for"})["ok"]
    assert [(r, s) for r, _, s in ballots_in(app)] == [("after", "for"), ("before", "against")]


BAD = [
    ("debate.vote", {"side": "maybe"}, "must be one of"),
    ("debate.vote", {"side": ["for"]}, "must be one of"),
    ("debate.vote", {}, "must be one of"),
    ("debate.vote", {"side": "for", "attendee_id": 1}, "Unexpected field"),
    ("debate.hand", {"up": "yes"}, ""),
]


@pytest.mark.parametrize("name,args,words", BAD)
def test_bad_ballots_change_nothing(debate, phones, app, name, args, words):
    (ada,) = phones("Ada")
    ack = command(ada, name, args)
    assert not ack["ok"] and words in ack["error"], ack
    assert ballots_in(app) == []


def test_phones_cannot_run_the_debate_and_the_host_cannot_vote(debate, phones, sio, app):
    (ada,) = phones("Ada")
    for name in ("debate.next", "debate.start", "debate.call", "debate.margin"):
        assert command(ada, name, {"margin": 1})["code"] == "forbidden"
    assert command(debate, "debate.vote", {"side": "for"})["code"] == "forbidden"
    assert command(sio(None, "display"), "debate.vote", {"side": "for"})["ok"] is False
    assert command(debate, "debate.margin", {"margin": 51})["ok"] is False
    assert command(debate, "debate.start", {})["code"] == "conflict"  # the vote has no timer
    assert command(debate, "debate.back", {})["code"] == "conflict"
    go(debate, 9)
    assert command(debate, "debate.next", {})["code"] == "conflict"
    assert ballots_in(app) == []


def test_hands_from_the_floor_first_come_first_called(debate, phones, sio):
    ada, bo = phones("Ada", "Bo")
    assert command(ada, "debate.hand", {"up": True})["code"] == "conflict"  # not yet
    go(debate, 1)
    assert command(bo, "debate.hand", {"up": True})["ok"]
    assert command(ada, "debate.hand", {"up": True})["ok"]
    assert latest(ada, "me")["kind"]["hand"] == "up"
    assert command(debate, "debate.call", {})["code"] == "conflict"  # during a speech
    go(debate, 4)
    room = sio(None, "display")
    assert latest(room)["kind"]["floor"] == {"speaker": None, "waiting": 2}
    assert command(debate, "debate.call", {})["ok"]
    assert latest(room)["kind"]["floor"] == {"speaker": "Bo", "waiting": 1}
    assert latest(bo, "me")["kind"]["hand"] == "speaking"
    assert [h["label"] for h in latest(debate)["host"]["kind"]["hands"]] == ["Bo", "Ada"]
    assert command(ada, "debate.hand", {"up": False})["ok"]
    assert command(debate, "debate.call", {})["code"] == "conflict"  # nobody left
    assert latest(room)["kind"]["floor"]["waiting"] == 0


def test_secrecy_no_state_pairs_a_person_with_a_side(debate, phones, sio, sweep):
    people = phones("Ada", "Bo", "Cy")
    room = sio(None, "display")
    for p, side in zip(people, ("for", "against", "undecided"), strict=True):
        command(p, "debate.vote", {"side": side})
    sweep()
    public = latest(room)["kind"]
    assert public["voters"] == 3 and public["result"] is None
    host_kind = latest(debate)["host"]["kind"]
    assert host_kind["ballots"] == {"before": 3, "after": 0} and host_kind["result"] is None
    for p in people:
        assert set(latest(p, "me")["kind"]) == {"ballots", "hand"}
        assert "against" not in json.dumps(latest(p)["kind"]["step"])
    go(debate, 9)
    for view in (latest(room)["kind"], latest(debate)["host"]["kind"]):
        text = json.dumps(view)
        assert not any(name in text for name in ("Bo", "Cy")) and "attendee" not in text


def test_a_reconnecting_phone_gets_its_ballots_and_its_hand(debate, phone, sio):
    ada = phone("Ada")
    first = sio(ada, "attendee")
    assert command(first, "debate.vote", {"side": "undecided"})["ok"]
    go(debate, 1)
    assert command(first, "debate.hand", {"up": True})["ok"]
    first.disconnect()
    again = sio(ada, "attendee")
    assert latest(again, "me")["kind"] == {"ballots": {"before": "undecided"}, "hand": "up"}
    assert latest(again)["kind"]["step"]["speaker"] == "Ada"


def test_removed_people_count_for_nothing(debate, phones, app):
    ada, bo = phones("Ada", "Bo")
    for p in (ada, bo):
        assert command(p, "debate.vote", {"side": "for"})["ok"]
    go(debate, 1)
    assert command(bo, "debate.hand", {"up": True})["ok"]
    bo_id = latest(bo, "me")["id"]
    assert command(debate, "people.remove", {"attendee_ids": [bo_id]})["ok"]
    assert [who for _, who, _ in ballots_in(app)] == [latest(ada, "me")["id"]]
    assert latest(debate)["host"]["kind"]["hands"] == []


@pytest.mark.parametrize(
    "settings,words",
    [
        ({"opening_minutes": 0}, "between 1 and 30"),
        ({"for_speakers": ["A", "B", "C", "D"]}, "At most 3 speakers for the motion"),
        ({"dead_heat_margin": 51}, "between 0 and 50"),
        ({"motion": "x" * 201}, "at most 200 characters"),
    ],
)
def test_bad_settings_are_refused(host, sio, settings, words):
    h = sio(host, "host")
    before = latest(h)["agenda"]
    ack = command(
        h, "agenda.add", {"kind": "debate", "title": "D", "minutes": 30, "settings": settings}
    )
    assert not ack["ok"] and words in ack["error"], ack
    assert latest(h)["agenda"] == before


def test_a_repeated_ballot_message_is_stored_once(debate, phones, app):
    """The outbox resends a message whose ack was lost: the same cid lands exactly once, and a
    later change of mind (a new cid) still counts."""
    (ada,) = phones("Ada")
    first = command(ada, "debate.vote", {"side": "for"}, cid="c-ada-1")
    assert first["ok"]
    assert command(ada, "debate.vote", {"side": "against"}, cid="c-ada-2")["ok"]
    again = command(ada, "debate.vote", {"side": "for"}, cid="c-ada-1")  # the resend
    assert again["ok"] and again["duplicate"] and again["v"] == first["v"]
    assert [(r, s) for r, _, s in ballots_in(app)] == [("before", "against")]


def test_the_report_keeps_the_result_and_the_purge_takes_the_ballots(
    debate, phones, app, host, event
):
    """What the evening leaves behind: the report states the debate's result; after the end
    and the host's purge no ballot or raised hand is left, and the report still reads it."""
    people = phones("P1", "P2", "P3", "P4")
    play(debate, people, "faua", "ffaf")
    code = event["code"]
    before = host.get(f"/e/{code}/report").data.decode()
    assert "Debates" in before and SETTINGS["motion"] in before
    host.post(f"/e/{code}/host/end")
    assert host.post(f"/e/{code}/report/purge", data={"confirm": "yes"}).status_code == 302
    assert ballots_in(app) == []
    with app.app_context():
        assert db.session.execute(db.text("SELECT count(*) FROM debate_hand")).scalar() == 0
    after = host.get(f"/e/{code}/report").data.decode()
    assert "Debates" in after and SETTINGS["motion"] in after
