"""Creating events, finding them by code, and letting people join."""

import json
import secrets

from flask import current_app, g, has_app_context
from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from . import series, template_files
from .args import Text
from .errors import CommandError
from .extensions import db
from .kinds import KINDS
from .models import Attendee, Event, Segment, SeriesSession
from .models.core import now

# No 0/O, 1/I/L: codes are read off a projector and typed on phones.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
NAME_MAX = 40
EVENT_NAME = Text("name", 120, label="event name")
PERSON_NAME = Text("name", NAME_MAX, empty="Please type a name so others can find you.")


def templates():
    """Agenda templates by name, checked (socialapp.template_files): the built-in ones, and
    with an app the instance folder's saved ones."""
    if has_app_context():
        found = {n: p for n, (p, _) in template_files.available(current_app).items()}
    else:
        found = template_files.files(template_files.builtin_folder())
    return {n: template_files.read_file(p) for n, p in found.items()}


def normalise_code(code):
    return (code or "").strip().upper()[: CODE_LENGTH + 2]


def new_code():
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not db.session.scalar(select(Event.id).where(Event.code == code)):
            return code


def create_event(name, template="mlc-social", plan=None, commit=True):
    """A new event from a template file (checked as a whole before anything is made: a
    template with a mistake creates nothing) or from a plan already checked."""
    name = EVENT_NAME.read(name)
    plan = template_files.load(template) if plan is None else plan
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
    if commit:
        db.session.commit()
    return event


def find_event(code):
    return db.session.scalar(select(Event).where(Event.code == normalise_code(code)))


def clean_name(raw):
    """A person's name as the plain-text policy keeps it (socialapp/core/text.py)."""
    return PERSON_NAME.read("" if raw is None else raw)


def join(event, raw_name, cid=None, series_token=None):
    """A new attendee; same-name people get a number so screens can tell them apart.

    Through the command layer's one write path (socialapp.commands.write): under the event's
    lock, so concurrent joins cannot overshoot the host's cap (CommandError with code "full")
    nor both take one join form's id, and the hosts' panels are sent the new count (batched
    in a rush). The same join form sent twice (its response lost on bad Wi-Fi) gives the same
    attendee."""
    from .commands import write
    from .kinds.base import Change

    name = clean_name(raw_name)
    cid = cid if isinstance(cid, str) and 8 <= len(cid) <= 64 else None
    joined = []

    def step(locked):
        if locked.ended_at is not None:
            raise CommandError("This event has ended.", "conflict")
        again, same, series_id = _join_reads(locked, cid, name)
        if again is not None:
            joined[:] = [db.session.get(Attendee, again)]
            columns[:] = [_columns(joined[0])]
            return None  # nothing new: rolled back, nothing sent
        if locked.max_attendees is not None and joined_count(locked) >= locked.max_attendees:
            raise CommandError(FULL, "full")
        joined[:] = [_add_attendee(locked, name, cid, same)]
        series.link(locked, joined[0], series_token, series_id)
        columns[:] = [_columns(joined[0])]
        return Change(public=False)  # the hosts' counts; a phone's count is its presence

    columns = []
    write(event.id, step, "join", content=False)  # who is in changed, not the event
    # The commit expired the row; the join page reads its token at once: its columns as
    # read under the lock are the committed ones (a statement saved per join).
    for key, value in columns[0].items():
        set_committed_value(joined[0], key, value)
    return joined[0]


def _join_reads(event, cid, name):
    """(id of the attendee this join form made already, or None; the highest number given
    to this name so far, or None; the event's series id, or None): one statement for the
    three questions a join asks under the event's lock, built once."""
    row = db.session.execute(
        _JOIN_READS, {"event": event.id, "cid": cid or "", "name": name.lower()}
    ).one()
    return row[0], row[1], row[2]


# Searches in one statement, each on its own index (the join form id's unique key, migration
# 0009's lower(name), the series session's key): an OR of the first two let SQLite, without
# statistics, read every attendee of the event instead, and each join of a rush cost more
# than the one before.
_IN_EVENT = Attendee.event_id == bindparam("event")
_JOIN_READS = select(
    # no form id: "" matches nobody (NULL, 8+)
    select(Attendee.id).where(_IN_EVENT, Attendee.join_cid == bindparam("cid")).scalar_subquery(),
    select(func.max(Attendee.name_no))
    .where(_IN_EVENT, func.lower(Attendee.name) == bindparam("name"))
    .scalar_subquery(),
    select(SeriesSession.series_id)
    .where(SeriesSession.event_id == bindparam("event"))
    .scalar_subquery(),
)
_INSERT = insert(Attendee.__table__)


def _add_attendee(event, name, cid, same):
    """The new attendee: one INSERT, then the object made persistent without the ORM's
    unit of work (a third of a join's write, measured on a QR rush)."""
    at = now()
    row = dict(event_id=event.id, name=name, name_no=(same or 0) + 1,
               token=secrets.token_urlsafe(24), join_cid=cid, created_at=at, last_seen=at,
               removed_at=None)  # fmt: skip
    row["id"] = db.session.execute(_INSERT, row).inserted_primary_key[0]
    attendee = Attendee(**row)
    make_transient_to_detached(attendee)  # a row that exists: nothing to insert at a flush
    db.session.add(attendee)
    return attendee


KEPT = ("id", "event_id", "token", "name", "name_no", "created_at", "last_seen", "join_cid",
        "removed_at")  # fmt: skip


def _columns(attendee):
    return {k: getattr(attendee, k) for k in KEPT}


FULL = "This event is full: the host set a limit on how many people can join."


def joined_count(event):
    """Attendees who joined and were not removed by the host."""
    return db.session.scalar(_JOINED, {"event": event.id})


_JOINED = select(func.count(Attendee.id)).where(
    Attendee.event_id == bindparam("event"), Attendee.removed_at.is_(None)
)


def attendee_by_token(event, token):
    """The attendee a cookie stands for; a removed attendee's cookie stands for nobody (the
    request remembers it happened, so the join page can say so: g.removed_attendee)."""
    if not token:
        return None
    attendee = db.session.scalar(_BY_TOKEN, {"event": event.id, "token": token})
    if attendee is not None and attendee.removed_at is not None:
        if has_app_context():
            g.removed_attendee = True
        return None
    return attendee


# Built once: every request of a phone asks (building a statement costs as much as running it).
_BY_TOKEN = select(Attendee).where(
    Attendee.event_id == bindparam("event"), Attendee.token == bindparam("token")
)
