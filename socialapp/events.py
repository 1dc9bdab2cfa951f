"""Creating events, finding them by code, and letting people join."""

import json
import secrets
from importlib import resources

from sqlalchemy import func, select

from .errors import CommandError
from .extensions import db
from .models import Attendee, Event, Segment
from .segments import KINDS

# No 0/O, 1/I/L: codes are read off a projector and typed on phones.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
NAME_MAX = 40


def templates():
    """Agenda templates shipped with the app, by name."""
    folder = resources.files("socialapp") / "agenda_templates"
    return {
        p.name.removesuffix(".json"): json.loads(p.read_text())
        for p in folder.iterdir()
        if p.name.endswith(".json")
    }


def normalise_code(code):
    return (code or "").strip().upper()[: CODE_LENGTH + 2]


def new_code():
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not db.session.scalar(select(Event.id).where(Event.code == code)):
            return code


def create_event(name, template="mlc-social"):
    name = " ".join((name or "").split())
    if not 1 <= len(name) <= 120:
        raise CommandError("The event name must be 1 to 120 characters.")
    plan = templates().get(template)
    if plan is None:
        raise CommandError(f"Unknown template {template!r}.")
    event = Event(code=new_code(), name=name, host_key=secrets.token_urlsafe(24), template=template)
    for position, seg in enumerate(plan["segments"]):
        kind = KINDS[seg["kind"]]
        settings = kind.default_settings() | seg.get("settings", {})
        event.segments.append(
            Segment(
                position=position,
                kind=seg["kind"],
                title=seg["title"],
                instructions=seg.get("instructions", ""),
                minutes=seg["minutes"],
                settings_json=json.dumps(kind.clean_settings(settings)),
            )
        )
    db.session.add(event)
    db.session.commit()
    return event


def find_event(code):
    return db.session.scalar(select(Event).where(Event.code == normalise_code(code)))


def clean_name(raw):
    name = " ".join(str(raw or "").split())
    if not name:
        raise CommandError("Please type a name so others can find you.")
    if len(name) > NAME_MAX:
        raise CommandError(f"Names can be at most {NAME_MAX} characters.")
    if any(ord(c) < 32 or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in name):
        raise CommandError("That name has characters we cannot show.")
    return name


def join(event, raw_name, cid=None):
    """A new attendee; same-name people get a number so screens can tell them apart.

    The same join form sent twice (its response lost on bad Wi-Fi) gives the same attendee."""
    name = clean_name(raw_name)
    cid = cid if isinstance(cid, str) and 8 <= len(cid) <= 64 else None
    if cid and (
        again := db.session.scalar(
            select(Attendee).where(Attendee.event_id == event.id, Attendee.join_cid == cid)
        )
    ):
        return again
    same = db.session.scalar(
        select(func.max(Attendee.name_no)).where(
            Attendee.event_id == event.id, func.lower(Attendee.name) == name.lower()
        )
    )
    attendee = Attendee(
        event_id=event.id,
        name=name,
        name_no=(same or 0) + 1,
        token=secrets.token_urlsafe(24),
        join_cid=cid,
    )
    db.session.add(attendee)
    event.version += 1
    db.session.commit()
    return attendee


def attendee_by_token(event, token):
    if not token:
        return None
    return db.session.scalar(
        select(Attendee).where(Attendee.event_id == event.id, Attendee.token == token)
    )
