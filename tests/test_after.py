"""After the event: a phone that took part still finds the people it met, with the contacts
they share with it; anyone else gets the friendly "has ended" page."""

import random

from socialapp import commands, ratelimit
from socialapp.events import find_event
from socialapp.extensions import db
from socialapp.kinds import connect
from socialapp.kinds.icebreaker.models import IcebreakerPair
from socialapp.models import Attendee


def run(ev_id, role, who, name, args=None):
    ack = commands.run(ev_id, role, who, name, args or {}, rng=random.Random(1))
    assert ack["ok"], (name, ack)
    return ack


def test_people_met_stay_findable_after_the_end(app, event, phone, host, monkeypatch):
    monkeypatch.setattr(ratelimit, "check", lambda *a: None)
    phones = {n: phone(n) for n in ("Ada", "Grace", "Alan", "Eve <b>")}
    with app.test_request_context():
        connect.forget()
        ev = find_event(event["code"])
        ids = {a.name: a.id for a in db.session.query(Attendee)}
        ice = next(s.id for s in ev.segments if s.kind == "icebreaker")
        con = next(s.id for s in ev.segments if s.kind == "connect")
        run(ev.id, "host", None, "agenda.goto", {"segment_id": ice})
        for n in ids:
            run(ev.id, "attendee", ids[n], "icebreaker.here")
        run(ev.id, "host", None, "icebreaker.start_round")
        pairs = {frozenset((p.a, p.b)) for p in db.session.query(IcebreakerPair)}
        run(ev.id, "host", None, "agenda.goto", {"segment_id": con})
        for p in pairs:  # both sides say they met; only then do contacts go across
            a, b = sorted(p)
            run(ev.id, "attendee", a, "connect.confirm", {"attendee_id": b})
            run(ev.id, "attendee", b, "connect.confirm", {"attendee_id": a})
        run(ev.id, "attendee", ids["Ada"], "connect.share", {"contact": "ada@example.org"})
    host.post(f"/e/{event['code']}/host/end")

    met_ada = {n for n in ids if frozenset((ids[n], ids["Ada"])) in pairs}
    assert len(met_ada) == 1  # pairs of four: Ada met exactly one person
    for name, client in phones.items():
        page = client.get(f"/j/{event['code']}")
        assert page.status_code == 200, name
        text = page.data.decode()
        assert "People you met" in text
        if name in met_ada:
            assert 'href="mailto:ada@example.org"' in text
        else:
            assert "ada@example.org" not in text
    assert "Eve &lt;b&gt;" in phones["Eve <b>"].get(f"/j/{event['code']}").data.decode()
    stranger = app.test_client().get(f"/j/{event['code']}")
    assert stranger.status_code == 410 and b"has ended" in stranger.data
