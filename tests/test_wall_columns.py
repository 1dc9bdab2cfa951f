"""Wall columns (a reading group's "strengths", "weaknesses", "how I'd apply it"): the host or a
template sets them, a phone picks one per note, every view and export groups by them; a wall
without columns is the wall it always was."""

import pytest

from socialapp.core import export as pure_export
from socialapp.errors import CommandError
from socialapp.kinds.wall import export
from socialapp.kinds.wall.rules import clean_settings
from tests.test_wall import Wall

NAMES = ["Strengths", "Weaknesses", "How I'd apply it"]


@pytest.fixture
def w(app, event):
    board = Wall(app, event)
    yield board
    board.close()


def columned(w, names=NAMES):
    ack = w.host("wall.columns", columns=names)
    assert ack["ok"], ack
    return ack


def test_template_setting_columns_is_read_and_checked():
    assert clean_settings({"columns": ["Strengths", " Weaknesses "]})["columns"] == [
        "Strengths",
        "Weaknesses",
    ]
    assert "columns" not in clean_settings({})  # plain walls carry no key
    assert clean_settings({"columns": "a, b"})["columns"] == ["a", "b"]
    with pytest.raises(CommandError, match="At most 6"):
        clean_settings({"columns": [str(i) for i in range(7)]})
    with pytest.raises(CommandError):
        clean_settings({"columns": ["x" * 31]})


def test_a_wall_without_columns_sends_what_it_always_did(w):
    ack = w.note("Ada", "Plain note")
    assert w.public()["columns"] == []
    assert w.public()["notes"] == [
        {"id": ack["note_id"], "text": "Plain note", "theme": None, "votes": 0}
    ]
    assert "col" not in w.me("Ada")["mine"][0]


def test_a_phone_picks_the_column_and_every_view_shows_it(w):
    columned(w)
    assert w.public()["columns"] == NAMES and w.hosted()["columns"] == NAMES
    a = w.att("Ada", "wall.note_add", text="Clear ablations", cid="a1", column=0)
    b = w.att("Bob", "wall.note_add", text="Only one dataset", cid="b1", column=1)
    assert a["ok"] and b["ok"]
    cols = {n["text"]: n["col"] for n in w.public()["notes"]}
    assert cols == {"Clear ablations": 0, "Only one dataset": 1}
    assert {n["text"]: n["col"] for n in w.hosted()["notes"]} == cols
    assert w.me("Ada")["mine"][0]["col"] == 0
    # Editing may move the note to another column.
    assert w.att("Ada", "wall.note_edit", note_id=a["note_id"], text="Clear ablations", column=2)[
        "ok"
    ]
    assert w.me("Ada")["mine"][0]["col"] == 2


def test_a_note_without_a_column_or_with_a_bad_one_is_refused(w):
    columned(w)
    ack = w.att("Ada", "wall.note_add", text="Where?", cid="a1")
    assert not ack["ok"] and "Pick a column" in ack["error"]
    ack = w.att("Ada", "wall.note_add", text="Where?", cid="a2", column=3)
    assert not ack["ok"] and "3 columns" in ack["error"]
    ack = w.att("Ada", "wall.note_add", text="Where?", cid="a3", column="1")
    assert not ack["ok"]
    assert w.public()["notes"] == []


def test_one_column_needs_no_pick_and_only_hosts_set_columns(w):
    columned(w, ["Ideas"])
    assert w.att("Ada", "wall.note_add", text="One", cid="a1")["ok"]
    assert w.public()["notes"][0]["col"] == 0
    assert not w.att("Ada", "wall.columns", columns=["Mine"])["ok"]
    assert w.public()["columns"] == ["Ideas"]


def test_removing_columns_keeps_notes_and_their_column_comes_back(w):
    columned(w)
    w.att("Ada", "wall.note_add", text="Apply at work", cid="a1", column=2)
    columned(w, NAMES[:2])
    assert w.public()["notes"][0]["col"] is None  # its column is gone, the note is not
    columned(w, [])
    assert w.public()["columns"] == [] and "col" not in w.public()["notes"][0]
    columned(w)
    assert w.public()["notes"][0]["col"] == 2


def test_exports_group_by_column(w):
    columned(w)
    w.att("Ada", "wall.note_add", text="Clear ablations", cid="a1", column=0)
    w.att("Bob", "wall.note_add", text="Only one dataset", cid="b1", column=1)
    w.att("Cy", "wall.note_add", text="Try it on our logs", cid="c1", column=2)
    data = export.collect(w.event())
    wall = next(x for x in data["walls"] if x.get("columns"))
    assert [c["name"] for c in wall["columns"]] == NAMES
    assert [c["notes"] for c in wall["columns"]] == [1, 1, 1]
    md = pure_export.to_markdown(data)
    assert md.index("### Strengths") < md.index("Clear ablations") < md.index("### Weaknesses")
    assert md.index("### How I'd apply it") < md.index("Try it on our logs")
    rows = pure_export.to_csv(data).splitlines()
    assert rows[0] == "wall,column,theme,note,votes"
    assert any(",Weaknesses,,Only one dataset,0" in r for r in rows)
