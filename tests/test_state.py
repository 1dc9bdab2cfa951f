"""State building: batched personal views are the same as one-by-one ones."""

from socialapp import commands, ratelimit, state
from socialapp.events import create_event, find_event, join
from socialapp.extensions import db
from tests.sqlcount import statements


def test_batched_wall_views_match_one_by_one(app, event, monkeypatch):
    monkeypatch.setattr(ratelimit, "check", lambda *a: None)
    with app.test_request_context():
        ev = find_event(event["code"])
        wall = next(s for s in ev.segments if s.kind == "wall")
        assert commands.run(ev.id, "host", None, "agenda.goto", {"segment_id": wall.id})["ok"]
        people = [join(ev, f"P{i}") for i in range(4)]
        ids = []
        for i, p in enumerate(people[:3]):
            for n in range(i + 1):
                ack = commands.run(
                    ev.id,
                    "attendee",
                    p.id,
                    "wall.note_add",
                    {"text": f"note {i}.{n}", "cid": f"c{i}{n}"},
                )
                assert ack["ok"], ack
                ids.append(ack["note_id"])
        commands.run(ev.id, "attendee", people[3].id, "wall.vote", {"note_id": ids[0], "on": True})
        commands.run(ev.id, "attendee", people[0].id, "wall.vote", {"note_id": ids[2], "on": True})
        db.session.expire_all()
        ev = find_event(event["code"])
        batched = dict(state.personal_states(ev, people))
        for p in people:
            assert batched[p] == state.personal_state(ev, p)
        assert [n["text"] for n in batched[people[2]]["kind"]["mine"]] == [
            "note 2.0",
            "note 2.1",
            "note 2.2",
        ]
        assert batched[people[3]]["kind"]["voted"] == [ids[0]]


def test_personal_states_from_plain_rows_match_orm_ones_in_every_segment(app, event):
    """A broadcast builds personal states from plain rows (state.people_of): the same states
    as from the ORM attendees, in every kind, for a second person of the same name and for
    a removed one."""
    with app.test_request_context():
        ev = find_event(event["code"])
        people = [join(ev, name) for name in ("Ada Lovelace", "Ada Lovelace", "Grace", "Linus")]
        ratelimit.reset()
        ack = commands.run(ev.id, "host", None, "people.remove", {"attendee_ids": [people[3].id]})
        assert ack["ok"], ack
        for seg in find_event(event["code"]).segments:
            ratelimit.reset()
            assert commands.run(ev.id, "host", None, "agenda.goto", {"segment_id": seg.id})["ok"]
            db.session.expire_all()
            ev = find_event(event["code"])
            rows = state.people_of(ev)
            assert [r.id for r in rows] == sorted(p.id for p in people)
            assert rows[1].label == "Ada Lovelace (2)"
            orm = {p.id: state.personal_state(ev, p) for p in people}
            plain = dict(state.personal_states(ev, rows))
            assert {r.id: st for r, st in plain.items()} == orm, seg.kind
            assert state.people_of(ev, {people[2].id}) == [rows[2]]


def goto_statements(app, people):
    with app.test_request_context():
        ev = create_event("Social", "mlc-social")
        code = ev.code
        for i in range(people):
            join(ev, f"Person {i}")
        counts = []
        for seg in find_event(code).segments:
            ratelimit.reset()
            with statements() as seen:
                ack = commands.run(ev.id, "host", None, "agenda.goto", {"segment_id": seg.id})
            assert ack["ok"], ack
            counts.append((seg.kind, len(seen)))
        db.session.remove()
        return counts


def test_statements_for_agenda_goto_do_not_grow_with_the_room(app):
    """agenda.goto sends every phone its own state: from a few queries, whatever the room."""
    small = goto_statements(app, 5)
    big = goto_statements(app, 300)
    assert big == small
