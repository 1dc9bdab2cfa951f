"""The open_mic segment through Socket.IO and the command layer: bowl, draws, running order,
speaker timer, absent, manual entries, closed bowl, concurrency, authorisation, bad input."""

import random
import threading
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialapp import commands, ratelimit
from socialapp.errors import CommandError
from socialapp.extensions import db
from socialapp.kinds import open_mic
from socialapp.kinds.open_mic.models import OpenMicEntry, OpenMicLog
from tests.conftest import command


def recv(client):
    """Keep each client's latest state and "me" (a test may read them more than once)."""
    for m in client.get_received():
        if m["name"] in ("state", "me"):
            setattr(client, "latest_" + m["name"], m["args"][0])


def state(client):
    recv(client)
    return getattr(client, "latest_state", None)


def mic_ids(s):
    return [x["id"] for x in s["agenda"] if x["kind"] == "open_mic"]


@pytest.fixture
def mic(host, sio):
    """The host's socket with the first open-mic segment live."""
    h = sio(host, "host")
    s = state(h)
    ack = command(h, "agenda.goto", {"segment_id": mic_ids(s)[0]})
    assert ack["ok"], ack
    h.segment_ids = mic_ids(s)
    recv(h)
    return h


@pytest.fixture
def people(phone, sio, mic):
    """Factory: n phones (sockets) that joined; each has .name."""

    def make(*names):
        out = []
        for name in names:
            p = sio(phone(name), "attendee")
            p.name = name
            recv(p)
            out.append(p)
        return out

    return make


def me(client):
    recv(client)
    return getattr(client, "latest_me", None)


def run(app, event, role, name, args=None, attendee_id=None, rng=None):
    with app.test_request_context():
        return commands.run(event["id"], role, attendee_id, name, args or {}, rng=rng)


# ---------- settings ----------


def test_the_template_has_two_open_mics_of_four_minutes(mic):
    command(mic, "open_mic.close", {"closed": False})  # any change sends the state again
    s = state(mic)
    segs = [x for x in s["host"]["segments"] if x["id"] in mic.segment_ids]
    assert [x["settings"]["speaker_minutes"] for x in segs] == [4, 4]
    assert "great collaboration" in segs[0]["settings"]["theme"]
    assert s["kind"]["speaker_minutes"] == 4 and s["kind"]["in_bowl"] == 0


@pytest.mark.parametrize("bad", [0, 61, "4", True, 2.5, None, [4]])
def test_speaker_minutes_must_be_1_to_60(bad):
    with pytest.raises(CommandError) as err:
        open_mic.clean_settings({"speaker_minutes": bad})
    assert "minutes per speaker" in err.value.message


def test_settings_are_cleaned():
    assert open_mic.clean_settings({"speaker_minutes": 60})["speaker_minutes"] == 60
    assert open_mic.clean_settings({})["speaker_minutes"] == 4
    # the theme is one line of plain text: runs of spaces collapse (socialapp/core/text.py)
    assert open_mic.clean_settings({"theme": "  a   b ", "junk": 1}) == {
        "speaker_minutes": 4,
        "theme": "a b",
        "go_to": open_mic.DEFAULT_GO_TO,
    }
    with pytest.raises(CommandError):
        open_mic.clean_settings({"theme": "x" * 201})


def test_speaker_minutes_through_the_agenda_command(mic):
    seg = mic.segment_ids[1]
    ack = command(mic, "agenda.update", {"segment_id": seg, "settings": {"speaker_minutes": 99}})
    assert not ack["ok"] and "between 1 and 60" in ack["error"]
    ack = command(mic, "agenda.update", {"segment_id": seg, "settings": {"speaker_minutes": 5}})
    assert ack["ok"], ack


# ---------- attendees: enter and withdraw ----------


def test_put_my_name_in_and_take_it_out(mic, people):
    ada, bob = people("Ada", "Bob")
    ack = command(ada, "open_mic.enter", {"title": "The   paper that  almost wasn't"})
    assert ack["ok"] and ack["entry_id"], ack
    mine = me(ada)["kind"]["entry"]
    assert mine["status"] == "bowl" and mine["title"] == "The paper that almost wasn't"
    assert state(bob)["kind"]["in_bowl"] == 1
    again = command(ada, "open_mic.enter", {})
    assert not again["ok"] and again["code"] == "conflict" and "already" in again["error"]
    assert command(bob, "open_mic.enter", {})["ok"]  # no title is fine
    assert state(mic)["kind"]["in_bowl"] == 2

    assert command(ada, "open_mic.withdraw")["ok"]
    assert me(ada)["kind"]["entry"] is None
    assert state(mic)["kind"]["in_bowl"] == 1
    assert not command(ada, "open_mic.withdraw")["ok"]
    assert command(ada, "open_mic.enter", {"title": "Second thoughts"})["ok"]  # may come back


def test_no_withdrawing_once_drawn(mic, people):
    (ada,) = people("Ada")
    command(ada, "open_mic.enter")
    assert command(mic, "open_mic.draw")["ok"]
    ack = command(ada, "open_mic.withdraw")
    assert not ack["ok"] and "drawn" in ack["error"]
    assert me(ada)["kind"]["entry"]["status"] == "drawn"


def test_a_retried_message_enters_once(mic, people, app):
    (ada,) = people("Ada")
    cid = str(uuid.uuid4())
    first = command(ada, "open_mic.enter", {"title": "x"}, cid=cid)
    second = command(ada, "open_mic.enter", {"title": "x"}, cid=cid)
    assert first["ok"] and second["ok"] and second["duplicate"]
    assert second["entry_id"] == first["entry_id"]
    with app.app_context():
        assert db.session.query(OpenMicEntry).count() == 1


def test_same_names_are_told_apart(mic, people):
    a1, a2 = people("Ada", "Ada")
    command(a1, "open_mic.enter")
    command(a2, "open_mic.enter")
    command(mic, "open_mic.draw", {"count": 2})
    names = sorted(x["name"] for x in state(mic)["kind"]["order"])
    assert names == ["Ada", "Ada (2)"]


# ---------- the host: draws and running order ----------


def test_draws_never_repeat_and_the_bowl_runs_empty(mic, people):
    phones = people(*[f"P{i}" for i in range(5)])
    for p in phones:
        command(p, "open_mic.enter")
    drawn = []
    for _ in range(5):
        ack = command(mic, "open_mic.draw")
        assert ack["ok"], ack
        drawn += [d["id"] for d in ack["drawn"]]
    assert len(set(drawn)) == 5
    ack = command(mic, "open_mic.draw")
    assert not ack["ok"] and "empty" in ack["error"]
    s = state(mic)
    assert s["kind"]["in_bowl"] == 0 and [x["id"] for x in s["kind"]["order"]] == drawn
    assert [x["no"] for x in s["kind"]["order"]] == [1, 2, 3, 4, 5]


def test_drawing_several_sets_a_running_order_and_later_names_go_after(mic, people):
    phones = people("A", "B", "C", "D", "E")
    for p in phones[:4]:
        command(p, "open_mic.enter")
    ack = command(mic, "open_mic.draw", {"count": 3})
    assert ack["ok"] and len(ack["drawn"]) == 3
    first = [d["name"] for d in ack["drawn"]]
    command(phones[4], "open_mic.enter")
    ack = command(mic, "open_mic.draw", {"count": 20})  # more than left: draws all that are
    assert len(ack["drawn"]) == 2
    order = state(phones[0])["kind"]["order"]
    assert [x["name"] for x in order[:3]] == first
    assert [x["no"] for x in order] == [1, 2, 3, 4, 5]
    # every phone knows its own place; the first is on deck
    positions = {p.name: me(p)["kind"]["entry"]["position"] for p in phones}
    assert sorted(positions.values()) == [1, 2, 3, 4, 5]
    assert positions[first[0]] == 1


def test_the_draw_uses_the_rng_the_command_layer_gives(app, event, mic, people):
    phones = people(*[f"N{i}" for i in range(8)])
    for p in phones:
        command(p, "open_mic.enter")
    a = run(app, event, "host", "open_mic.draw", {"count": 8}, rng=random.Random(99))
    with app.app_context():
        ids = sorted(e.id for e in db.session.query(OpenMicEntry))
    expected = random.Random(99).sample(ids, 8)
    assert [d["id"] for d in a["drawn"]] == expected


def test_every_draw_is_logged_for_the_host_only(mic, people):
    phones = people("A", "B", "C")
    for p in phones:
        command(p, "open_mic.enter")
    command(mic, "open_mic.draw")
    command(mic, "open_mic.draw", {"count": 2})
    s = state(mic)
    logs = s["host"]["kind"]["log"]
    assert [g["action"] for g in logs] == ["draw"] * 3
    assert [g["pool"] for g in reversed(logs)] == [3, 2, 1]
    assert all(abs(g["at"] - s["t"]) < 5 for g in logs)
    assert {g["name"] for g in logs} == {"A", "B", "C"}
    pub = state(phones[0])
    assert "log" not in pub["kind"] and "host" not in pub


# ---------- the speaker and the timer ----------


def test_call_up_timer_pause_extend_end(mic, people):
    ada, bob, cy = people("Ada", "Bob", "Cy")
    for p, t in ((ada, "How we shipped"), (bob, ""), (cy, "")):
        command(p, "open_mic.enter", {"title": t})
    command(mic, "open_mic.draw", {"count": 3})
    s = state(mic)
    on_deck = s["kind"]["order"][0]
    ack = command(mic, "open_mic.next")
    assert ack["ok"] and ack["speaker"]["id"] == on_deck["id"]
    s = state(mic)
    assert s["kind"]["speaker"]["name"] == on_deck["name"]
    t = s["kind"]["timer"]
    assert t["status"] == "idle" and t["remaining"] == 240 and s["kind"]["timer_label"]
    assert len(s["kind"]["order"]) == 2

    assert command(mic, "open_mic.start")["ok"]
    s = state(mic)
    t = s["kind"]["timer"]
    assert t["status"] == "running" and abs(t["ends_at"] - s["t"] - 240) < 2
    assert command(mic, "open_mic.pause")["ok"]
    t = state(mic)["kind"]["timer"]
    assert t["status"] == "paused" and 238 < t["remaining"] <= 240
    assert command(mic, "open_mic.extend")["ok"]  # +30 s
    t = state(mic)["kind"]["timer"]
    assert 268 < t["remaining"] <= 270
    assert command(mic, "open_mic.resume")["ok"]
    assert state(mic)["kind"]["timer"]["status"] == "running"
    assert command(mic, "open_mic.extend", {"seconds": -600})["ok"]  # into time's up
    assert state(mic)["kind"]["timer"]["phase"] == "time_up"

    # the next one comes up; the last speaker is done
    ack = command(mic, "open_mic.next", {"start": True})
    s = state(mic)
    assert s["kind"]["timer"]["status"] == "running" and s["kind"]["spoken"] == 1
    assert command(mic, "open_mic.end")["ok"]
    s = state(mic)
    assert s["kind"]["speaker"] is None and "timer" not in s["kind"] and s["kind"]["spoken"] == 2
    ack = command(mic, "open_mic.pause")
    assert not ack["ok"] and "Nobody is speaking" in ack["error"]
    statuses = {p.name: me(p)["kind"]["entry"]["status"] for p in (ada, bob, cy)}
    assert sorted(statuses.values()) == ["done", "done", "drawn"]


def test_the_speaker_timer_is_the_main_timer_on_every_screen(mic, people, sio):
    (ada,) = people("Ada")
    d = sio(role="display")
    command(ada, "open_mic.enter")
    command(mic, "open_mic.draw")
    command(mic, "open_mic.next", {"start": True})
    s = state(d)
    assert s["kind"]["timer"]["status"] == "running"
    assert s["live"]["timer"]["status"] == "running"  # the segment's own 20 minutes go on
    assert me(ada)["kind"]["entry"]["status"] == "speaking"


def test_calling_up_needs_someone_drawn(mic, people):
    (ada,) = people("Ada")
    ack = command(mic, "open_mic.next")
    assert not ack["ok"] and "draw a name first" in ack["error"]


# ---------- absent, manual add, remove, closed bowl ----------


def test_absent_back_into_the_bowl_or_out(mic, people):
    ada, bob, cy = people("Ada", "Bob", "Cy")
    for p in (ada, bob, cy):
        command(p, "open_mic.enter")
    ack = command(mic, "open_mic.draw")
    first = ack["drawn"][0]
    ack = command(mic, "open_mic.absent", {"entry_id": first["id"], "back": True})
    assert ack["ok"] and ack["drawn"] == []
    s = state(mic)
    assert s["kind"]["in_bowl"] == 3 and s["kind"]["order"] == []
    # out, with a replacement drawn at once (never the absent person)
    first = command(mic, "open_mic.draw")["drawn"][0]
    ack = command(mic, "open_mic.absent", {"entry_id": first["id"], "redraw": True})
    assert ack["ok"] and len(ack["drawn"]) == 1 and ack["drawn"][0]["id"] != first["id"]
    s = state(mic)
    assert [x["id"] for x in s["host"]["kind"]["absent"]] == [first["id"]]
    assert s["kind"]["in_bowl"] == 1
    assert [g["action"] for g in s["host"]["kind"]["log"]][:3] == ["draw", "absent_out", "draw"]
    gone = next(p for p in (ada, bob, cy) if p.name == first["name"])
    assert me(gone)["kind"]["entry"]["status"] == "absent"
    ack = command(gone, "open_mic.enter")
    assert not ack["ok"] and "ask the host" in ack["error"]
    # a speaker who walks away can be marked absent too; the timer goes with them
    command(mic, "open_mic.next", {"start": True})
    speaker = state(mic)["kind"]["speaker"]
    assert command(mic, "open_mic.absent", {"entry_id": speaker["id"], "back": True})["ok"]
    s = state(mic)
    assert s["kind"]["speaker"] is None and s["kind"]["in_bowl"] == 2
    # someone in the bowl cannot be absent
    ack = command(mic, "open_mic.absent", {"entry_id": speaker["id"]})
    assert not ack["ok"] and ack["code"] == "conflict"


def test_manual_add_and_remove(mic, people):
    (ada,) = people("Ada")
    command(ada, "open_mic.enter")
    ack = command(mic, "open_mic.add", {"name": "Grace (no phone)", "title": "COBOL days"})
    assert ack["ok"]
    s = state(mic)
    manual = [e for e in s["host"]["kind"]["bowl"] if e["manual"]]
    assert [(e["name"], e["title"]) for e in manual] == [("Grace (no phone)", "COBOL days")]
    assert s["kind"]["in_bowl"] == 2
    assert command(mic, "open_mic.remove", {"entry_id": ack["entry_id"]})["ok"]
    assert state(mic)["kind"]["in_bowl"] == 1
    # the host removes a phone's entry: that phone is told, and may enter again
    ada_entry = state(mic)["host"]["kind"]["bowl"][0]["id"]
    assert command(mic, "open_mic.remove", {"entry_id": ada_entry})["ok"]
    assert me(ada)["kind"]["entry"] is None
    assert command(ada, "open_mic.enter")["ok"]
    # a speaker or a done talk cannot be removed
    command(mic, "open_mic.draw")
    command(mic, "open_mic.next")
    ack = command(mic, "open_mic.remove", {"entry_id": me(ada)["kind"]["entry"]["id"]})
    assert not ack["ok"] and "End this person's talk" in ack["error"]
    command(mic, "open_mic.end")
    ack = command(mic, "open_mic.remove", {"entry_id": me(ada)["kind"]["entry"]["id"]})
    assert not ack["ok"] and "already spoken" in ack["error"]


def test_a_closed_bowl_takes_no_new_names(mic, people):
    ada, bob = people("Ada", "Bob")
    command(ada, "open_mic.enter")
    assert command(mic, "open_mic.close")["ok"]
    s = state(bob)
    assert s["kind"]["closed"] is True
    ack = command(bob, "open_mic.enter")
    assert not ack["ok"] and "closed" in ack["error"]
    assert command(ada, "open_mic.withdraw")["ok"]  # leaving is still fine
    assert command(mic, "open_mic.add", {"name": "Late Larry"})["ok"]  # the host may
    assert command(mic, "open_mic.draw")["ok"]  # and the last names are still drawn
    assert command(mic, "open_mic.close", {"closed": False})["ok"]
    assert command(bob, "open_mic.enter")["ok"]


def test_each_open_mic_segment_has_its_own_bowl(mic, people):
    (ada,) = people("Ada")
    command(ada, "open_mic.enter")
    command(mic, "agenda.goto", {"segment_id": mic.segment_ids[1]})
    s = state(mic)
    assert s["kind"]["in_bowl"] == 0 and me(ada)["kind"]["entry"] is None
    assert command(ada, "open_mic.enter")["ok"]  # one entry per person *per segment*
    command(mic, "agenda.goto", {"segment_id": mic.segment_ids[0]})
    assert state(mic)["kind"]["in_bowl"] == 1


# ---------- authorisation and bad input ----------


def test_who_may_do_what(mic, people, sio, app):
    (ada,) = people("Ada")
    d = sio(role="display")
    for name in ("open_mic.draw", "open_mic.next", "open_mic.add", "open_mic.close"):
        ack = command(ada, name, {"name": "x"})
        assert not ack["ok"] and ack["code"] == "forbidden", (name, ack)
        ack = command(d, name, {"name": "x"})
        assert not ack["ok"] and ack["code"] == "forbidden", (name, ack)
    ack = command(mic, "open_mic.enter")
    assert not ack["ok"] and ack["code"] == "forbidden" and "phones" in ack["error"]
    assert not command(d, "open_mic.enter")["ok"]


def test_commands_need_a_live_open_mic(host, sio, phone):
    h = sio(host, "host")
    s = state(h)
    ack = command(h, "open_mic.draw")
    assert not ack["ok"] and ack["code"] == "conflict"  # nothing live
    command(h, "agenda.start")  # Welcome, an info segment
    assert command(h, "open_mic.draw")["code"] == "conflict"
    ack = command(h, "open_mic.draw", {"segment_id": mic_ids(s)[0]})  # not live
    assert not ack["ok"] and "not live" in ack["error"]


@pytest.mark.parametrize(
    "title, error",
    [
        ("x" * 81, "at most 80"),
        (5, "must be text"),
        (["a"], "must be text"),
        ("bad\x00byte", "cannot show"),
        ("\u202eevil", "cannot show"),
    ],
)
def test_bad_titles_are_refused(mic, people, title, error):
    (ada,) = people("Ada")
    ack = command(ada, "open_mic.enter", {"title": title})
    assert not ack["ok"] and error in ack["error"], ack
    assert state(mic)["kind"]["in_bowl"] == 0


def test_html_in_a_title_is_kept_as_text(mic, people):
    (ada,) = people("Ada")
    title = "<img src=x onerror=alert(1)> & <b>bold</b>"
    assert command(ada, "open_mic.enter", {"title": title})["ok"]
    command(mic, "open_mic.draw")
    assert state(mic)["kind"]["order"][0]["title"] == title  # screens render it with textContent
    assert command(ada, "open_mic.withdraw")["ok"] is False
    ok = command(ada, "open_mic.enter", {"title": "x" * 80})
    assert not ok["ok"]  # already in; 80 characters would be fine for someone else


@pytest.mark.parametrize("entry_id", [None, 999, -1, "1", True, 1.0, [1], 10**18])
def test_unknown_entry_ids(mic, people, entry_id):
    (ada,) = people("Ada")
    command(ada, "open_mic.enter")
    for name in ("open_mic.remove", "open_mic.absent"):
        ack = command(mic, name, {"entry_id": entry_id})
        assert not ack["ok"] and ack["code"] == "not_found", (name, ack)


def test_entries_of_another_segment_are_unknown(mic, people):
    (ada,) = people("Ada")
    entry_id = command(ada, "open_mic.enter")["entry_id"]
    command(mic, "agenda.goto", {"segment_id": mic.segment_ids[1]})
    ack = command(mic, "open_mic.remove", {"entry_id": entry_id})
    assert not ack["ok"] and ack["code"] == "not_found"


@pytest.mark.parametrize(
    "name, args, error",
    [
        ("open_mic.draw", {"count": 0}, "between 1 and 20"),
        ("open_mic.draw", {"count": 21}, "between 1 and 20"),
        ("open_mic.draw", {"count": "3"}, "whole number"),
        ("open_mic.add", {}, "must be text"),
        ("open_mic.add", {"name": "  "}, "cannot be empty"),
        ("open_mic.add", {"name": "x" * 41}, "at most 40"),
        ("open_mic.add", {"name": "ok", "title": "y" * 81}, "at most 80"),
        ("open_mic.extend", {"seconds": 601}, "between -600 and 600"),
        ("open_mic.close", {"closed": "yes"}, "true or false"),
        ("open_mic.next", {"start": 1}, "true or false"),
    ],
)
def test_bad_host_input(mic, name, args, error):
    ack = command(mic, name, args)
    assert not ack["ok"] and error in ack["error"], ack


# ---------- two draws at the same moment ----------


def concurrent_draws(app, event_id, segment_id, threads=8, each=3, names=30):
    """Fill the bowl, then let several threads (each its own database connection) draw at
    once; returns every ack."""
    with app.test_request_context():
        for i in range(names):
            ack = commands.run(event_id, "host", None, "open_mic.add", {"name": f"N{i}"})
            assert ack["ok"], ack
    barrier = threading.Barrier(threads)
    acks, errors = [], []

    def worker():
        try:
            with app.test_request_context():
                barrier.wait()
                for _ in range(each):
                    acks.append(commands.run(event_id, "host", None, "open_mic.draw", {}))
                db.session.remove()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(60)
    assert not errors
    return acks


def check_concurrent(app, acks, expected):
    assert all(a["ok"] for a in acks), [a for a in acks if not a["ok"]]
    drawn = [d["id"] for a in acks for d in a["drawn"]]
    assert len(drawn) == len(set(drawn)) == expected  # nobody twice, nobody lost
    with app.app_context():
        rows = db.session.query(OpenMicEntry).filter_by(status="drawn").all()
        assert sorted(e.id for e in rows) == sorted(drawn)
        assert sorted(e.draw_no for e in rows) == list(range(1, expected + 1))
        assert db.session.query(OpenMicLog).filter_by(action="draw").count() == expected


@pytest.fixture
def no_rate_limit(monkeypatch):
    monkeypatch.setattr(ratelimit, "check", lambda *a: None)


def test_concurrent_draws_on_a_sqlite_file(app, event, mic, no_rate_limit):
    acks = concurrent_draws(app, event["id"], mic.segment_ids[0])
    check_concurrent(app, acks, 24)


PG = "postgresql://postgres@127.0.0.1:5432/"


@pytest.fixture
def pg_app(tmp_path):
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        admin = psycopg2.connect(PG + "test", connect_timeout=3)
    except Exception:
        pytest.skip("PostgreSQL is not running at 127.0.0.1:5432")
    admin.autocommit = True
    name = "socialapp_mic_" + uuid.uuid4().hex[:10]
    admin.cursor().execute(f"CREATE DATABASE {name}")
    from socialapp import create_app

    ratelimit.reset()
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": PG + name,
            "SECRET_KEY": "test",
            "ASYNC_MODE": "threading",
        }
    )
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


def test_concurrent_draws_on_postgresql(pg_app, no_rate_limit):
    from socialapp.events import create_event

    with pg_app.test_request_context():
        ev = create_event("PG Social")
        event_id = ev.id
        seg = next(s for s in ev.segments if s.kind == "open_mic")
        seg_id = seg.id
        assert commands.run(event_id, "host", None, "agenda.goto", {"segment_id": seg_id})["ok"]
    acks = concurrent_draws(pg_app, event_id, seg_id, threads=10, each=3, names=40)
    check_concurrent(pg_app, acks, 30)


def test_editing_minutes_per_speaker_in_the_form_keeps_the_theme(host, app, event, sio):
    h = sio(host, "host")
    seg_id = mic_ids(state(h))[0]
    form = {
        f"s{seg_id}-kind": "open_mic",
        f"s{seg_id}-title": "Open mic: success stories",
        f"s{seg_id}-minutes": "20",
        f"s{seg_id}-instructions": "Tell us.",
        f"s{seg_id}-speaker_minutes": "5",
    }
    r = host.post(f"/e/{event['code']}/host/segments/{seg_id}", data=form)
    assert r.status_code == 302
    settings = next(x for x in state(h)["host"]["segments"] if x["id"] == seg_id)["settings"]
    assert settings["speaker_minutes"] == 5
    assert settings["theme"] == "A great collaboration experience"


# ---------- fuzzing the live open mic ----------

MIC_COMMANDS = sorted(open_mic.COMMANDS)
fuzz_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=90),
    st.sampled_from(["<script>x</script>", "\x00", "\u202e", "x" * 5000, "🙂" * 81]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
fuzz_args = st.fixed_dictionaries(
    {},
    optional={
        k: fuzz_value
        for k in ("entry_id", "count", "title", "name", "seconds", "back", "redraw", "start")
        + ("closed", "segment_id")
    },
)


@pytest.fixture(scope="module")
def mic_world(tmp_path_factory):
    from socialapp import create_app
    from socialapp.events import create_event
    from socialapp.extensions import socketio

    path = tmp_path_factory.mktemp("micfuzz")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "fuzz",
            "WTF_CSRF_ENABLED": False,
            "ASYNC_MODE": "threading",
            "PUBLIC_URL": "http://social.test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path / 'fuzz.sqlite'}",
        }
    )
    with app.test_request_context():
        ev = create_event("Fuzz")
        code, key = ev.code, ev.host_key
        seg_id = next(s.id for s in ev.segments if s.kind == "open_mic")
    host_http, phone_http = app.test_client(), app.test_client()
    host_http.get(f"/e/{code}/host?key={key}")
    phone_http.post(f"/j/{code}", data={"name": "Fuzzy"})
    sockets = {
        role: socketio.test_client(app, flask_test_client=c, auth={"code": code, "role": role})
        for role, c in (("host", host_http), ("attendee", phone_http))
    }
    assert command(sockets["host"], "agenda.goto", {"segment_id": seg_id})["ok"]
    for i in range(6):
        command(sockets["host"], "open_mic.add", {"name": f"N{i}"})
    return {"app": app, "sockets": sockets}


@settings(suppress_health_check=list(HealthCheck), deadline=None)
@given(
    role=st.sampled_from(["host", "attendee"]), name=st.sampled_from(MIC_COMMANDS), args=fuzz_args
)
def test_fuzz_the_live_open_mic(mic_world, monkeypatch, role, name, args):
    from tests.dbsnapshot import snapshot

    monkeypatch.setattr(ratelimit, "check", lambda *a: None)
    sock = mic_world["sockets"][role]
    with mic_world["app"].app_context():
        before = snapshot(ignore=("attendee",))
    ack = command(sock, name, args)
    sock.get_received()
    assert isinstance(ack, dict) and ack.get("code") != "server", ack
    if not ack["ok"]:
        assert ack["error"]
        with mic_world["app"].app_context():
            assert snapshot(ignore=("attendee",)) == before, (name, args, ack)
