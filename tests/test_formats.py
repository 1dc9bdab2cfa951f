"""The ready agendas (socialapp/agenda_templates/): each starts from the front page and from
`create-event --template`, and runs from its first segment to its last, a phone doing the
segment's main action in each. The paper club's parts are tested closer: questions collected
during a presenter's section (the side panel, socialapp/side.py), volunteer slots, paper
suggestions with a link and their carry-over to a series' next session."""

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialapp import ratelimit
from socialapp.core.questions import LINK_MAX, link_ok
from socialapp.events import create_event, templates
from socialapp.extensions import db
from socialapp.kinds import KINDS
from socialapp.kinds.questions.models import Question
from socialapp.kinds.slots.models import SlotClaim
from tests.conftest import command, join

FORMATS = ("paper-club", "reading-group", "research-jam", "oxford-debate")


@pytest.fixture(autouse=True)
def no_rate_limit(monkeypatch):
    monkeypatch.setattr(ratelimit, "check", lambda *a: None)


def recv(client):
    for m in client.get_received():
        if m["name"] in ("state", "me"):
            setattr(client, "latest_" + m["name"], m["args"][0])
    return client


def state(client):
    return recv(client).latest_state


def me(client):
    return recv(client).latest_me


def ok(client, name, args=None):
    ack = command(client, name, args)
    assert ack["ok"], (name, args, ack)
    return ack


def refused(client, name, args=None):
    ack = command(client, name, args)
    assert not ack["ok"], (name, args, ack)
    return ack


class Room:
    """A host's socket and phones' sockets on one event."""

    def __init__(self, app, sio, code, key):
        self.app, self.sio, self.code = app, sio, code
        h = app.test_client()
        assert h.get(f"/e/{code}/host?key={key}").status_code == 302
        self.host = sio(h, "host", code=code)
        self.phones = {}

    def phone(self, name):
        if name not in self.phones:
            self.phones[name] = self.sio(
                join(self.app, self.code, name), "attendee", code=self.code
            )
        return self.phones[name]

    def agenda(self):
        return state(self.host)["agenda"]


def from_front_page(app, name):
    c = app.test_client()
    page = c.get("/").get_data(as_text=True)
    assert f'value="{name}"' in page  # offered on the front page
    r = c.post("/", data={"name": f"{name} night", "template": name})
    assert r.status_code == 302, r.get_data(as_text=True)
    code = re.search(r"/e/([A-Z0-9]+)/host", r.headers["Location"]).group(1)
    return c, code


def from_cli(app, name):
    with app.app_context():
        args = ["create-event", "Weekly", "--template", name, "--json"]
        out = app.test_cli_runner().invoke(args=args)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    return data["code"], re.search(r"key=([\w-]+)", data["host_url"]).group(1)


# What a phone does in a segment of each kind (the host's part first where there is one).
def act_info(room, seg, p):
    return None


def act_questions(room, seg, p):
    papers = seg["settings"].get("wording") == "papers"
    args = {"text": "Attention is all you need", "link": "https://arxiv.org/abs/1706.03762"}
    ack = ok(p, "questions.ask", args if papers else {"text": "Why this baseline?"})
    ok(p, "questions.vote", {"question_id": ack["question_id"]})
    ok(room.host, "questions.answer", {"question_id": ack["question_id"]})
    if seg["settings"].get("hands"):
        ok(p, "questions.hand", {"up": True})
        ok(room.host, "questions.call", {})


def act_slots(room, seg, p):
    first = seg["settings"]["slots"][0]
    assert ok(p, "slots.take", {"slot": first, "topic": "Mamba"})["slot"] == first
    assert me(p)["kind"] == {"mine": first}


def act_icebreaker(room, seg, p):
    room.phone("Pair")  # a pair needs two
    ok(room.host, "icebreaker.start_round", {})
    ok(p, "icebreaker.found", {})


def act_wall(room, seg, p):
    # A wall with columns (the reading group's) wants one picked for every note.
    where = {"column": 0} if seg["settings"].get("columns") else {}
    ok(p, "wall.note_add", {"cid": "n1", "text": "Clear ablations"} | where)


def act_open_mic(room, seg, p):
    ok(p, "open_mic.enter", {"title": "Plots of loss", "pitch": "Who can make the first plot?"})


def act_connect(room, seg, p):
    ok(p, "connect.share", {"contact": "ada@example.org"})


def act_debate(room, seg, p):
    ok(p, "debate.vote", {"side": "for"})


ACTS = {name[4:]: fn for name, fn in list(globals().items()) if name.startswith("act_")}


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_starts_from_the_front_page_and_runs_first_to_last(app, sio, name):
    plan = templates()[name]
    assert {s["kind"] for s in plan["segments"]} <= set(ACTS)
    with app.app_context():
        key = create_event("unused", name).host_key  # the template loads and cleans
    c, code = from_front_page(app, name)
    with app.app_context():
        from socialapp.events import find_event

        key = find_event(code).host_key
    room = Room(app, sio, code, key)
    ada = room.phone("Ada")
    segments = room.agenda()
    assert [s["title"] for s in segments] == [s["title"] for s in plan["segments"]]
    settings = {s["id"]: s["settings"] for s in state(room.host)["host"]["segments"]}
    for i, seg in enumerate(segments):
        ok(room.host, "agenda.start" if i == 0 else "agenda.next", {})
        live = state(room.host)["live"]
        assert live["id"] == seg["id"], (name, i)
        ACTS[seg["kind"]](room, seg | {"settings": settings[seg["id"]]}, ada)
    assert state(room.host)["live"]["index"] == len(segments) - 1


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_starts_from_create_event_on_the_command_line(app, sio, name):
    code, key = from_cli(app, name)
    room = Room(app, sio, code, key)
    assert [s["title"] for s in room.agenda()] == [
        s["title"] for s in templates()[name]["segments"]
    ]
    ok(room.host, "agenda.start", {})


def test_every_template_keeps_its_settings_through_the_kinds_cleaning(app):
    """A setting a kind does not know is dropped without a word: the templates' ones arrive."""
    with app.app_context():
        for name in FORMATS:
            plan = templates()[name]
            for seg in plan["segments"]:
                cleaned = KINDS[seg["kind"]].clean_settings(
                    KINDS[seg["kind"]].default_settings() | seg.get("settings", {})
                )
                for k, v in seg.get("settings", {}).items():
                    assert cleaned.get(k) == v, (name, seg["title"], k)


@pytest.fixture
def club(app, sio):
    with app.app_context():
        ev = create_event("Paper club", "paper-club")
        code, key = ev.code, ev.host_key
    room = Room(app, sio, code, key)
    room.segs = {s["title"]: s for s in room.agenda()}
    return room


def goto(room, title):
    ok(room.host, "agenda.goto", {"segment_id": room.segs[title]["id"]})


def test_questions_are_collected_during_a_section_and_answered_at_its_pause(club):
    ada, bo = club.phone("Ada"), club.phone("Bo")
    pause = club.segs["Q&A: method"]
    refused(ada, "questions.ask", {"segment_id": pause["id"], "text": "Too early?"})
    goto(club, "Method")
    side = state(ada)["side"]
    assert [p["id"] for p in side] == [pause["id"]]  # only the pause right after the section
    q = ok(ada, "questions.ask", {"segment_id": pause["id"], "text": "Why a linear probe?"})
    ok(bo, "questions.vote", {"segment_id": pause["id"], "question_id": q["question_id"]})
    panel = state(bo)["side"][0]["view"]
    assert [(x["text"], x["votes"]) for x in panel["questions"]] == [("Why a linear probe?", 1)]
    assert me(bo)["side"][str(pause["id"])]["voted"] == [q["question_id"]]
    # Host commands stay for the live segment only; other pauses are not collecting.
    refused(club.host, "questions.answer", {"segment_id": pause["id"], "question_id": 1})
    other = club.segs["Q&A: results"]
    refused(ada, "questions.ask", {"segment_id": other["id"], "text": "Not yet"})
    goto(club, "Q&A: method")
    assert state(ada)["side"] == []
    top = state(club.host)["kind"]["questions"][0]
    assert (top["text"], top["votes"]) == ("Why a linear probe?", 1)
    ok(club.host, "questions.answer", {"question_id": top["id"]})
    assert me(ada)["kind"]["up"] is True
    goto(club, "Results")
    refused(ada, "questions.ask", {"segment_id": pause["id"], "text": "Too late"})


def test_volunteer_slots_one_presenter_each_and_withdraw(club):
    ada, bo = club.phone("Ada"), club.phone("Bo")
    goto(club, "Next presenters")
    ok(ada, "slots.take", {"slot": "Next week", "topic": "Mamba"})
    assert "already" in refused(bo, "slots.take", {"slot": "Next week"})["error"]
    refused(bo, "slots.take", {"slot": "Someday"})
    ok(ada, "slots.take", {"slot": "In two weeks"})  # moves: one slot per phone
    ok(bo, "slots.take", {"slot": "Next week"})
    view = state(club.host)["kind"]
    assert [(s["slot"], s["name"]) for s in view["slots"][:2]] == [
        ("Next week", "Bo"),
        ("In two weeks", "Ada"),
    ]
    ok(ada, "slots.withdraw", {})
    refused(ada, "slots.withdraw", {})
    assert me(ada)["kind"] == {"mine": None}
    refused(ada, "slots.release", {"slot": "Next week"})  # host only
    ok(club.host, "slots.release", {"slot": "Next week"})
    assert me(bo)["kind"] == {"mine": None}
    ok(club.host, "slots.assign", {"slot": "In three weeks", "name": "Remote Rui"})
    refused(club.host, "slots.assign", {"slot": "In three weeks", "name": "Again"})
    assert state(ada)["kind"]["free"] == 3


def test_paper_suggestions_take_a_title_and_an_http_link(club):
    ada = club.phone("Ada")
    goto(club, "Next paper")
    assert state(ada)["kind"]["wording"] == "papers"
    for bad in ("javascript:alert(1)", "arxiv.org/abs/1", "https://a b", 'https://x"y'):
        refused(ada, "questions.ask", {"text": "A paper", "link": bad})
    ok(ada, "questions.ask", {"text": "Mamba", "link": "https://arxiv.org/abs/2312.00752"})
    ok(ada, "questions.ask", {"text": "No link is fine"})
    listed = {q["text"]: q.get("link") for q in state(ada)["kind"]["questions"]}
    assert listed == {"Mamba": "https://arxiv.org/abs/2312.00752", "No link is fine": None}


def test_suggestions_and_slots_carry_over_to_the_next_session(app, club):
    ada, bo = club.phone("Ada"), club.phone("Bo")
    goto(club, "Next paper")
    q = ok(ada, "questions.ask", {"text": "Mamba", "link": "https://arxiv.org/abs/2312.00752"})
    ok(ada, "questions.vote", {"question_id": q["question_id"]})
    ok(bo, "questions.vote", {"question_id": q["question_id"]})
    goto(club, "Next presenters")
    ok(bo, "slots.take", {"slot": "In two weeks", "topic": "RWKV"})
    with app.app_context():
        old = db.session.scalar(db.select(Question.event_id))
        new = create_event("Paper club, week 2", "paper-club").id
        qs, sl = KINDS["questions"].carry_over(old, new), KINDS["slots"].carry_over(old, new)
        db.session.commit()
        assert (qs, sl) == (1, 1)
        assert KINDS["questions"].carry_over(old, new) == 0  # once
        carried = db.session.scalar(db.select(Question).where(Question.event_id == new))
        assert (carried.text, carried.link, carried.carried_votes) == (
            "Mamba",
            "https://arxiv.org/abs/2312.00752",
            2,
        )
        assert carried.attendee_id is None and carried.name == ""
        claim = db.session.scalar(db.select(SlotClaim).where(SlotClaim.event_id == new))
        assert (claim.slot, claim.name, claim.topic, claim.attendee_id) == (
            "In two weeks",
            "Bo",
            "RWKV",
            None,
        )


def test_the_host_takes_home_who_presents_when(app, club):
    ada = club.phone("Ada")
    goto(club, "Next presenters")
    ok(ada, "slots.take", {"slot": "In two weeks", "topic": "Mamba"})
    with app.test_request_context():
        from socialapp.events import find_event

        ev = find_event(club.code)
        listed = KINDS["slots"].exports(ev)
        key = ev.host_key
    assert [label for label, _, _ in listed] == ["Volunteers (Markdown)"]
    url = f"/e/{club.code}/slots/export.md"
    host = app.test_client()
    host.get(f"/e/{club.code}/host?key={key}")
    r = host.get(url)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/markdown")
    body = r.get_data(as_text=True)
    assert "- Next week: free" in body and "- In two weeks: Ada: Mamba" in body
    assert join(app, club.code, "Bo").get(url).status_code == 403


@given(scheme=st.sampled_from(["https://", "http://", "HTTPS://", "javascript:", "data:", ""]),
       rest=st.text(max_size=80))  # fmt: skip
def test_a_link_is_a_web_address_and_nothing_a_screen_could_run(scheme, rest):
    link = scheme + rest
    if link_ok(link):
        assert link.lower().startswith(("https://", "http://")) and len(link) <= LINK_MAX
        assert not any(c.isspace() or c in "<>\"'`\\" for c in link)
