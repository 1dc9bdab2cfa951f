"""Take home: the core lists every download through the kinds' `exports` hook (never naming a
kind), the host panel shows them in one place, each is a download with its file name (Markdown
too), and a stranger opening any export link gets the friendly page with a 403."""

import re

import pytest
from sqlalchemy import select

from socialapp import events, take_home
from socialapp.extensions import db
from socialapp.kinds import KINDS
from socialapp.models import Attendee
from tests.conftest import command


def listed(app, code, attendee=None):
    with app.test_request_context():
        return take_home.exports(events.find_event(code), attendee)


def test_every_kind_with_files_declares_the_hook():
    # The wall and vote offer the host files; connect offers a phone its contacts.
    offering = {name for name, k in KINDS.items() if hasattr(k, "exports")}
    assert {"wall", "vote", "connect"} <= offering


def test_the_hook_lists_the_report_and_the_kinds_of_the_agenda(app, event, host, sio):
    kinds = [x["kind"] for x in listed(app, event["code"])]
    # mlc-social has a wall and no vote: the report, then the wall's Markdown and CSV.
    assert kinds == ["", "wall", "wall"]
    command(sio(host, "host"), "agenda.add", {"kind": "vote", "title": "Best", "minutes": 5})
    items = listed(app, event["code"])
    assert [x["kind"] for x in items] == ["", "wall", "wall", "vote", "vote"]
    code = event["code"]
    assert [x["url"] for x in items] == [
        f"/e/{code}/report.zip",
        f"/e/{code}/export.md",
        f"/e/{code}/export.csv",
        f"/e/{code}/vote/export.md",
        f"/e/{code}/vote/export.csv",
    ]
    assert all(x["label"] and x["filename"] for x in items)


def test_contacts_are_a_persons_own_never_the_hosts(app, event, phone):
    assert "connect" not in [x["kind"] for x in listed(app, event["code"])]
    phone("Ada")
    with app.test_request_context():
        ada = db.session.scalars(select(Attendee).where(Attendee.event_id == event["id"])).one()
        mine = take_home.exports(events.find_event(event["code"]), ada)
    assert [(x["kind"], x["url"]) for x in mine] == [
        ("connect", f"/j/{event['code']}/contacts.vcf")
    ]
    assert mine[0]["filename"].endswith("-contacts.vcf")


def link(item):
    """The link's start, its file name without the minute stamp (a minute may turn between)."""
    return f'href="{item["url"]}" download="{item["filename"].rsplit("-", 2)[0]}'


def test_host_panel_shows_take_home_with_file_names(app, event, host):
    page = host.get(f"/e/{event['code']}/host").get_data(True)
    section = page[page.index('id="take-home"') :]
    section = section[: section.index("</section>")]
    for item in listed(app, event["code"]):
        assert link(item) in section
    # The wall's settings no longer hide the exports.
    assert "wall-export-md" not in page


@pytest.mark.parametrize("item", [0, 1, 2, 3, 4])
def test_each_export_is_a_download_with_its_file_name(app, event, host, sio, item):
    command(sio(host, "host"), "agenda.add", {"kind": "vote", "title": "Best", "minutes": 5})
    entry = listed(app, event["code"])[item]
    r = host.get(entry["url"])
    assert r.status_code == 200
    disposition = r.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")  # Markdown downloads, never raw text in a tab
    name = re.search(r'filename="([^"]+)"', disposition).group(1)
    ext = entry["filename"].rsplit(".", 1)[1]
    assert name.endswith("." + ext) and name.startswith(entry["filename"][:8])
    assert "no-store" in r.headers["Cache-Control"]


def export_routes(app, code):
    """Every route that hands out a file or the host's report: the listed ones and the rest."""
    urls = {x["url"] for x in listed(app, code)}
    return sorted(urls | {f"/e/{code}/report", f"/e/{code}/report.zip"})


def test_a_stranger_gets_the_friendly_page_for_every_export(app, event, host, phone, sio):
    command(sio(host, "host"), "agenda.add", {"kind": "vote", "title": "Best", "minutes": 5})
    code = event["code"]
    routes = export_routes(app, code)
    assert len(routes) == 6
    for who, c in {"stranger": app.test_client(), "attendee": phone("Mallory")}.items():
        for url in routes:
            r = c.get(url)
            body = r.get_data(True)
            assert r.status_code == 403, (who, url)
            assert r.mimetype == "text/html", (who, url)
            assert "<h1>For the host only</h1>" in body, (who, url)
            assert f'href="/e/{code}/host"' in body and "Sign in as host" in body, (who, url)
            assert "Test Social" in body and "Forbidden" not in body


def test_a_stranger_opening_someones_contacts_gets_the_friendly_page(app, event):
    r = app.test_client().get(f"/j/{event['code']}/contacts.vcf")
    assert r.status_code == 403
    body = r.get_data(True)
    assert "For the phone that joined" in body and "Forbidden" not in body
    assert "Sign in as host" not in body


def test_a_wrong_code_is_still_a_plain_404(host):
    assert host.get("/e/ZZZZZZ/export.md").status_code == 404


def test_after_the_end_the_report_page_and_the_ended_page_keep_take_home(app, event, host):
    items = listed(app, event["code"])
    host.post(f"/e/{event['code']}/host/end")
    report = host.get(f"/e/{event['code']}/report").get_data(True)
    ended = host.get(f"/e/{event['code']}/host")
    assert ended.status_code == 410
    for item in items:
        assert link(item) in ended.get_data(True)
        if item["kind"]:
            assert link(item) in report
        assert host.get(item["url"]).status_code == 200


def test_a_phone_on_the_ended_page_gets_no_downloads(app, event, host, phone):
    ada = phone("Ada")
    host.post(f"/e/{event['code']}/host/end")
    r = ada.get(f"/e/{event['code']}/host")
    assert r.status_code == 410 and 'id="take-home"' not in r.get_data(True)
