"""HTTP routes: creating, joining, host sign-in, agenda forms, QR codes, friendly pages."""

import re

import pytest

from socialapp.events import CODE_ALPHABET, find_event
from socialapp.extensions import db
from socialapp.models import Attendee, Event


def test_index_creates_event_and_signs_in_host(client, app):
    r = client.post("/", data={"name": "ICLR 2026 Social", "template": "mlc-social"})
    assert r.status_code == 302
    code = re.search(r"/e/(\w+)/host", r.headers["Location"]).group(1)
    assert len(code) == 6 and set(code) <= set(CODE_ALPHABET)
    page = client.get(r.headers["Location"])
    assert b"ICLR 2026 Social" in page.data and b"Pause" not in page.data[:0]
    assert b'id="controls"' in page.data


def test_codes_avoid_ambiguous_characters():
    assert not set("01OIL") & set(CODE_ALPHABET)


def test_join_remembers_the_phone(app, event, phone):
    p = phone("Ada")
    page = p.get(f"/j/{event['code']}")
    assert b"You are" in page.data and b"Ada" in page.data
    p.get(f"/j/{event['code']}")  # reload
    with app.app_context():
        assert db.session.query(Attendee).count() == 1


def test_code_is_case_insensitive(client, event):
    r = client.get(f"/j/{event['code'].lower()}")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/j/{event['code']}")


@pytest.mark.parametrize("name", ["", "   ", "x" * 41, "a\u202eb"])
def test_join_refuses_bad_names(client, event, app, name):
    r = client.post(f"/j/{event['code']}", data={"name": name})
    assert r.status_code == 400
    assert b'class="error"' in r.data
    with app.app_context():
        assert db.session.query(Attendee).count() == 0


def test_same_names_are_told_apart(app, event, phone):
    phone("Alex")
    phone(" alex ")
    with app.app_context():
        labels = sorted(a.label for a in db.session.query(Attendee))
    assert labels == ["Alex", "alex (2)"]


def test_html_in_names_is_text(app, event, phone):
    p = phone("<script>alert(1)</script>")
    page = p.get(f"/j/{event['code']}").data
    assert b"<script>alert(1)</script>" not in page
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_wrong_and_ended_codes_get_friendly_pages(client, app, event, host):
    r = client.get("/j/ZZZZZZ")
    assert r.status_code == 404 and b"No such event" in r.data
    for url in ("/e/ZZZZZZ/display", "/e/ZZZZZZ/host", "/e/ZZZZZZ/qr.svg"):
        assert client.get(url).status_code == 404
    host.post(f"/e/{event['code']}/host/end")
    r = client.get(f"/j/{event['code']}")
    assert r.status_code == 410 and b"has ended" in r.data


def test_host_link_is_exchanged_for_a_session(client, event):
    r = client.get(f"/e/{event['code']}/host?key={event['key']}")
    assert r.status_code == 302
    assert "key=" not in r.headers["Location"]
    assert client.get(r.headers["Location"]).status_code == 200


def test_host_key_form(client, event):
    r = client.post(f"/e/{event['code']}/host", data={"key": "wrong"})
    assert r.status_code == 403 and b"not right" in r.data
    r = client.post(f"/e/{event['code']}/host", data={"key": event["key"]})
    assert r.status_code == 302


def test_wrong_host_link_is_refused(client, event):
    r = client.get(f"/e/{event['code']}/host?key=nope")
    assert r.status_code == 403
    assert b'id="controls"' not in r.data


def test_non_hosts_cannot_edit(app, event, phone, client):
    p = phone("Eve")
    for c in (p, client):
        assert (
            c.post(
                f"/e/{event['code']}/host/segments",
                data={"new-kind": "info", "new-title": "x", "new-minutes": 5},
            ).status_code
            == 403
        )
        assert c.post(f"/e/{event['code']}/host/end").status_code == 403
        assert c.post(f"/e/{event['code']}/host/rotate-key").status_code == 403
    with app.app_context():
        ev = find_event(event["code"])
        assert len(ev.segments) == 6 and ev.ended_at is None


def test_host_edits_the_agenda(app, event, host):
    code = event["code"]
    r = host.post(
        f"/e/{code}/host/segments",
        data={"new-kind": "info", "new-title": "Photo", "new-minutes": 5},
    )
    assert r.status_code == 302
    with app.app_context():
        ev = find_event(code)
        added = ev.segments[-1]
        first = ev.segments[0]
    assert added.title == "Photo" and added.position == 6
    host.post(f"/e/{code}/host/segments/{added.id}/move", data={"to": 0})
    host.post(
        f"/e/{code}/host/segments/{first.id}",
        data={
            f"s{first.id}-kind": "info",
            f"s{first.id}-title": "Hello!",
            f"s{first.id}-minutes": 7,
            f"s{first.id}-instructions": "Hi",
        },
    )
    with app.app_context():
        ev = find_event(code)
        assert [s.title for s in ev.segments[:2]] == ["Photo", "Hello!"]
        assert ev.segments[1].minutes == 7
    host.post(f"/e/{code}/host/segments/{added.id}/delete")
    with app.app_context():
        assert [s.title for s in find_event(code).segments][0] == "Hello!"


def test_each_kind_edits_its_own_settings_in_the_agenda_form(app, event, host):
    """The form's kind fields come from each kind's HOST_SETTINGS: an icebreaker segment shows
    its prompt questions (and saves them, one per line), an open mic its minutes per speaker."""
    code = event["code"]
    with app.app_context():
        segs = {s.kind: (s.id, s.title) for s in find_event(code).segments}
    ice, mic = segs["icebreaker"][0], segs["open_mic"][0]
    page = host.get(f"/e/{code}/host").get_data(as_text=True)
    assert f'name="s{ice}-prompts"' in page and f'name="s{ice}-speaker_minutes"' not in page
    assert f'name="s{mic}-speaker_minutes"' in page and f'name="s{mic}-prompts"' not in page
    r = host.post(
        f"/e/{code}/host/segments/{ice}",
        data={
            f"s{ice}-kind": "icebreaker",
            f"s{ice}-title": segs["icebreaker"][1],
            f"s{ice}-minutes": 10,
            f"s{ice}-prompts": "  What brought you here?\r\n\r\nBest bug you fixed?  ",
            f"s{ice}-speaker_minutes": 9,  # not an icebreaker setting: ignored
        },
    )
    assert r.status_code == 302
    with app.app_context():
        settings = next(s for s in find_event(code).segments if s.id == ice).settings
    assert settings["prompts"] == ["What brought you here?", "Best bug you fixed?"]
    assert "speaker_minutes" not in settings
    assert "Best bug you fixed?</textarea>" in host.get(f"/e/{code}/host").get_data(as_text=True)


def test_bad_agenda_form_changes_nothing(app, event, host):
    code = event["code"]
    r = host.post(
        f"/e/{code}/host/segments",
        data={"new-kind": "nope", "new-title": "", "new-minutes": 0},
        follow_redirects=True,
    )
    assert b"Not saved" in r.data
    with app.app_context():
        assert len(find_event(code).segments) == 6


def test_rotating_the_key_ends_other_host_sessions(app, event, host):
    other = app.test_client()
    other.get(f"/e/{event['code']}/host?key={event['key']}")
    host.post(f"/e/{event['code']}/host/rotate-key")
    assert host.get(f"/e/{event['code']}/host").status_code == 200
    assert b'id="controls"' in host.get(f"/e/{event['code']}/host").data
    assert b'id="controls"' not in other.get(f"/e/{event['code']}/host").data
    assert other.get(f"/e/{event['code']}/host?key={event['key']}").status_code == 403


def test_qr_codes_and_poster(client, event):
    svg = client.get(f"/e/{event['code']}/qr.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    png = client.get(f"/e/{event['code']}/qr.png")
    assert png.data[:8] == b"\x89PNG\r\n\x1a\n"
    poster = client.get(f"/e/{event['code']}/poster")
    assert b"social.test/j/" + event["code"].encode() in poster.data


def test_qr_encodes_the_public_join_url(client, event):
    from io import BytesIO

    from socialapp.web.main import qr_for

    expected = BytesIO()
    qr_for(f"http://social.test/j/{event['code']}", 12).make_image().save(expected, format="PNG")
    assert client.get(f"/e/{event['code']}/qr.png").data == expected.getvalue()
    other = BytesIO()
    qr_for("http://localhost:5000/j/" + event["code"], 12).make_image().save(other, format="PNG")
    assert client.get(f"/e/{event['code']}/qr.png").data != other.getvalue()


def test_healthz_and_security_headers(client):
    r = client.get("/healthz")
    assert r.json == {"ok": True, "db": "ok", "queue": "not used"}
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_session_cookie_flags(client, event):
    r = client.post(f"/j/{event['code']}", data={"name": "Ada"})
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires" in cookie


def test_no_external_assets(client, event, host, phone):
    pages = [
        client.get("/"),
        client.get(f"/e/{event['code']}/display"),
        host.get(f"/e/{event['code']}/host"),
        phone("Ada").get(f"/j/{event['code']}"),
    ]
    for page in pages:
        for url in re.findall(rb'(?:src|href)="([^"]+)"', page.data):
            assert not url.startswith((b"http", b"//")) or b"social.test" in url, url


def test_csrf_is_required_on_forms(tmp_path):
    from socialapp import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "ASYNC_MODE": "threading",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'c.sqlite'}",
        }
    )
    c = app.test_client()
    assert c.post("/", data={"name": "x", "template": "mlc-social"}).status_code == 400
    with app.app_context():
        assert db.session.query(Event).count() == 0


def test_a_resubmitted_join_form_is_one_attendee(app, event):
    """The response to a join got lost on bad Wi-Fi; the browser sends the form again."""
    form = {"name": "Ada", "cid": "join-abc-123456"}
    first, again = app.test_client(), app.test_client()
    assert first.post(f"/j/{event['code']}", data=form).status_code == 302
    assert again.post(f"/j/{event['code']}", data=form).status_code == 302
    with app.app_context():
        assert db.session.query(Attendee).count() == 1
    assert b"Ada" in again.get(f"/j/{event['code']}").data


def test_join_form_carries_a_client_id(client, event):
    page = client.get(f"/j/{event['code']}").data.decode()
    assert re.search(r'name="cid" type="hidden" value="[\w-]{16,}"', page)
