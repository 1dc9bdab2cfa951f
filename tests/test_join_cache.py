"""The join path's cache (socialapp.eventcache) never serves a stale event: every change (the
event renamed, its agenda changed, the event ended), in this process or another one on the
same database, reaches the next phone that opens the join page or connects; a join does not
throw the cache away (that is what makes a QR rush cheap)."""

import re
import subprocess
import sys
import textwrap

from socialapp import commands, eventcache
from socialapp.extensions import db
from socialapp.kinds.base import Change
from socialapp.models import Event
from tests.conftest import ROOT, join, last


def newcomer(sio, code, client=None, role="display"):
    """The first state a screen connecting now is sent."""
    s = sio(client, role, code)
    state = last(s.get_received(), "state")
    s.disconnect()
    return state


def rename(event_id, name):
    """A change to the event's own row through the one write path (as any worker makes it)."""

    def step(locked):
        locked.name = name
        return Change()

    commands.write(event_id, step, "rename")


def versions(app, event_id):
    with app.app_context():
        ev = db.session.get(Event, event_id)
        return ev.version, ev.content_version


def test_a_join_moves_the_version_but_not_the_content_version(app, event):
    before = versions(app, event["id"])
    join(app, event["code"], "Ada")
    after = versions(app, event["id"])
    assert after[0] == before[0] + 1 and after[1] == before[1]
    with app.app_context():
        assert commands.run(event["id"], "host", None, "agenda.start", {})["ok"]
    assert versions(app, event["id"])[1] == versions(app, event["id"])[0]


def test_phones_connecting_in_a_rush_share_one_build_of_the_public_state(
    app, event, sio, monkeypatch
):
    code = event["code"]
    first = newcomer(sio, code)
    # The join's batched send to the hosts would keep a newer build: keep none, to see that
    # the join itself leaves the first one good.
    monkeypatch.setattr(eventcache, "remember_public", lambda *a: None)
    phone = join(app, code, "Ada")
    second = newcomer(sio, code, phone, "attendee")
    assert second["v"] == first["v"] and second["agenda"] == first["agenda"]
    assert second["event"]["count"] == 1  # the count is of now: Ada is here
    with app.app_context():
        assert eventcache.find(code).version > first["v"]


def test_every_change_in_this_process_reaches_the_next_phone(app, event, host, sio):
    code, eid = event["code"], event["id"]
    assert newcomer(sio, code)["event"]["name"] == "Test Social"
    with app.app_context():
        rename(eid, "Renamed Social")
    assert newcomer(sio, code)["event"]["name"] == "Renamed Social"
    assert b"Renamed Social" in app.test_client().get(f"/j/{code}").data
    seg = newcomer(sio, code)["agenda"][0]
    with app.app_context():
        ack = commands.run(
            eid, "host", None, "agenda.update", {"segment_id": seg["id"], "title": "New first"}
        )
        assert ack["ok"], ack
    assert newcomer(sio, code)["agenda"][0]["title"] == "New first"
    with app.app_context():
        assert commands.run(eid, "host", None, "agenda.start", {})["ok"]
    assert newcomer(sio, code)["live"]["title"] == "New first"
    assert host.post(f"/e/{code}/host/end").status_code == 302
    assert newcomer(sio, code)["event"]["ended"] is True
    assert app.test_client().get(f"/j/{code}").status_code == 410


def test_a_change_made_by_another_app_on_the_same_database_reaches_the_next_phone(app, event, sio):
    """Another worker: its own app (its own broadcast layer, nothing shared with ours but the
    database) changes the event; our next phone sees it."""
    from socialapp import create_app

    code, eid = event["code"], event["id"]
    assert newcomer(sio, code)["event"]["name"] == "Test Social"
    other = create_app(dict(app.config) | {"BROADCAST_SECONDS": 0})
    with other.app_context():
        commands.lock(eid)  # as its write path does, without its broadcast
        db.session.get(Event, eid).name = "Changed Elsewhere"
        db.session.commit()
    assert newcomer(sio, code)["event"]["name"] == "Changed Elsewhere"
    assert b"Changed Elsewhere" in app.test_client().get(f"/j/{code}").data


def test_a_change_made_by_another_process_reaches_the_next_phone(app, event, sio, monkeypatch):
    monkeypatch.setattr(eventcache, "FRESH_SECONDS", 3600)  # the process takes seconds
    code, eid = event["code"], event["id"]
    first = newcomer(sio, code)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    script = textwrap.dedent(f"""
        from socialapp import commands, create_app
        app = create_app({{"SQLALCHEMY_DATABASE_URI": {uri!r}, "SECRET_KEY": "test",
                           "ASYNC_MODE": "threading", "PUBLIC_URL": "http://social.test"}})
        with app.test_request_context():
            ack = commands.run({eid}, "host", None, "agenda.update",
                               {{"segment_id": {first["agenda"][1]["id"]}, "title": "Elsewhere"}})
            assert ack["ok"], ack
    """)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, timeout=120)
    assert newcomer(sio, code)["agenda"][1]["title"] == "Elsewhere"


TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
CID = re.compile(r'name="cid" type="hidden" value="([^"]+)"')


def test_the_join_page_a_rush_shares_is_the_rendered_one_with_each_phone_its_own_token(
    tmp_path, monkeypatch
):
    """The join page is rendered once per event version and then filled in per phone: the
    same page, each phone's own CSRF token (checked on the form as ever) and form id."""
    from socialapp import create_app, events
    from socialapp.web import attendee

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "ASYNC_MODE": "threading",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'c.sqlite'}",
        }
    )
    with app.app_context():
        code = events.create_event("Rush Social").code
    first, second = app.test_client(), app.test_client()
    pages = [first.get(f"/j/{code}")]
    with monkeypatch.context() as m:  # the second phone's page is filled in, not rendered
        m.setattr(attendee, "render_template", None)
        pages.append(second.get(f"/j/{code}"))
    assert [p.status_code for p in pages] == [200, 200]
    tokens = [TOKEN.search(p.text).group(1) for p in pages]
    cids = [CID.search(p.text).group(1) for p in pages]
    assert tokens[0] != tokens[1] and cids[0] != cids[1]
    plain = [
        p.text.replace(t, "T").replace(c, "C") for p, t, c in zip(pages, tokens, cids, strict=True)
    ]
    assert plain[0] == plain[1] and "Rush Social" in plain[1]
    # Each token is its phone's own: another phone's is refused, and nothing is joined.
    form = {"name": "Bo", "cid": cids[1]}
    assert first.post(f"/j/{code}", data=form | {"csrf_token": tokens[1]}).status_code == 400
    assert second.post(f"/j/{code}", data=form | {"csrf_token": "x"}).status_code == 400
    assert second.post(f"/j/{code}", data=form | {"csrf_token": tokens[1]}).status_code == 302
    assert "Bo" in second.get(f"/j/{code}").text  # the phone page
    with app.app_context():
        rename(events.find_event(code).id, "Renamed Social")
    assert "Renamed Social" in app.test_client().get(f"/j/{code}").text
