"""A state as patches (socialapp/core/patches.py, socialapp/streams.py, SA.patches in core.js).

- apply(old, diff(old, new)) == new for any JSON-like old and new, in Python and in the
  browser's code (run by Node on the same cases);
- random sequences of wall commands: after each, the patches each screen (projector, host,
  phone) was sent, applied to the state it held, give the state the server just built, which
  is the wall as it is in the database;
- a screen that misses a patch asks for the whole state and gets it;
- a screen that connects during a busy wall is given the state the next patch starts from.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from socialapp import broadcast, ratelimit, state
from socialapp.core import patches
from socialapp.extensions import db
from socialapp.kinds.wall.models import WallNote, WallTheme
from tests.conftest import last, screen_state
from tests.test_wall import Wall

CORE_JS = Path(__file__).parent.parent / "socialapp" / "static" / "js" / "core.js"

# ---------------------------------------------------------------- the format itself

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=3))
item = st.fixed_dictionaries(
    {"id": st.integers(0, 8)}, optional={"text": st.text(max_size=3), "votes": st.integers(0, 3)}
)
items = st.lists(item, max_size=6, unique_by=lambda i: i["id"])
values = st.recursive(
    st.one_of(scalars, items),
    lambda c: st.one_of(
        st.lists(c, max_size=3), st.dictionaries(st.text(max_size=3), c, max_size=4)
    ),
    max_leaves=14,
)
states = st.dictionaries(st.sampled_from(["v", "kind", "notes", "live", "x"]), values, max_size=5)


@given(states, states)
def test_a_patch_turns_the_old_state_into_the_new_one(old, new):
    change = patches.diff(old, new)
    sent = json.loads(json.dumps(change))  # what travels
    assert patches.apply(old, sent) == new
    assert patches.diff(new, new) is patches.SAME


def test_a_list_of_items_with_ids_sends_only_what_changed():
    old = {"notes": [{"id": i, "text": f"note {i}", "votes": 0} for i in range(300)]}
    new = {"notes": [*old["notes"][:10], {"id": 10, "text": "note 10", "votes": 1}]}
    new["notes"] += old["notes"][11:] + [{"id": 300, "text": "new", "votes": 0}]
    change = patches.diff(old, new)
    assert change == {"d": {"notes": {"l": {"u": [new["notes"][10], new["notes"][-1]]}}}}
    moved = {"notes": [old["notes"][1], old["notes"][0], *old["notes"][2:]]}
    assert patches.diff(old, moved)["d"]["notes"]["l"]["o"][:2] == [1, 0]
    assert patches.apply(old, patches.diff(old, moved)) == moved


@settings(max_examples=1, suppress_health_check=list(HealthCheck), deadline=None)
@given(st.data())
def test_the_browser_applies_patches_as_the_server_makes_them(data):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    cases = [data.draw(st.tuples(states, states)) for _ in range(150)]
    cases += [({"a": [{"id": 1}, {"id": 2}]}, {"a": [{"id": 2}, {"id": 3}, {"id": 1}]})]
    payload = [[old, patches.diff(old, new)] for old, new in cases]
    source = CORE_JS.read_text(encoding="utf-8")
    block = re.search(r"SA\.patches = (\(function \(\) \{.*?\n  \}\)\(\));", source, re.S).group(1)
    script = (
        f"const patches = {block};\n"
        "let input = ''; process.stdin.on('data', (c) => (input += c));\n"
        "process.stdin.on('end', () => { const cases = JSON.parse(input);\n"
        "  console.log(JSON.stringify(cases.map(([old, p]) => patches.apply(old, p)))); });"
    )
    out = subprocess.run(
        [node, "-e", script], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    got = json.loads(out.stdout)
    assert got == [json.loads(json.dumps(new)) for _, new in cases]


# ---------------------------------------------------------------- the wall, through Socket.IO

PEOPLE = ["Ada", "Bo", "Cy", "Di", "Ed", "Flo"]
TEXTS = ["Weekly sync", "Pin versions", "Be kind", "Ship it", "Write docs"]
step = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(PEOPLE), st.sampled_from(TEXTS), st.integers(0, 2)),
    st.tuples(st.just("edit"), st.integers(0, 30), st.sampled_from(TEXTS)),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("vote"), st.sampled_from(PEOPLE), st.integers(0, 30), st.booleans()),
    st.tuples(st.just("hide"), st.integers(0, 30), st.booleans()),
    st.tuples(st.just("premoderate"), st.booleans()),
    st.tuples(
        st.just("approve"),
    ),
    st.tuples(st.just("theme_add"), st.sampled_from(["Talk", "Code", "Care"])),
    st.tuples(st.just("theme_rename"), st.integers(0, 5), st.sampled_from(["Talk", "Tools"])),
    st.tuples(st.just("theme_delete"), st.integers(0, 5)),
    st.tuples(st.just("move"), st.integers(0, 30), st.integers(-1, 5)),
    st.tuples(st.just("columns"), st.sampled_from([[], ["Good"], ["Good", "Bad", "Try"]])),
)


class Screens:
    """A projector, a host panel and a phone on the wall, each holding what it was sent."""

    def __init__(self, w, sio, host, phone):
        self.w = w
        self.clients = {
            "display": sio(role="display"),
            "host": sio(host, "host"),
            "phone": sio(phone("Pat"), "attendee"),
        }
        self.held = {name: None for name in self.clients}
        self.patched = 0
        assert w.host("wall.max_notes", max_notes=50)["ok"]

    def ids(self, model):
        db.session.expire_all()
        return db.session.scalars(
            select(model.id).where(model.segment_id == self.w.segment_id).order_by(model.id)
        ).all()

    def pick(self, model, n):
        found = self.ids(model)
        return found[n % len(found)] if found else 10**6

    def run(self, s):
        w, kind = self.w, s[0]
        ratelimit.reset()
        if kind == "add":
            w.n = getattr(w, "n", 0) + 1
            w.att(s[1], "wall.note_add", text=s[2], cid=f"c{w.n}", column=s[3])
        elif kind == "edit":
            note = db.session.get(WallNote, self.pick(WallNote, s[1]))
            if note is not None:
                who = next(k for k, v in w.people.items() if v == note.attendee_id)
                w.att(who, "wall.note_edit", note_id=note.id, text=s[2])
        elif kind == "delete":
            note = db.session.get(WallNote, self.pick(WallNote, s[1]))
            if note is not None:
                who = next(k for k, v in w.people.items() if v == note.attendee_id)
                w.att(who, "wall.note_delete", note_id=note.id)
        elif kind == "vote":
            w.att(s[1], "wall.vote", note_id=self.pick(WallNote, s[2]), on=s[3])
        elif kind == "hide":
            w.host("wall.hide", note_id=self.pick(WallNote, s[1]), hidden=s[2])
        elif kind == "premoderate":
            w.host("wall.premoderate", on=s[1])
        elif kind == "approve":
            w.host("wall.approve", all=True)
        elif kind == "theme_add":
            w.host("wall.theme_add", title=s[1])
        elif kind == "theme_rename":
            w.host("wall.theme_rename", theme_id=self.pick(WallTheme, s[1]), title=s[2])
        elif kind == "theme_delete":
            w.host("wall.theme_delete", theme_id=self.pick(WallTheme, s[1]))
        elif kind == "move":
            theme = None if s[2] < 0 else self.pick(WallTheme, s[2])
            w.host("wall.note_move", note_id=self.pick(WallNote, s[1]), theme_id=theme)
        elif kind == "columns":
            w.host("wall.columns", columns=s[1])

    def check(self):
        """Each screen's state, patched, is the one the server built last, and it is the wall
        as the database has it now."""
        event = self.w.event()
        sent = broadcast.batches().streams.events[event.id]["rooms"]
        fresh = {"public": state.public_state(event), "host": state.host_state(event)}
        for name, client in self.clients.items():
            got = client.get_received()
            self.patched += sum(1 for m in got if m["name"] == "patch")
            self.held[name] = screen_state(got, self.held[name])
            role = "host" if name == "host" else "public"
            assert self.held[name] == sent[role], name
            assert self.held[name]["kind"] == fresh[role]["kind"], name
            if role == "host":
                assert self.held[name]["host"]["kind"] == fresh["host"]["host"]["kind"]


@pytest.fixture
def screens(app, event, sio, host, phone):
    w = Wall(app, event)
    yield Screens(w, sio, host, phone)
    w.close()


@settings(max_examples=25, suppress_health_check=list(HealthCheck), deadline=None)
@given(st.lists(step, min_size=1, max_size=15))
def test_patches_applied_in_order_equal_the_snapshot(screens, steps):
    screens.check()
    for s in steps:
        screens.run(s)
        screens.check()


def test_the_wall_is_sent_as_patches_and_they_are_small(screens):
    screens.check()
    for i in range(40):
        screens.run(("add", f"P{i}", f"{TEXTS[i % 5]} {i}", i % 3))
    screens.check()
    d = screens.clients["display"]
    screens.run(("add", "Gus", "One more", 0))
    got = d.get_received()
    assert [m["name"] for m in got] == ["patch"]
    whole = len(json.dumps(state.public_state(screens.w.event())))
    assert len(json.dumps(got[0]["args"][0])) * 5 < whole
    screens.held["display"] = screen_state(got, screens.held["display"])
    screens.check()
    assert screens.patched > 40


def test_a_missed_patch_makes_the_screen_ask_for_the_whole_state(screens):
    screens.run(("add", "Ada", "First", 0))
    screens.check()
    d = screens.clients["display"]
    screens.run(("add", "Bo", "Second", 0))
    dropped = d.get_received()
    assert [m["name"] for m in dropped] == ["patch"]  # this one never arrives
    screens.run(("add", "Cy", "Third", 0))
    got = d.get_received()
    assert got[0]["name"] == "patch" and got[0]["args"][0]["base"] != screens.held["display"]["v"]
    assert screen_state(got, screens.held["display"]) is None  # the screen cannot apply it...
    assert d.emit("resync", {}, callback=True)["ok"]  # ...so it asks (core.js does this)
    got = d.get_received()
    assert [m["name"] for m in got] == ["state"]
    assert [n["text"] for n in got[0]["args"][0]["kind"]["notes"]] == ["First", "Second", "Third"]
    screens.held["display"] = got[0]["args"][0]
    screens.run(("add", "Di", "Fourth", 0))
    screens.check()  # and the next patch applies again


def test_a_screen_that_connects_between_sends_gets_the_state_the_next_patch_starts_from(
    app, screens, sio
):
    screens.run(("add", "Ada", "First", 0))
    screens.check()
    app.config["BROADCAST_SECONDS"] = 30  # a busy room: the next change waits for its window
    screens.run(("add", "Bo", "Second", 0))
    late = sio(role="display")
    first = last(late.get_received(), "state")
    assert [n["text"] for n in first["kind"]["notes"]] == ["First"]
    assert broadcast.flush() == 1
    held = screen_state(late.get_received(), first)
    assert [n["text"] for n in held["kind"]["notes"]] == ["First", "Second"]


@settings(max_examples=15, suppress_health_check=list(HealthCheck), deadline=None)
@given(st.lists(st.tuples(step, st.booleans()), min_size=1, max_size=15))
def test_coalescing_never_loses_a_change(app, screens, steps):
    """A busy room: changes wait for the window's end (flushed here at random points), and the
    screens still end with the wall as it is, after the last send."""
    screens.check()
    app.config["BROADCAST_SECONDS"] = 30
    try:
        for s, send_now in steps:
            screens.run(s)
            if send_now:
                broadcast.flush()
                screens.check()
        broadcast.flush()
        screens.check()
    finally:
        app.config["BROADCAST_SECONDS"] = 0
        broadcast.batches().sent_at.clear()
