"""State building: batched personal views are the same as one-by-one ones."""

from socialapp import commands, ratelimit, state
from socialapp.events import find_event, join
from socialapp.extensions import db


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
