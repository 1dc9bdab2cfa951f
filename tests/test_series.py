"""Series of events (a weekly club): new sessions from the last agenda, what kinds carry over
(the carry_over hook), the same person across sessions (a cookie scoped to the series),
people met last week not grouped again this week, and no series reading another's rows."""

import types

import pytest
from sqlalchemy import func, select

from socialapp import series, state
from socialapp.errors import CommandError
from socialapp.events import create_event, find_event
from socialapp.extensions import db
from socialapp.kinds import KINDS
from socialapp.models import Attendee, Event, SeriesMember, SeriesPerson
from tests.room import Room


def cli(app, *args):
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def session_of(app, name, series_name, template=None):
    """A session made the way a host does from a shell: create-event --series."""
    extra = ["--template", template] if template else []
    out = cli(app, "create-event", name, "--series", series_name, "--json", *extra)
    code = out.rsplit('"code": "', 1)[1][:6]
    with app.app_context():
        ev = find_event(code)
        return {"id": ev.id, "code": ev.code, "key": ev.host_key}


def phone_join(client, code, name=None):
    """Join through the join page, as a phone does; name None keeps the pre-filled one."""
    page = client.get(f"/j/{code}").get_data(as_text=True)
    data = {"name": name if name is not None else prefilled(page)}
    r = client.post(f"/j/{code}", data=data)
    assert r.status_code == 302, r.get_data(as_text=True)[:400]


def prefilled(page):
    tag = page.split('name="name"', 1)[1].split(">", 1)[0]
    return tag.split('value="', 1)[1].split('"', 1)[0] if 'value="' in tag else ""


def attendee_id(code, name):
    ev = find_event(code)
    return db.session.scalar(
        select(Attendee.id).where(Attendee.event_id == ev.id, Attendee.name == name)
    )


def person_of(aid):
    return db.session.get(SeriesMember, aid).person_id


def test_a_new_session_starts_from_the_last_agenda_with_the_series_host_key(app):
    first = session_of(app, "Paper club, week 1", "Paper club")
    with app.test_request_context():
        room = Room(app, first)
        seg = find_event(first["code"]).segments[1]
        assert room.host("agenda.update", segment_id=seg.id, title="Warm-up pairs")["ok"]
        room.close()
    second = session_of(app, "Paper club, week 2", "Paper club")
    with app.app_context():
        one, two = find_event(first["code"]), find_event(second["code"])
        assert [s.title for s in two.segments] == [s.title for s in one.segments]
        assert two.segments[1].title == "Warm-up pairs"
        assert all(s.status == "pending" for s in two.segments)
        assert two.host_key == one.host_key  # the host of one session hosts the next
        club = series.of(two)
        assert club.name == "Paper club" and [e.id for e in series.sessions(club)] == [
            one.id,
            two.id,
        ]


def test_a_template_given_for_a_session_wins_over_the_last_agenda(app):
    session_of(app, "Debates 1", "Debate night")
    second = session_of(app, "Debates 2", "Debate night", template="oxford-debate")
    with app.app_context():
        assert [s.kind for s in find_event(second["code"]).segments][1] == "debate"


@pytest.fixture
def carrying(monkeypatch):
    """A kind (not a real one: only its hook) that carries data over and records the call."""
    calls = []

    def carry_over(old_event_id, new_event_id):
        calls.append((old_event_id, new_event_id))

    hook = types.SimpleNamespace(KIND="carrier", carry_over=carry_over)
    monkeypatch.setitem(KINDS, "carrier", hook)
    return calls


def test_kinds_carry_data_over_through_their_hook(app, carrying):
    first = session_of(app, "Club 1", "Club")
    assert carrying == []  # a first session has nothing to carry
    second = session_of(app, "Club 2", "Club")
    assert carrying == [(first["id"], second["id"])]


def test_a_hook_that_refuses_leaves_no_half_made_session(app, monkeypatch):
    def refuse(old_event_id, new_event_id):
        assert db.session.get(Event, new_event_id) is not None  # it sees the new event
        raise CommandError("The backlog is locked.")

    monkeypatch.setitem(KINDS, "carrier", types.SimpleNamespace(carry_over=refuse))
    session_of(app, "Club 1", "Club")
    result = app.test_cli_runner().invoke(args=["create-event", "Club 2", "--series", "Club"])
    assert result.exit_code != 0 and "The backlog is locked." in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Event.id))) == 1


def test_a_phone_that_came_before_is_the_same_person_and_its_name_is_pre_filled(app):
    first = session_of(app, "Club 1", "Club")
    ada, bob = app.test_client(), app.test_client()
    phone_join(ada, first["code"], "Ada Lovelace")
    phone_join(bob, first["code"], "Bob")
    second = session_of(app, "Club 2", "Club")
    page = ada.get(f"/j/{second['code']}").get_data(as_text=True)
    assert prefilled(page) == "Ada Lovelace" and "Welcome back, Ada Lovelace" in page
    assert prefilled(bob.get(f"/j/{second['code']}").get_data(as_text=True)) == "Bob"
    newcomer = app.test_client()
    assert prefilled(newcomer.get(f"/j/{second['code']}").get_data(as_text=True)) == ""
    phone_join(ada, second["code"])
    phone_join(newcomer, second["code"], "Cy")
    with app.app_context():
        a1, a2 = (
            attendee_id(first["code"], "Ada Lovelace"),
            attendee_id(second["code"], "Ada Lovelace"),
        )
        assert a1 != a2 and person_of(a1) == person_of(a2)
        cy = attendee_id(second["code"], "Cy")
        assert person_of(cy) not in {person_of(a1), person_of(attendee_id(first["code"], "Bob"))}
        assert db.session.scalar(select(func.count(SeriesPerson.id))) == 3


def test_a_name_changed_at_a_later_session_is_the_one_pre_filled_next(app):
    first = session_of(app, "Club 1", "Club")
    ada = app.test_client()
    phone_join(ada, first["code"], "Ada")
    second = session_of(app, "Club 2", "Club")
    phone_join(ada, second["code"], "Ada L.")
    third = session_of(app, "Club 3", "Club")
    assert prefilled(ada.get(f"/j/{third['code']}").get_data(as_text=True)) == "Ada L."


def crowd(app, code, clients, names):
    for c, n in zip(clients, names, strict=True):
        phone_join(c, code, n)


def icebreaker_round(app, ev, names, seed):
    """One icebreaker round with these people present; returns the pairs as name sets."""
    with app.test_request_context():
        room = Room(app, ev, kind="icebreaker", seed=seed)
        room.people = {n: attendee_id(ev["code"], n) for n in names}
        for n in names:
            assert room.att(n, "icebreaker.here")["ok"]
        ack = room.host("icebreaker.start_round")
        assert ack["ok"], ack
        pairs = {frozenset(p) for p in room_pairs(room)}
        by_id = {i: n for n, i in room.people.items()}
        room.close()
        return {frozenset(by_id[i] for i in p) for p in pairs}


def room_pairs(room):
    from socialapp.kinds.icebreaker.reading import met_pairs

    return met_pairs(room.event())


NAMES = ["Ada", "Bob", "Cy", "Dee"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_people_met_last_week_are_not_matched_again_this_week(app, seed):
    week1 = session_of(app, "Club 1", "Club")
    phones = [app.test_client() for _ in NAMES]
    crowd(app, week1["code"], phones, NAMES)
    met_last_week = icebreaker_round(app, week1, NAMES, seed)
    assert len(met_last_week) == 2  # pairs, all four grouped
    week2 = session_of(app, "Club 2", "Club")
    for c in phones:
        phone_join(c, week2["code"])  # the names pre-filled: the same people
    met_this_week = icebreaker_round(app, week2, NAMES, seed)
    assert len(met_this_week) == 2 and not met_this_week & met_last_week
    # And stay connected lists the people met last week.
    with app.test_request_context():
        ev = find_event(week2["code"])
        ada = db.session.get(Attendee, attendee_id(week2["code"], "Ada"))
        before = state.personal_state(ev, ada)
        connect = next(s for s in ev.segments if s.kind == "connect")
        from socialapp.kinds import connect as connect_kind
        from socialapp.kinds.base import Ctx

        view = connect_kind.personal_view(Ctx(ev, connect, 0, "attendee", ada), ada)
        last_week = next(p for p in met_last_week if "Ada" in p) - {"Ada"}
        assert [p["name"] for p in view["before"]] == list(last_week)
        assert view["before"][0]["session"] == "Club 1"
        assert before is not None


def test_a_series_never_reads_another_series_rows(app):
    """Club A's people, pairs and tokens mean nothing in club B: same names, same phones."""
    a1 = session_of(app, "A 1", "Club A")
    phones = [app.test_client() for _ in NAMES]
    crowd(app, a1["code"], phones, NAMES)
    met_in_a = icebreaker_round(app, a1, NAMES, 1)
    b1 = session_of(app, "B 1", "Club B")
    page = phones[0].get(f"/j/{b1['code']}").get_data(as_text=True)
    assert prefilled(page) == "" and "Welcome back" not in page  # club A's cookie entry
    crowd(app, b1["code"], phones, NAMES)
    with app.test_request_context():
        b_event = find_event(b1["code"])
        a_event = find_event(a1["code"])
        assert series.earlier_pairs(b_event) == set() and series.earlier_sessions(b_event) == []
        ada_a = db.session.get(Attendee, attendee_id(a1["code"], "Ada"))
        ada_b = db.session.get(Attendee, attendee_id(b1["code"], "Ada"))
        assert person_of(ada_a.id) != person_of(ada_b.id)
        # A token of club A presented in club B is nobody there.
        token_a = series.person_of(ada_a).token
        assert series.person(series.of(b_event), token_a) is None
        assert series.earlier_met(b_event, ada_b.id) == []
        assert series.earlier_pairs(a_event) == set()  # the first session: nothing before
    # Club A's second session does avoid club A's pairs: the rows were there to be read.
    a2 = session_of(app, "A 2", "Club A")
    for c in phones:
        phone_join(c, a2["code"])
    with app.test_request_context():
        ids = {n: attendee_id(a2["code"], n) for n in NAMES}
        want = {frozenset(ids[n] for n in pair) for pair in met_in_a}
        assert series.earlier_pairs(find_event(a2["code"])) == want


def test_deleting_a_sessions_personal_data_unlinks_its_people(app):
    from socialapp import privacy

    first = session_of(app, "Club 1", "Club")
    ada = app.test_client()
    phone_join(ada, first["code"], "Ada")
    with app.test_request_context():
        ev = find_event(first["code"])
        ev.ended_at = 1.0
        db.session.commit()
        assert privacy.purge_now(ev.id)
        assert db.session.scalar(select(func.count(SeriesMember.attendee_id))) == 0
        assert db.session.scalar(select(func.count(SeriesPerson.id))) == 0
    second = session_of(app, "Club 2", "Club")
    assert prefilled(ada.get(f"/j/{second['code']}").get_data(as_text=True)) == ""


def test_new_session_from_the_host_panel_is_for_the_host_only(app, event, host):
    stranger = app.test_client()
    assert stranger.post(f"/e/{event['code']}/new-session").status_code == 403
    assert "Not part of a series yet" in host.get(f"/e/{event['code']}/host").get_data(as_text=True)
    r = host.post(f"/e/{event['code']}/new-session", data={"name": "Test Social, week 2"})
    assert r.status_code == 302 and "/host" in r.location
    new_code = r.location.split("/e/", 1)[1].split("/", 1)[0]
    panel = host.get(f"/e/{new_code}/host")  # signed in to the new one
    assert "Session 2 of Test Social" in panel.get_data(as_text=True)
    with app.app_context():
        old, new = find_event(event["code"]), find_event(new_code)
        assert new.name == "Test Social, week 2" and new.host_key == old.host_key
        club = series.of(new)
        assert club.name == "Test Social" and series.of(old).id == club.id
    # A new host key on the new session (a leaked link): the next session takes the new one.
    assert host.post(f"/e/{new_code}/host/rotate-key").status_code == 302
    r = host.post(f"/e/{new_code}/new-session")
    with app.app_context():
        third = find_event(r.location.split("/e/", 1)[1].split("/", 1)[0])
        assert third.name == "Test Social: session 3"
        assert third.host_key == find_event(new_code).host_key != old.host_key


def test_new_session_after_the_event_from_the_report_page(app, event, host):
    assert host.post(f"/e/{event['code']}/host/end").status_code == 302
    page = host.get(f"/e/{event['code']}/report").get_data(as_text=True)
    assert "New session" in page and "Save as template" in page
    r = host.post(f"/e/{event['code']}/new-session")
    assert r.status_code == 302 and "/host" in r.location


def test_cli_series_names_are_checked(app):
    result = app.test_cli_runner().invoke(args=["create-event", "X", "--series", "\u202e"])
    assert result.exit_code != 0 and "series name" in result.output


def test_the_cookie_stays_small_when_a_phone_hosts_and_joins_many_series(app):
    """Hosting, joining and a person entry per series: still well under a browser's 4 KB."""
    browser = app.test_client()
    made = []
    with app.app_context():
        for i in range(30):
            ev = create_event(f"Club {i}, week 1")
            db.session.flush()
            series.start(ev)
            db.session.commit()
            made.append((ev.code, ev.host_key))
    sizes = []
    for code, key in made:
        assert browser.get(f"/e/{code}/host?key={key}").status_code == 302
        phone_join(browser, code, "Ada")
        sizes.append(len(browser.get_cookie("session").value))
    assert max(sizes) < 3500, max(sizes)
    assert max(sizes[20:]) - max(sizes[12:15]) < 40  # no longer growing
