"""Save all: /j/<code>/contacts.vcf gives a phone that took part one vCard 4.0 card per person
it met who shares a contact line with it (vcard.py), during the event and on the
after-event link. Only for that phone (its cookie); nobody else's list is ever reachable."""

import time

from flask import Blueprint, Response, abort

from ... import auth
from ...events import find_event
from ...kinds.base import Ctx
from . import vcard

bp = Blueprint("connect", __name__, url_prefix="/j/<code>")


@bp.get("/contacts.vcf")
def contacts_vcf(code):
    from . import personal_view

    event = find_event(code)
    attendee = auth.current_attendee(event) if event else None
    if attendee is None:
        abort(404 if event is None else 403)
    view = personal_view(Ctx(event, None, time.time(), "attendee", attendee), attendee)
    people = [
        {
            "label": p["label"],
            "contact": p["contact"],
            "round": p["round"],
            "segment": p.get("segment"),
            "prompt": p["prompt"],
            "key": p["id"],
        }
        for p in view["met"]
        if p.get("contact")
    ]
    body = vcard.cards(people, event=event.name, code=event.code)
    response = Response(body, mimetype="text/vcard")
    response.headers["Content-Type"] = "text/vcard; charset=utf-8"
    name = vcard.filename(event.name)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store, private"
    return response
