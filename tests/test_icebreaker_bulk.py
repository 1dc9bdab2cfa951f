"""A round for a big room is stored in bulk: exactly the groups, members and pairs the pure
matching returned, in a number of SQL statements that does not grow with the room.
(Behaviour, not time: statements are counted with a SQLAlchemy event listener.)"""

import time

import pytest
from sqlalchemy import select

from socialapp import create_app
from socialapp.core import matching, signs
from socialapp.events import create_event
from socialapp.extensions import db
from socialapp.kinds.icebreaker.models import (
    IcebreakerGroup,
    IcebreakerMember,
    IcebreakerPair,
    IcebreakerRound,
)
from socialapp.models import Attendee
from tests.sqlcount import statements
from tests.test_icebreaker import Ice


@pytest.fixture(params=["sqlite", "postgresql"])
def ice(request, app):
    """The icebreaker live, on SQLite and on PostgreSQL (bulk inserts differ per driver)."""
    if request.param == "postgresql":
        app = create_app(
            app.config | {"SQLALCHEMY_DATABASE_URI": request.getfixturevalue("pg_database")}
        )
    board = Ice(app, new_event(app))
    assert db.engine.dialect.name == request.param
    yield board
    board.close()


def crowd(ice, n):
    """n people present (heard from just now), added in one go."""
    now = time.time()
    ev = ice.event()
    first = len(ice.people)
    db.session.add_all(
        Attendee(event_id=ev.id, name=f"Person {i}", token=f"bulk{ev.id}-{i}", last_seen=now)
        for i in range(first, first + n)
    )
    db.session.commit()
    ice.people |= {f"Person {i}": None for i in range(first, first + n)}


def spy(monkeypatch, module, name):
    """What each call of a pure function returned, in order."""
    calls = []
    real = getattr(module, name)

    def wrapper(*args, **kwargs):
        out = real(*args, **kwargs)
        calls.append(out)
        return out

    monkeypatch.setattr(module, name, wrapper)
    return calls


def stored_round(ice, number):
    rnd = db.session.scalar(
        select(IcebreakerRound).where(
            IcebreakerRound.segment_id == ice.segment_id, IcebreakerRound.number == number
        )
    )
    groups = {}
    for gid, aid in db.session.execute(
        select(IcebreakerMember.group_id, IcebreakerMember.attendee_id).where(
            IcebreakerMember.round_id == rnd.id
        )
    ):
        groups.setdefault(gid, []).append(aid)
    return rnd, groups


@pytest.mark.parametrize("size", [2, 3])
def test_a_round_stores_exactly_what_the_matching_returned(ice, monkeypatch, size):
    assert ice.host("icebreaker.mode", group_size=size)["ok"]
    crowd(ice, 61)
    calls = spy(monkeypatch, matching, "match")
    made_signs = spy(monkeypatch, signs, "signs_for_round")
    pairs_before = set()
    for number in (1, 2, 3):
        ack = ice.host("icebreaker.start_round")
        assert ack["ok"], ack
        returned = [sorted(g) for g in calls[-1]]
        db.session.expire_all()
        rnd, groups = stored_round(ice, number)
        # Members: the same groups, one group row per group, nobody twice.
        assert sorted(sorted(g) for g in groups.values()) == sorted(returned)
        members = [a for g in groups.values() for a in g]
        assert len(members) == len(set(members)) == 61
        # Groups: numbered 1..n, each with the sign the round's signs give that number.
        rows = db.session.scalars(
            select(IcebreakerGroup).where(IcebreakerGroup.round_id == rnd.id)
        ).all()
        assert set(groups) == {g.id for g in rows}
        expected = {s["number"]: s for s in made_signs[-1]}
        assert sorted(g.number for g in rows) == sorted(expected) == list(range(1, len(rows) + 1))
        for g in rows:
            assert g.sign == expected[g.number] | {"label": g.sign["label"]}
            assert (g.late, g.found_at, g.created_at) == (False, None, rnd.started_at)
        # Group i of the matching got sign i.
        by_group = {gid: sorted(aids) for gid, aids in groups.items()}
        numbers = {g.number: by_group[g.id] for g in rows}
        assert [numbers[s["number"]] for s in made_signs[-1]] == returned
        # Pairs: every pair the matching made, new ones stamped with this round.
        pairs = {
            frozenset((a, b)): rid
            for a, b, rid in db.session.execute(
                select(IcebreakerPair.a, IcebreakerPair.b, IcebreakerPair.round_id).where(
                    IcebreakerPair.event_id == ice.event_id
                )
            )
        }
        made = matching.pairs_of(returned)
        assert set(pairs) == pairs_before | made
        assert {p for p, rid in pairs.items() if rid == rnd.id} == made - pairs_before
        assert ack["repeats"] == len(made & pairs_before)
        pairs_before = set(pairs)


def round_statements(app, event, people):
    board = Ice(app, event)
    try:
        crowd(board, people)
        assert board.host("icebreaker.start_round")["ok"]  # pairs met before: read them too
        with statements() as seen:
            ack = board.host("icebreaker.start_round")
        assert ack["ok"] and ack["matched"] == people
        return seen
    finally:
        board.close()


def new_event(app):
    with app.app_context():
        ev = create_event("Big Social", "mlc-social")
        return {"id": ev.id, "code": ev.code, "key": ev.host_key}


def test_statements_for_a_round_do_not_grow_with_the_room(app):
    small = round_statements(app, new_event(app), 20)
    big = round_statements(app, new_event(app), 400)
    assert len(big) == len(small), (len(small), len(big))
    # A handful, whatever the room: no per-person or per-group statement.
    assert len(big) < 40, big
