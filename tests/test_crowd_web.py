"""A crowd at the door, over HTTP: joining, creating events and trying codes are rate-limited
in a way a venue's Wi-Fi (one address for the whole room) survives; the host's cap; the
rotating join code; a removed attendee's cookie."""

import re
import time

import pytest

from socialapp import commands, joincode, ratelimit
from socialapp.events import find_event
from socialapp.extensions import db
from socialapp.models import Attendee
from socialapp.web import attendee as attendee_page
from socialapp.web.common import TOO_MANY_CODES

VENUE = "198.51.100.7"


@pytest.fixture
def clock(monkeypatch):
    """The rate limits' clock, moved by the test (behaviour, not wall-clock time)."""
    now = {"t": 50_000.0}
    monkeypatch.setattr(ratelimit, "clock", lambda: now["t"], raising=False)  # (absent before)
    return now


def phone_at(app, addr=VENUE):
    c = app.test_client()
    c.environ_base["REMOTE_ADDR"] = addr
    return c


def joined(app):
    with app.app_context():
        return db.session.query(Attendee).filter(Attendee.removed_at.is_(None)).count()


def host_command(app, event, name, **args):
    with app.test_request_context():
        ratelimit.reset()
        ack = commands.run(event["id"], "host", None, name, args)
    assert ack["ok"], ack
    return ack


# ---------- joining ----------


def test_five_hundred_phones_behind_one_address_all_join_within_a_minute(app, event, clock):
    for i in range(500):
        clock["t"] = 50_000 + i * 60 / 500
        r = phone_at(app).post(f"/j/{event['code']}", data={"name": f"Guest {i}"})
        assert r.status_code == 302, (i, r.status_code)
    assert joined(app) == 500


def test_a_join_flood_from_one_address_is_slowed_and_others_still_get_in(app, event, clock):
    app.config["RATE_LIMITS"] = {"join_address": (20, 1.0)}  # small, so the test is quick
    statuses = []
    for i in range(100):  # 100 joins in 10 s from one script
        clock["t"] = 50_000 + i * 0.1
        statuses.append(phone_at(app).post(f"/j/{event['code']}", data={"name": f"Fake {i}"}))
    ok = sum(r.status_code == 302 for r in statuses)
    assert 20 <= ok <= 20 + 10 + 1
    refused = next(r for r in statuses if r.status_code != 302)
    assert refused.status_code == 429
    page = refused.data.decode()
    assert attendee_page.BUSY.replace("'", "&#39;") in page and 'value="Fake' in page
    assert joined(app) == ok
    # Someone on mobile data (another address) joins at once; the venue a few seconds later.
    assert (
        phone_at(app, "203.0.113.9").post(f"/j/{event['code']}", data={"name": "Ada"}).status_code
        == 302
    )
    clock["t"] += 2
    assert phone_at(app).post(f"/j/{event['code']}", data={"name": "Grace"}).status_code == 302


def test_one_event_takes_a_bounded_flow_from_many_addresses(app, event, clock):
    app.config["RATE_LIMITS"] = {"join_event": (30, 1.0)}
    codes = [
        phone_at(app, f"10.1.{i // 250}.{i % 250}")
        .post(f"/j/{event['code']}", data={"name": f"P{i}"})
        .status_code
        for i in range(40)
    ]
    assert codes.count(302) == 30 and set(codes[30:]) == {429}


# ---------- creating events ----------


def test_creating_events_is_limited_per_address_and_overall(app, clock):
    statuses = [
        phone_at(app).post("/", data={"name": f"Spam {i}", "template": "mlc-social"}).status_code
        for i in range(12)
    ]
    burst = int(ratelimit.RULES["create_address"].burst)
    assert statuses == [302] * burst + [429] * (12 - burst)
    r = phone_at(app).post("/", data={"name": "One more", "template": "mlc-social"})
    assert b"try again in" in r.data and r.headers["Retry-After"]
    assert (
        phone_at(app, "203.0.113.5")
        .post("/", data={"name": "A real host", "template": "mlc-social"})
        .status_code
        == 302
    )
    clock["t"] += 60  # one more an hour... a minute later
    assert (
        phone_at(app).post("/", data={"name": "Later", "template": "mlc-social"}).status_code == 302
    )
    # Many addresses together meet the overall limit.
    app.config["RATE_LIMITS"] = {"create_global": (3, 0.001)}
    ratelimit.reset()
    codes = [
        phone_at(app, f"10.9.0.{i}").post("/", data={"name": f"E{i}", "template": "mlc-social"})
        for i in range(5)
    ]
    assert [r.status_code for r in codes] == [302, 302, 302, 429, 429]


# ---------- probing event codes ----------


def test_probing_codes_gets_a_friendly_429_and_then_tells_nothing(app, event, host, phone, clock):
    member = phone("Ada")
    member.environ_base["REMOTE_ADDR"] = VENUE
    host.environ_base["REMOTE_ADDR"] = VENUE
    prober = phone_at(app)
    burst = int(ratelimit.RULES["probe_address"].burst)
    statuses = [prober.get(f"/j/ZZZZ{i:02d}").status_code for i in range(burst + 5)]
    assert statuses == [404] * burst + [429] * 5
    r = prober.get("/j/ZZZZZZ")
    assert b"Too many tries" in r.data and int(r.headers["Retry-After"]) > 0
    assert TOO_MANY_CODES.encode() in r.data
    # Spent: a real code answers the same as a wrong one (no oracle), for strangers...
    for path in ("/j/{c}", "/e/{c}/display", "/e/{c}/qr.svg", "/e/{c}/poster"):
        assert prober.get(path.format(c=event["code"])).status_code == 429
    # ...but never for the people of the event on the same Wi-Fi.
    assert member.get(f"/j/{event['code']}").status_code == 200
    assert host.get(f"/e/{event['code']}/host").status_code == 200
    with app.test_request_context():
        key = joincode.display_key(app.config["SECRET_KEY"], f"{event['id']}:{event['code']}")
    assert prober.get(f"/e/{event['code']}/display?key={key}").status_code == 200
    assert prober.get(f"/e/{event['code']}/host?key={event['key']}").status_code == 302
    # Time heals: a typo a few seconds later gets the ordinary page.
    clock["t"] += 10
    assert prober.get("/j/ZZZZZZ").status_code == 404
    assert prober.get(f"/j/{event['code']}").status_code == 200


def test_probing_over_socket_connects_is_limited_too(app, event, sio, clock):
    burst = int(ratelimit.RULES["probe_address"].burst)
    for i in range(burst):
        assert not sio(role="display", code=f"QQQQ{i:02d}").is_connected()
    assert not sio(role="display", code=event["code"]).is_connected()  # spent: refused alike
    clock["t"] += 10
    assert sio(role="display", code=event["code"]).is_connected()


def test_the_address_behind_a_trusted_proxy(app, event, clock):
    app.config["RATE_LIMITS"] = {"probe_address": (2, 0.001)}

    def probe(forwarded):
        c = app.test_client()
        c.environ_base["REMOTE_ADDR"] = "127.0.0.1"  # nginx on the same machine
        return c.get("/j/ZZZZZZ", headers={"X-Forwarded-For": forwarded}).status_code

    # Without TRUSTED_PROXIES a header anyone can send is ignored: all come from 127.0.0.1.
    assert [probe(f"10.0.0.{i}") for i in range(3)] == [404, 404, 429]
    app.config["TRUSTED_PROXIES"] = 1
    ratelimit.reset()
    assert [probe("1.1.1.1, 10.0.0.1") for _ in range(3)] == [404, 404, 429]
    assert probe("1.1.1.1, 10.0.0.2") == 404  # the address nginx saw, not the spoofable one


# ---------- the host's cap ----------


def test_the_cap_turns_away_newcomers_with_a_clear_page(app, event, phone):
    host_command(app, event, "people.settings", max_attendees=2)
    ada = phone("Ada")
    phone("Grace")
    r = app.test_client().post(f"/j/{event['code']}", data={"name": "Alan"})
    assert r.status_code == 403 and b"This event is full" in r.data
    page = app.test_client().get(f"/j/{event['code']}")
    assert page.status_code == 403 and b"This event is full" in page.data
    assert b"You are" in ada.get(f"/j/{event['code']}").data  # those in stay in
    assert joined(app) == 2
    with app.app_context():
        first = db.session.query(Attendee).first().id
    host_command(app, event, "people.remove", attendee_ids=[first])  # a seat frees up
    assert app.test_client().post(f"/j/{event['code']}", data={"name": "Alan"}).status_code == 302
    host_command(app, event, "people.settings", max_attendees=0)  # 0: no limit
    assert app.test_client().post(f"/j/{event['code']}", data={"name": "Edsger"}).status_code == 302


# ---------- the rotating join code ----------


def room_code(app, event, at=None):
    with app.app_context():
        return joincode.current(
            app.config["SECRET_KEY"], f"{event['id']}:{event['code']}", at or time.time()
        )[0]


def test_the_rotating_code_lets_the_room_in_and_a_photo_go_stale(app, event, phone, monkeypatch):
    ada = phone("Ada")  # joined before: never asked for a code
    host_command(app, event, "people.settings", rotate=True)
    plain = app.test_client().get(f"/j/{event['code']}").data.decode()
    assert 'name="room_code"' in plain and "big screen" in plain
    assert 'type="hidden" name="room_code"' not in plain
    r = app.test_client().post(f"/j/{event['code']}", data={"name": "Mallory"})
    assert r.status_code == 400 and b"room code" in r.data
    r = app.test_client().post(f"/j/{event['code']}", data={"name": "Mallory", "room_code": "AAAA"})
    assert r.status_code == 400
    # The QR link carries the code: the form keeps it hidden and the join goes through.
    now = time.time()
    code = room_code(app, event, now)
    scanned = app.test_client()
    page = scanned.get(f"/j/{event['code']}?k={code}").data.decode()
    assert f'type="hidden" name="room_code" value="{code}"' in page
    assert (
        scanned.post(f"/j/{event['code']}", data={"name": "Grace", "room_code": code}).status_code
        == 302
    )
    # Scanned just before it changed: still fine. A photo two windows old: stale.
    w = joincode.WINDOW_SECONDS
    monkeypatch.setattr(attendee_page.time, "time", lambda: now + w)
    assert (
        app.test_client()
        .post(f"/j/{event['code']}", data={"name": "Alan", "room_code": code})
        .status_code
        == 302
    )
    monkeypatch.setattr(attendee_page.time, "time", lambda: now + 2 * w + 1)
    stale = app.test_client().post(f"/j/{event['code']}", data={"name": "Eve", "room_code": code})
    assert stale.status_code == 400 and attendee_page.WRONG_ROOM_CODE.encode() in stale.data
    assert b"You are" in ada.get(f"/j/{event['code']}").data
    assert joined(app) == 3


def test_only_the_projector_gets_the_rotating_code(app, event, client):
    host_command(app, event, "people.settings", rotate=True)
    base = f"/e/{event['code']}"
    assert client.get(f"{base}/join-code.json").status_code == 403
    assert client.get(f"{base}/join-code.json?key=nope").status_code == 403
    assert client.get(f"{base}/join-qr.svg").status_code == 403
    with app.app_context():
        key = joincode.display_key(app.config["SECRET_KEY"], f"{event['id']}:{event['code']}")
    d = client.get(f"{base}/join-code.json?key={key}").get_json()
    assert d["rotating"] is True and d["code"] == room_code(app, event)
    assert 0 < d["changes_in"] <= joincode.WINDOW_SECONDS
    svg = client.get(d["qr_svg"])
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    # The projector page knows its key only when it was given the right one.
    assert f'data-key="{key}"'.encode() in client.get(f"{base}/display?key={key}").data
    assert b'data-key=""' in client.get(f"{base}/display?key=guess").data
    # Nothing public carries the code.
    assert d["code"].encode() not in client.get(f"{base}/display").data
    host_command(app, event, "people.settings", rotate=False)
    assert client.get(f"{base}/join-code.json?key={key}").get_json() == {"rotating": False}


def test_guessing_room_codes_spends_the_probing_budget(app, event, clock):
    host_command(app, event, "people.settings", rotate=True)
    burst = int(ratelimit.RULES["probe_address"].burst)
    guesser = phone_at(app)
    codes = [
        guesser.post(
            f"/j/{event['code']}", data={"name": "G", "room_code": f"Z{i:03d}"}
        ).status_code
        for i in range(burst + 2)
    ]
    assert codes == [400] * burst + [429] * 2


# ---------- removed attendees ----------


def test_a_removed_attendees_cookie_no_longer_works(app, event, phone, sio):
    mallory = phone("Mallory")
    with app.app_context():
        mid = find_event(event["code"]) and db.session.query(Attendee).one().id
    host_command(app, event, "people.remove", attendee_ids=[mid])
    page = mallory.get(f"/j/{event['code']}")
    assert page.status_code == 403 and b"removed you" in page.data
    assert not sio(mallory, "attendee").is_connected()
    assert re.search(rb"removed", mallory.post(f"/j/{event['code']}", data={"name": "M2"}).data)
    assert joined(app) == 0
