"""Save all: a phone gets one vCard 4.0 card per person it met who shares a contact with it,
read back here with vobject; during the event and after it, and for nobody else."""

import random

import vobject

from socialapp import commands, ratelimit
from socialapp.events import find_event
from socialapp.extensions import db
from socialapp.kinds import connect
from socialapp.kinds.icebreaker.models import IcebreakerPair, IcebreakerRound
from socialapp.models import Attendee


def run(ev_id, role, who, name, args=None):
    ack = commands.run(ev_id, role, who, name, args or {}, rng=random.Random(1))
    assert ack["ok"], (name, ack)
    return ack


def met_and_shared(app, event, phone, monkeypatch, contacts):
    """Four people in pairs, everyone confirms; `contacts` {name: line} are shared."""
    monkeypatch.setattr(ratelimit, "check", lambda *a: None)
    phones = {n: phone(n) for n in ("Ada", "Grace", "Alan", "Eve")}
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
        prompt = db.session.query(IcebreakerRound).one().prompt
        pairs = [tuple(sorted((p.a, p.b))) for p in db.session.query(IcebreakerPair)]
        run(ev.id, "host", None, "agenda.goto", {"segment_id": con})
        for a, b in pairs:
            run(ev.id, "attendee", a, "connect.confirm", {"attendee_id": b})
            run(ev.id, "attendee", b, "connect.confirm", {"attendee_id": a})
        for name, line in contacts.items():
            run(ev.id, "attendee", ids[name], "connect.share", {"contact": line})
    names = {v: k for k, v in ids.items()}
    partner = {names[a]: names[b] for a, b in pairs} | {names[b]: names[a] for a, b in pairs}
    return phones, partner, prompt


def cards_of(client, code):
    got = client.get(f"/j/{code}/contacts.vcf")
    assert got.status_code == 200, got.status_code
    assert got.headers["Content-Type"] == "text/vcard; charset=utf-8"
    assert got.headers["Content-Disposition"] == 'attachment; filename="test-social-contacts.vcf"'
    return list(vobject.readComponents(got.data.decode()))


def test_save_all_gives_the_cards_of_people_who_share(app, event, phone, monkeypatch):
    lines = {"Ada": "ada@example.org", "Grace": "github: grace-h"}
    phones, partner, prompt = met_and_shared(app, event, phone, monkeypatch, lines)
    code = event["code"]
    for name, client in phones.items():
        cards = cards_of(client, code)
        sharer = partner[name] if partner[name] in lines else None
        assert len(cards) == (1 if sharer else 0), name
        if not sharer:
            continue
        card = cards[0]
        assert card.version.value == "4.0" and card.fn.value == sharer
        if sharer == "Ada":
            assert card.email.value == "ada@example.org"
        else:
            assert card.url.value == "https://github.com/grace-h"
        assert card.note.value == f"Test Social, icebreaker round 1: {prompt}"
        assert card.uid.value.startswith("urn:uuid:")


def test_save_all_is_for_that_phone_only_and_stays_after_the_end(
    app, event, phone, host, monkeypatch
):
    phones, partner, _ = met_and_shared(app, event, phone, monkeypatch, {"Ada": "ada@example.org"})
    code = event["code"]
    assert app.test_client().get(f"/j/{code}/contacts.vcf").status_code == 403
    assert host.get(f"/j/{code}/contacts.vcf").status_code == 403
    assert app.test_client().get("/j/NOPE12/contacts.vcf").status_code == 404
    host.post(f"/e/{code}/host/end")
    friend = phones[partner["Ada"]]
    assert [c.email.value for c in cards_of(friend, code)] == ["ada@example.org"]
    page = friend.get(f"/j/{code}").data.decode()
    assert f'href="/j/{code}/contacts.vcf"' in page and "Save all contacts (1)" in page
    other = next(c for n, c in phones.items() if n not in ("Ada", partner["Ada"]))
    assert "Save all" not in other.get(f"/j/{code}").data.decode()
