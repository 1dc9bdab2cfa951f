"""Personal data that goes away: the host's purge after the end (checked by a query over every
table), the retention rule (sweeper and cron command), and an attendee removing themselves."""

import re
import time

from sqlalchemy import String, Text, select

from socialapp import privacy
from socialapp.events import find_event
from socialapp.extensions import db
from socialapp.kinds import connect
from socialapp.models import Attendee
from tests.test_report import NAMES, run, scripted, seg_of  # noqa: F401  (scripted: a fixture)
from tests.test_save_all import cards_of, met_and_shared

CONTACTS = {"Ada": "ada@example.org", "Grace": "https://grace.example.org"}


def share(app, code, contacts):
    with app.test_request_context():
        ev = find_event(code)
        ids = {a.name: a.id for a in db.session.query(Attendee)}
        run(ev.id, "host", None, "agenda.goto", {"segment_id": seg_of(ev, "connect")})
        for name, line in contacts.items():
            run(ev.id, "attendee", ids[name], "connect.share", {"contact": line})


def personal_strings(words):
    """Every text cell of every table holding one of `words` as a word: [(table, value)]."""
    found = []
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words))
    for table in db.metadata.sorted_tables:
        texts = [c for c in table.columns if isinstance(c.type, String | Text)]
        for row in db.session.execute(select(*texts)) if texts else ():
            found += [(table.name, v) for v in row if isinstance(v, str) and pattern.search(v)]
    return found


def test_after_the_purge_no_table_holds_personal_data_and_the_report_reads_the_same(
    app, request, host
):
    code = request.getfixturevalue("scripted")["code"]
    share(app, code, CONTACTS)
    before = host.get(f"/e/{code}/report").data.decode()
    refused = host.post(f"/e/{code}/report/purge", data={"confirm": "yes"})
    assert refused.status_code == 302  # not before the end
    assert "End the event first" in host.get(f"/e/{code}/report").data.decode()
    host.post(f"/e/{code}/host/end")
    assert host.post(f"/e/{code}/report/purge", data={}).status_code == 302  # unconfirmed
    words = [*NAMES, *CONTACTS.values(), "Eve"]
    with app.app_context():
        assert personal_strings(words)  # the check finds them while they are there
        assert find_event(code).purged_at is None
    got = host.post(f"/e/{code}/report/purge", data={"confirm": "yes"})
    assert got.status_code == 302
    with app.app_context():
        assert personal_strings(words) == []
        ev = find_event(code)
        assert ev.purged_at is not None
        people = db.session.scalars(select(Attendee).where(Attendee.event_id == ev.id)).all()
        assert [(a.name, a.removed_at is not None) for a in people] == [("", True)]
        # Who met whom, who was in which group, who voted, who shares: no rows at all.
        for table in ("icebreaker_member", "icebreaker_pair", "icebreaker_attendance"):
            assert db.session.execute(db.text(f"SELECT count(*) FROM {table}")).scalar() == 0
        for table in ("wall_vote", "connect_contact", "client_command"):
            assert db.session.execute(db.text(f"SELECT count(*) FROM {table}")).scalar() == 0
        authors = db.session.execute(db.text("SELECT DISTINCT attendee_id FROM wall_note"))
        assert [a for (a,) in authors] == [people[0].id]  # the anonymous keeper
    after = host.get(f"/e/{code}/report").data.decode()
    for figure in (
        "6 people joined",
        "2 rounds, 6 groups: 3 reported that they found each other, 3 did not.",
        "On average an attendee met 2 new people",
        "2 stories, 6.5 minutes in all.",
        "Write docs &lt;b&gt;first&lt;/b&gt; (+3)",
    ):
        assert figure in before and figure in after, figure
    assert "told by" in before and "told by" not in after
    assert "no names" in after and "Personal data" in after
    assert "was deleted on" in after
    # The texts stayed; nobody's phone opens the event any more.
    with app.app_context():
        assert "Review kindly" in str(
            db.session.execute(select(db.text("text FROM wall_note"))).all()
        )


def test_retention_deletes_personal_data_after_the_chosen_days(app, event, phone, host):
    code = event["code"]
    ada = phone("Ada")
    got = host.post(f"/e/{code}/report/retention", data={"days": "2"})
    assert got.status_code == 302
    assert host.post(f"/e/{code}/report/retention", data={"days": "999"}).status_code == 302
    with app.app_context():
        assert find_event(code).retention_days == 2
    host.post(f"/e/{code}/host/end")
    page = ada.get(f"/j/{code}").data.decode()
    assert "The list of people you met stays available until" in page
    with app.app_context():
        ev = find_event(code)
        ev.ended_at = 1_767_268_800.0  # 1 January 2026, 12:00 UTC
        db.session.commit()
        assert privacy.kept_until(ev, 0) == (
            "The list of people you met stays available until 3 January 2026."
        )
        assert privacy.purge_due(1_767_484_799.0) == []  # 3 January, 23:59:59
        assert privacy.sweep(1_767_484_800.0) == [code]  # midnight: gone
        assert find_event(code).purged_at == 1_767_484_800.0
        assert db.session.scalar(select(Attendee.name).where(Attendee.name == "Ada")) is None
    assert ada.get(f"/j/{code}").status_code == 410  # its cookie stands for nobody now


def test_the_cron_and_host_commands(app, event, phone, host):
    code = event["code"]
    phone("Ada")
    runner = app.test_cli_runner()
    out = runner.invoke(args=["purge", code])
    assert out.exit_code != 0 and "End the event first" in out.output
    assert runner.invoke(args=["purge-due"]).output.strip() == "Nothing due."
    host.post(f"/e/{code}/host/end")
    out = runner.invoke(args=["purge", code.lower()])
    assert out.exit_code == 0 and "personal data deleted" in out.output
    assert "already done" in runner.invoke(args=["purge", code]).output
    with app.app_context():
        assert db.session.scalar(select(Attendee.id).where(Attendee.name == "Ada")) is None
    assert runner.invoke(args=["purge", "NOPE12"]).exit_code != 0


def test_an_attendee_removes_themselves_and_the_others_lists_update(
    app, event, phone, host, monkeypatch
):
    phones, partner, _ = met_and_shared(app, event, phone, monkeypatch, {"Ada": "a@example.org"})
    code = event["code"]
    friend = phones[partner["Ada"]]
    assert len(cards_of(friend, code)) == 1
    page = phones["Ada"].post(f"/j/{code}/leave", data={"confirm": "yes"})
    assert page.status_code == 200 and b"You removed yourself" in page.data
    assert cards_of(friend, code) == []
    with app.test_request_context():
        connect.forget()
        ev = find_event(code)
        me = db.session.scalar(select(Attendee).where(Attendee.name == partner["Ada"]))
        from socialapp.kinds.base import Ctx

        view = connect.personal_view(Ctx(ev, None, time.time(), "attendee", me), me)
        assert view["met"] == [] and "Ada" not in str(view)
        assert personal_strings(["Ada", "a@example.org"]) == []
    assert phones["Ada"].get(f"/j/{code}").status_code == 200  # a fresh join form
    assert b"Join" in phones["Ada"].get(f"/j/{code}").data
    # After the end, the same: another phone leaves from the after-event page.
    host.post(f"/e/{code}/host/end")
    assert b"Remove me" in friend.get(f"/j/{code}").data
    assert friend.post(f"/j/{code}/leave", data={"confirm": "yes"}).status_code == 200
    assert friend.get(f"/j/{code}").status_code == 410
    with app.app_context():
        assert personal_strings([partner["Ada"]]) == []


def test_host_panel_says_how_long_personal_data_stays(app, event, host):
    page = host.get(f"/e/{event['code']}/host").data.decode()
    assert "Personal data is deleted 30 days after the event ends." in page
    host.post(f"/e/{event['code']}/report/retention", data={"days": "0"})
    page = host.get(f"/e/{event['code']}/host").data.decode()
    assert "Personal data is deleted at midnight after the event ends." in page


def test_leaving_during_a_live_round_mends_the_group(app, event, phone, monkeypatch):
    from socialapp import commands, ratelimit
    from socialapp.kinds.icebreaker.models import IcebreakerMember

    monkeypatch.setattr(ratelimit, "check", lambda *a: None)
    for n in ("Ada", "Grace", "Alan", "Edsger"):
        phone(n)
    with app.test_request_context():
        ev = find_event(event["code"])
        ids = {a.name: a.id for a in db.session.query(Attendee)}
        run(ev.id, "host", None, "agenda.goto", {"segment_id": seg_of(ev, "icebreaker")})
        for n in ids:
            run(ev.id, "attendee", ids[n], "icebreaker.here")
        run(ev.id, "host", None, "icebreaker.start_round")
        ack = commands.run(ev.id, "attendee", ids["Ada"], "people.leave", {})
        assert ack["ok"] and ack["left"], ack
        members = [m.attendee_id for m in db.session.query(IcebreakerMember)]
        assert ids["Ada"] not in members and len(members) == 3  # her partner joined a pair
        assert personal_strings(["Ada"]) == []
        again = commands.run(ev.id, "attendee", ids["Ada"], "people.leave", {})
        assert not again["ok"]  # her phone stands for nobody now
