"""The host's report on a scripted event: known groups, known stories, known notes and votes,
as the page, the zip and `flask report` give them; host only, during and after the event."""

import io
import random
import re
import time
import zipfile

import pytest

from socialapp import commands, ratelimit
from socialapp.events import find_event
from socialapp.extensions import db
from socialapp.kinds.icebreaker.models import IcebreakerGroup
from socialapp.kinds.open_mic.models import OpenMicEntry
from socialapp.models import Attendee

NAMES = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Eve <b>")


def run(ev_id, role, who, name, args=None):
    ack = commands.run(ev_id, role, who, name, args or {}, rng=random.Random(1))
    assert ack["ok"], (name, ack)
    return ack


def seg_of(ev, kind, n=0):
    return [s.id for s in ev.segments if s.kind == kind][n]


@pytest.fixture
def scripted(app, event, phone, monkeypatch):
    """Six people; two icebreaker rounds of pairs (three groups found each other in round 1,
    none in round 2); two stories of 4 and 2.5 minutes; a wall with one theme of two notes
    (3 votes) and one unsorted note."""
    monkeypatch.setattr(ratelimit, "check", lambda *a: None)
    phones = {n: phone(n) for n in NAMES}
    with app.test_request_context():
        ev = find_event(event["code"])
        ids = {a.name: a.id for a in db.session.query(Attendee)}
        run(ev.id, "host", None, "agenda.goto", {"segment_id": seg_of(ev, "icebreaker")})
        for n in NAMES:
            run(ev.id, "attendee", ids[n], "icebreaker.here")
        run(ev.id, "host", None, "icebreaker.start_round")
        for g in db.session.query(IcebreakerGroup):
            g.found_at = 1.0
        db.session.commit()
        run(ev.id, "host", None, "icebreaker.start_round")

        run(ev.id, "host", None, "agenda.goto", {"segment_id": seg_of(ev, "open_mic")})
        run(ev.id, "attendee", ids["Ada"], "open_mic.enter", {"title": "Notes on *engines*"})
        run(ev.id, "attendee", ids["Grace"], "open_mic.enter", {"title": "Bugs"})
        run(ev.id, "host", None, "open_mic.draw", {"count": 2})
        run(ev.id, "host", None, "open_mic.next")
        run(ev.id, "host", None, "open_mic.next")
        run(ev.id, "host", None, "open_mic.end")
        for e, (start, minutes) in zip(
            db.session.query(OpenMicEntry).order_by(OpenMicEntry.started_at, OpenMicEntry.id),
            [(1000.0, 4), (2000.0, 2.5)],
            strict=True,
        ):
            e.started_at, e.ended_at = start, start + minutes * 60
        db.session.commit()

        run(ev.id, "host", None, "agenda.goto", {"segment_id": seg_of(ev, "wall")})
        written = [("Ada", "Write docs <b>first</b>"), ("Alan", "Review kindly")]
        written.append(("Eve <b>", "Ship"))
        notes = [
            run(ev.id, "attendee", ids[n], "wall.note_add", {"cid": f"c{i}", "text": text})[
                "note_id"
            ]
            for i, (n, text) in enumerate(written)
        ]
        theme = run(ev.id, "host", None, "wall.theme_add", {"title": "Habits"})
        theme_id = theme.get("theme_id") or theme.get("id")
        for note in notes[:2]:
            run(ev.id, "host", None, "wall.note_move", {"note_id": note, "theme_id": theme_id})
        for n in ("Grace", "Barbara", "Edsger"):
            run(ev.id, "attendee", ids[n], "wall.vote", {"note_id": notes[0]})
    return event | {"phones": phones}


def test_the_report_holds_the_scripted_figures(app, scripted, host):
    page = host.get(f"/e/{scripted['code']}/report")
    assert page.status_code == 200
    html = page.data.decode()
    assert "6 people joined" in html
    # Round 1: 3 pairs all found; round 2: 3 pairs, none found.
    assert "2 rounds, 6 groups: 3 reported that they found each other, 3 did not." in html
    assert "met nobody new" in html and "On average an attendee met 2 new people" in html
    assert "2 stories, 6.5 minutes in all." in html
    # Escaped for Markdown, shown as typed in HTML: no emphasis.
    assert "Notes on *engines*, told by Ada (4 min)" in html and "<em>" not in html
    assert "Bugs, told by Grace (2.5 min)" in html
    assert "3 notes, 1 theme." in html
    assert "Write docs &lt;b&gt;first&lt;/b&gt; (+3)" in html
    assert "<b>" not in html.replace("<b>first", "")  # nothing people typed became markup
    # Charts are inline SVG, served by the app (no <img> to fetch, nothing off-site).
    assert html.count("<svg") == 3  # attendance, new people met, notes per theme
    assert "<img" not in html and "http://" not in re.sub(r'xmlns="[^"]+"', "", html)
    assert 'href="/static/css/report.css?v=' in html  # fingerprinted (web/assets.py)


def test_the_zip_and_the_command_give_the_same_report(app, scripted, host, tmp_path):
    # A running event's attendance curve ends "now", which moves between the two reports
    # (CI saw "minute 0.01" against "minute 0"): compare the reports of an ended evening.
    with app.app_context():
        find_event(scripted["code"]).ended_at = time.time()
        db.session.commit()
    got = host.get(f"/e/{scripted['code']}/report.zip")
    assert got.status_code == 200 and got.mimetype == "application/zip"
    assert "attachment" in got.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(got.data))
    names = archive.namelist()
    assert names[0] == "report.md" and all(n.startswith("charts/") for n in names[1:])
    md = archive.read("report.md").decode()
    assert "Notes on \\*engines\\*, told by Ada (4 min)" in md
    for link in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md):
        assert link in names

    runner = app.test_cli_runner()
    out = runner.invoke(args=["report", scripted["code"].lower()])
    assert out.exit_code == 0, out.output
    assert out.output.split("\n")[2:] == md.split("\n")[2:]  # the date line may differ
    target = tmp_path / "r.zip"
    out = runner.invoke(args=["report", scripted["code"], "--out", str(target)])
    assert out.exit_code == 0 and zipfile.ZipFile(target).namelist() == names
    out = runner.invoke(args=["report", "NOPE12"])
    assert out.exit_code != 0 and "No event has the code" in out.output


def test_only_the_host_reads_the_report_and_still_can_after_the_end(app, event, host, phone):
    code = event["code"]
    for client in (app.test_client(), phone("Ada")):
        assert client.get(f"/e/{code}/report").status_code == 403
        assert client.get(f"/e/{code}/report.zip").status_code == 403
    assert app.test_client().get("/e/NOPE12/report").status_code == 404
    host.post(f"/e/{code}/host/end")
    page = host.get(f"/e/{code}/report")
    assert page.status_code == 200 and b"Test Social" in page.data
    # The host link signs in here too, then drops the key from the address bar.
    fresh = app.test_client()
    got = fresh.get(f"/e/{code}/report?key={event['key']}")
    assert got.status_code == 302 and got.headers["Location"].endswith(f"/e/{code}/report")
    assert fresh.get(f"/e/{code}/report").status_code == 200
    assert app.test_client().get(f"/e/{code}/report?key=wrong").status_code == 403


def test_each_attendee_gets_a_one_page_digest_after_the_event(app, scripted, host):
    code = scripted["code"]
    host.post(f"/e/{code}/host/end")
    page = scripted["phones"]["Ada"].get(f"/j/{code}").data.decode()
    assert "People you met (2)" in page
    assert "The room&#39;s themes: What now? Best practices" in page
    assert "<li>Habits (2 notes)</li>" in page
    assert "Open mic: success stories: you told “Notes on *engines*”" in page
    assert "The list of people you met stays available until" in page
    other = scripted["phones"]["Alan"].get(f"/j/{code}").data.decode()
    assert "Habits (2 notes)" in other and "What you signed up for" not in other
