"""What people take home: the wall as Markdown and CSV, over HTTP (host only) and the CLI; and
the suggest-themes CLI."""

import csv
import io
import json
from pathlib import Path

import pytest

from socialapp.core import export as pure_export
from socialapp.kinds.wall import export
from tests.test_wall import Wall

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_FILE = next(
    (
        p
        for p in (
            ROOT / "tests" / "data" / "best-practices-notes.json",
            ROOT.parent / "shared" / "samples" / "best-practices-notes.json",
        )
        if p.exists()
    ),
    ROOT / "missing.json",
)


@pytest.fixture
def filled(app, event):
    """A wall with two themes, an unsorted note, a hidden and a pending note, some votes."""
    w = Wall(app, event)
    talk = w.host("wall.theme_add", title="Talk often")["theme_id"]
    w.host("wall.theme_add", title="Empty theme")
    code = w.host("wall.theme_add", title="Code & data")["theme_id"]
    n1 = w.note("Ada", "Weekly sync call")["note_id"]
    n2 = w.note("Grace", "Async updates in a shared channel")["note_id"]
    n3 = w.note("Ada", "<script>alert(1)</script> *pin* versions")["note_id"]
    n4 = w.note("Linus", '=HYPERLINK("http://evil")')["note_id"]
    hidden = w.note("Eve", "a rude note")["note_id"]
    w.note("Eve", "fuck off")  # held by the word filter: never exported
    w.host("wall.hide", note_id=hidden)
    for nid, theme in ((n1, talk), (n2, talk), (n3, code), (hidden, code)):
        w.host("wall.note_move", note_id=nid, theme_id=theme)
    for who in ("Ada", "Grace", "Linus"):
        w.att(who, "wall.vote", note_id=n2)
    w.att("Ada", "wall.vote", note_id=n1)
    w.att("Ada", "wall.vote", note_id=n4)
    yield w
    w.close()


def test_collect_groups_by_theme_most_votes_first(filled):
    data = export.collect(filled.event())
    (wall,) = data["walls"]
    assert wall["title"] == "What now? Best practices" and wall["notes"] == 4
    assert [(t["title"], t["votes"]) for t in wall["themes"]] == [
        ("Talk often", 4),
        ("Empty theme", 0),
        ("Code & data", 0),
        (pure_export.UNSORTED, 1),
    ]
    assert [n["text"] for n in wall["themes"][0]["notes"]] == [
        "Async updates in a shared channel",
        "Weekly sync call",
    ]
    assert "a rude note" not in json.dumps(data) and "fuck" not in json.dumps(data)


def test_markdown_holds_themes_notes_votes_and_escapes_text(filled):
    md = pure_export.to_markdown(export.collect(filled.event()))
    assert md.startswith("# Test Social\n")
    assert "## What now? Best practices" in md
    assert "### Talk often (2 notes, 4 votes)" in md
    assert "- Async updates in a shared channel (+3)" in md
    assert "- Weekly sync call (+1)" in md
    assert "### Empty theme (0 notes, 0 votes)\n\nNo notes in this theme." in md
    assert "### Code & data (1 notes, 0 votes)" in md
    assert r"- \<script\>alert(1)\</script\> \*pin\* versions (+0)" in md
    assert "<script>" not in md
    assert f"### {pure_export.UNSORTED} (1 notes, 1 vote)" in md
    assert "rude" not in md


def test_md_text_neutralises_markdown():
    assert pure_export.md_text("# not a heading") == r"\# not a heading"
    assert pure_export.md_text("1. not a list") == r"1\. not a list"
    assert pure_export.md_text("- nor this") == r"\- nor this"
    assert pure_export.md_text("[link](http://x) `code` a|b") == r"\[link\](http://x) \`code\` a\|b"
    assert pure_export.md_text("two\nlines") == "two lines"
    assert pure_export.md_text("e.g. plain text stays plain") == "e.g. plain text stays plain"


def test_csv_one_row_per_note_and_no_formulas(filled):
    body = pure_export.to_csv(export.collect(filled.event()))
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["wall", "theme", "note", "votes"]
    assert rows[1] == [
        "What now? Best practices",
        "Talk often",
        "Async updates in a shared channel",
        "3",
    ]
    assert len(rows) == 5
    assert rows[-1][1] == "" and rows[-1][2] == '\'=HYPERLINK("http://evil")'


def test_export_of_an_event_without_notes():
    data = {"event": {"name": "E", "code": "ABC"}, "exported_at": 0, "walls": []}
    assert "no sticky-note wall" in pure_export.to_markdown(data)
    assert pure_export.to_csv(data) == "wall,theme,note,votes\r\n"
    data["walls"] = [{"title": "W", "status": "pending", "themes": [], "notes": 0}]
    assert "No notes yet." in pure_export.to_markdown(data)
    with pytest.raises(ValueError):
        pure_export.render(data, "pdf")


def test_http_export_host_only(filled, app, event, host, phone):
    code = event["code"]
    r = host.get(f"/e/{code}/export.md")
    assert r.status_code == 200 and r.mimetype == "text/markdown"
    assert "### Talk often" in r.get_data(as_text=True)
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    r = host.get(f"/e/{code.lower()}/export.csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert "Weekly sync call" in r.get_data(as_text=True)
    assert app.test_client().get(f"/e/{code}/export.md").status_code == 403
    assert phone("Mallory").get(f"/e/{code}/export.csv").status_code == 403
    assert host.get("/e/ZZZZZZ/export.md").status_code == 404


def test_http_export_after_the_event_ended(filled, event, host):
    host.post(f"/e/{event['code']}/host/end")
    r = host.get(f"/e/{event['code']}/export.md")
    assert r.status_code == 200 and "Weekly sync call" in r.get_data(as_text=True)


def test_cli_export(filled, app, event, tmp_path):
    runner = app.test_cli_runner()
    out = runner.invoke(args=["export", event["code"], "--format", "md"])
    assert out.exit_code == 0, out.output
    assert "### Talk often (2 notes, 4 votes)" in out.output
    out = runner.invoke(args=["export", event["code"].lower(), "--format", "csv"])
    assert out.exit_code == 0 and out.output.startswith("wall,theme,note,votes")
    target = tmp_path / "wall.md"
    out = runner.invoke(args=["export", event["code"], "-o", str(target)])
    assert out.exit_code == 0 and "### Talk often" in target.read_text()
    out = runner.invoke(args=["export", "NOPE99"])
    assert out.exit_code != 0 and "No event has the code" in out.output
    out = runner.invoke(args=["export", event["code"], "--format", "pdf"])
    assert out.exit_code != 0


def test_cli_suggest_themes(app, tmp_path):
    notes = tmp_path / "notes.json"
    notes.write_text(
        json.dumps(
            {
                "notes": [
                    {"text": "Weekly sync call", "theme": "ignored"},
                    {"text": "Async updates in a channel"},
                    {"text": "Agree on authorship early"},
                    {"text": "Credit every contributor"},
                ]
            }
        )
    )
    runner = app.test_cli_runner()
    out = runner.invoke(args=["suggest-themes", str(notes), "--engine", "lexicon"])
    assert out.exit_code == 0, out.output
    groups = json.loads(out.output)
    assert sorted(i for g in groups for i in g["notes"]) == [0, 1, 2, 3]
    assert all(isinstance(g["title"], str) and g["title"] for g in groups)
    out = runner.invoke(args=["suggest-themes", str(notes), "--granularity", "3"])
    assert out.exit_code != 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"notes": [{"nope": 1}]}')
    out = runner.invoke(args=["suggest-themes", str(bad)])
    assert out.exit_code != 0 and "no text" in out.output


@pytest.mark.skipif(not SAMPLE_FILE.exists(), reason="shared samples not here")
def test_cli_suggest_themes_on_the_sample_file(app):
    out = app.test_cli_runner().invoke(args=["suggest-themes", str(SAMPLE_FILE)])
    assert out.exit_code == 0, out.output
    groups = json.loads(out.output)
    n = len(json.loads(SAMPLE_FILE.read_text())["notes"])
    assert sorted(i for g in groups for i in g["notes"]) == list(range(n))
