"""A cheap join path: the whole join of a phone (the page, the form, the socket with its
first state and its own) is a handful of SQL statements, however many joined before; a
phone that just joined is not written again when its socket connects.
(Behaviour, not time: statements are counted with a SQLAlchemy event listener.)"""

import time
from types import SimpleNamespace

from socialapp import ratelimit
from socialapp.events import find_event
from socialapp.extensions import db, socketio
from socialapp.models import Attendee
from tests.conftest import last
from tests.sqlcount import statements

LIMITS = {"join_address": (100_000, 1000.0), "join_event": (100_000, 1000.0)}


def crowd(app, code, n):
    with app.app_context():
        ev = find_event(code)
        db.session.add_all(
            Attendee(event_id=ev.id, name=f"Person {i}", token=f"crowd-{i}") for i in range(n)
        )
        db.session.commit()


def one_join(app, code, name, cid):
    """(statements of the page, of the form, of the socket) for one phone's whole join."""
    client = app.test_client()
    with app.app_context():
        with statements() as page:
            assert client.get(f"/j/{code}").status_code == 200
        with statements() as form:
            r = client.post(f"/j/{code}", data={"name": name, "cid": cid})
            assert r.status_code == 302, r.data
        with statements() as connect:
            sock = socketio.test_client(
                app, flask_test_client=client, auth={"code": code, "role": "attendee"}
            )
            got = sock.get_received()
        sock.disconnect()
    assert last(got, "state")["event"]["code"] == code
    assert last(got, "me")["name"] == name
    return len(page), len(form), len(connect), [s for s in connect if "UPDATE" in s]


def test_a_join_costs_the_same_handful_of_statements_in_a_big_room(app, event):
    app.config["RATE_LIMITS"] = LIMITS
    ratelimit.reset()
    code = event["code"]
    one_join(app, code, "Zed", "cid-zed-00000001")  # the first phone loads what others share
    small = one_join(app, code, "Ada", "cid-ada-00000001")
    crowd(app, code, 500)
    big = one_join(app, code, "Grace", "cid-grace-0000001")
    assert big[:3] == small[:3]
    page, form, connect, writes = big
    # page: the event row; form: row, lock (returning the event as locked), form id, name
    # number and series (one statement), insert, then the hosts' state (sent at once in
    # tests, of the event and agenda kept per content version); socket: row, cookie's
    # attendee, count (the event, its agenda and the public state are kept per content
    # version: socialapp.eventcache).
    assert page <= 1 and form <= 10 and connect <= 3, big
    assert writes == []  # joined a moment ago: present already, no second write


def test_a_phone_seen_long_ago_is_present_again_when_its_socket_connects(app, event, phone, sio):
    ada = phone("Ada")
    with app.app_context():
        row = db.session.scalar(db.select(Attendee).where(Attendee.name == "Ada"))
        row.last_seen = time.time() - 600
        db.session.commit()
    sio(ada, role="attendee")
    with app.app_context():
        seen = db.session.scalar(db.select(Attendee.last_seen).where(Attendee.name == "Ada"))
    assert seen > time.time() - 5


def test_the_same_name_number_is_read_through_indexes_not_the_whole_room(app, event, phone):
    """A join asks for its form id and the highest number of its name in one statement; on
    SQLite (no statistics gathered) each half is a search on its own index (the form id's
    unique key, migration 0009's lower(name)), so the thousandth join of a rush does not read
    the 999 before it."""
    from socialapp.events import _JOIN_READS

    phone("Ada")
    with app.app_context():
        compiled = _JOIN_READS.compile(db.engine)
        params = {"event": event["id"], "cid": "cid-ada-00000001", "name": "ada"}
        ordered = tuple(params[name] for name in compiled.positiontup)
        conn = db.session.connection()
        plan = [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", ordered)]
        assert conn.execute(_JOIN_READS, params).one() == (None, 1, None)  # in no series
    searches = [step for step in plan if step.startswith(("SEARCH attendee", "SCAN attendee"))]
    assert len(searches) == 2, plan
    assert "(event_id=? AND join_cid=?)" in searches[0], plan
    assert "ix_attendee_event_lname (event_id=? AND <expr>=?)" in searches[1], plan


def test_the_count_of_people_here_never_leaves_its_index(app, event, phone):
    """Every phone's first state counts who is here (seen lately, not removed): on SQLite one
    search of migration 0010's index, which holds removed_at too, so a QR rush's thousandth
    phone does not read the rows of the 999 before it."""
    from socialapp.state import _PRESENT, PRESENCE_SECONDS, present_count

    phone("Ada"), phone("Grace"), phone("Alan")
    with app.app_context():
        now = time.time()
        row = db.session.scalars(db.select(Attendee).where(Attendee.name == "Alan")).one()
        row.removed_at = now
        db.session.commit()
        compiled = _PRESENT.compile(db.engine)
        params = {"event": event["id"], "since": now - PRESENCE_SECONDS}
        ordered = tuple(params[name] for name in compiled.positiontup)
        conn = db.session.connection()
        plan = [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", ordered)]
        assert present_count(SimpleNamespace(id=event["id"]), now) == 2
    assert plan == ["SEARCH attendee USING COVERING INDEX ix_attendee_present "
                    "(event_id=? AND last_seen>?)"], plan  # fmt: skip


def test_a_socket_is_the_attendee_its_cookie_keeps_for_this_event_and_no_other(
    app, event, phone, sio
):
    """A phone's socket is the attendee whose token its cookie keeps under this event's id: a
    token kept under another event's id, or the token of someone removed, makes nobody an
    attendee here."""
    from socialapp.events import create_event

    ada = phone("Ada")
    with app.app_context():
        other = create_event("Other Social", "mlc-social")
        other_id, other_code = other.id, other.code
        token = db.session.scalar(db.select(Attendee.token).where(Attendee.name == "Ada"))
    assert sio(ada, "attendee").is_connected()
    assert not sio(ada, "attendee", code=other_code).is_connected()  # never joined it

    # Ada's token under the other event's key (and none under this one's): refused here too.
    swapped = app.test_client()
    with swapped.session_transaction() as sess:
        sess["attendees"] = {str(other_id): token}
    assert not sio(swapped, "attendee").is_connected()
    assert not sio(swapped, "attendee", code=other_code).is_connected()

    with app.app_context():
        row = db.session.scalars(db.select(Attendee).where(Attendee.name == "Ada")).one()
        row.removed_at = time.time()
        db.session.commit()
    assert not sio(ada, "attendee").is_connected()
    assert sio(ada, "display").is_connected()  # the projector's view stays open to anyone
