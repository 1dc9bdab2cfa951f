"""Series of events (a weekly club): new sessions, people who come back, who met whom before.

A new session starts from the last session's agenda, with the series' host key, and every
kind with a `carry_over(old_event_id, new_event_id)` hook brings its data along (e.g. a
backlog of paper suggestions) in the same transaction. A phone keeps one token per series
(the "series_people" cookie entry, socialapp.auth); joining a session with it links the new
attendee row to the same person and the join page pre-fills the name. Matching avoids pairs
who met in earlier sessions (earlier_pairs, read through the kinds' `encounters` hook) and
Stay connected lists them (earlier_met). Every query is filtered by the session's own
series: a session never reads another series' rows.
"""

import secrets

from sqlalchemy import bindparam, delete, func, select

from . import template_files, viewcache
from .args import Text
from .errors import CommandError
from .extensions import db
from .kinds import hooks
from .models import Attendee, Event, Series, SeriesMember, SeriesPerson, SeriesSession

SERIES_NAME = Text("name", 120, label="series name")


def of(event):
    """The series an event is a session of, or None."""
    return db.session.scalar(_OF, {"event": event.id})


# Built once: every join asks (building a statement costs about as much as running it).
_OF = (
    select(Series)
    .join(SeriesSession, SeriesSession.series_id == Series.id)
    .where(SeriesSession.event_id == bindparam("event"))
)


def place(event):
    """(series, session number) of an event, or None."""
    row = db.session.get(SeriesSession, event.id)
    return (db.session.get(Series, row.series_id), row.number) if row else None


def by_name(name):
    return db.session.scalar(select(Series).where(Series.name == SERIES_NAME.read(name)))


def sessions(series):
    """The series' events, first session first."""
    return db.session.scalars(
        select(Event)
        .join(SeriesSession, SeriesSession.event_id == Event.id)
        .where(SeriesSession.series_id == series.id)
        .order_by(SeriesSession.number)
    ).all()


def start(event, name=None):
    """Make event the first session of a new series (named after it unless name is given);
    the caller commits. An event already in a series keeps it."""
    if (found := of(event)) is not None:
        return found
    base = SERIES_NAME.read(name or event.name)
    taken = set(db.session.scalars(select(Series.name).where(Series.name.like(f"{base}%"))))
    label, n = base, 2
    while label in taken:  # a second club of the same name gets "Name (2)"
        label, n = f"{base[:110]} ({n})", n + 1
    series = Series(name=label, host_key=event.host_key)
    db.session.add(series)
    db.session.flush()
    db.session.add(SeriesSession(event_id=event.id, series_id=series.id, number=1))
    return series


def new_session(series, name=None, template=None):
    """The next session: the last session's agenda (or the named template's), the series'
    host key, and what the kinds carry over. One commit: nothing half-made."""
    from .events import create_event

    past = sessions(series)
    last = past[-1] if past else None
    if template is None and last is None:
        raise CommandError("This series has no session yet: give a template.")
    plan = (
        template_files.load(template)
        if template is not None
        else template_files.check(template_files.plan_of(last), f"{last.code} (last session)")
    )
    number = len(past) + 1
    label = name or f"{series.name}: session {number}"
    event = create_event(
        label, template or (last.template if last else ""), plan=plan, commit=False
    )
    event.host_key = series.host_key
    db.session.flush()
    db.session.add(SeriesSession(event_id=event.id, series_id=series.id, number=number))
    if last is not None:
        for _, carry_over in hooks("carry_over"):
            carry_over(last.id, event.id)
    db.session.commit()
    return event


# ---------- people who come back ----------


def person(series, token):
    return person_in(series.id if series is not None else None, token)


def person_in(series_id, token):
    if series_id is None or not isinstance(token, str) or not token:
        return None
    return db.session.scalar(
        select(SeriesPerson).where(SeriesPerson.series_id == series_id, SeriesPerson.token == token)
    )


def link(event, attendee, token, series_id):
    """Make attendee one person of event's series (the one token stands for, in this series
    only, or a new one). (series id, person token) (None outside a series) is also left on
    the attendee object as `series_person`: the join page keeps it in the phone's cookie
    without reading it back after the commit. series_id: the event's series as the join read
    it under the event's lock (events._JOIN_READS), None when it is in none."""
    attendee.series_person = None
    if series_id is None:
        return None
    who = person_in(series_id, token)
    if who is None or member_in(event, who) is not None:  # one attendee row per session
        who = SeriesPerson(series_id=series_id, token=secrets.token_urlsafe(24), name="")
        db.session.add(who)
    who.name = attendee.name
    db.session.flush()
    db.session.add(SeriesMember(attendee_id=attendee.id, person_id=who.id))
    attendee.series_person = (series_id, who.token)
    return who


def returning(event, tokens):
    """The person of event's series one of these tokens ({series id: token}, the phone's
    cookie entries) stands for: only the entry of this event's own series is looked at."""
    club = of(event)
    return person(club, tokens.get(str(club.id))) if club is not None else None


def person_of(attendee):
    """The series person this attendee row is, or None (outside a series)."""
    return db.session.scalar(
        select(SeriesPerson)
        .join(SeriesMember, SeriesMember.person_id == SeriesPerson.id)
        .where(SeriesMember.attendee_id == attendee.id)
    )


def member_in(event, who):
    return db.session.scalar(
        select(Attendee.id)
        .join(SeriesMember, SeriesMember.attendee_id == Attendee.id)
        .where(Attendee.event_id == event.id, SeriesMember.person_id == who.id)
    )


def forget(attendee_ids):
    """Privacy: these attendee rows stop being anyone of the series (socialapp.privacy); a
    person left with no session at all goes, name and token with them."""
    if not attendee_ids:
        return
    ids = list(attendee_ids)
    persons = set(
        db.session.scalars(select(SeriesMember.person_id).where(SeriesMember.attendee_id.in_(ids)))
    )
    db.session.execute(delete(SeriesMember).where(SeriesMember.attendee_id.in_(ids)))
    still = set(
        db.session.scalars(
            select(SeriesMember.person_id).where(SeriesMember.person_id.in_(persons))
        )
    )
    if gone := persons - still:
        db.session.execute(delete(SeriesPerson).where(SeriesPerson.id.in_(gone)))


# ---------- who met whom in earlier sessions ----------


def people_of(event_id):
    """{attendee id: person id} of one session."""
    rows = db.session.execute(
        select(SeriesMember.attendee_id, SeriesMember.person_id)
        .join(Attendee, Attendee.id == SeriesMember.attendee_id)
        .where(Attendee.event_id == event_id, Attendee.removed_at.is_(None))
    )
    return dict(rows.all())


def earlier_sessions(event):
    """The sessions before this one in its own series (none outside a series)."""
    mine = db.session.get(SeriesSession, event.id)
    if mine is None:
        return []
    return db.session.scalars(
        select(Event)
        .join(SeriesSession, SeriesSession.event_id == Event.id)
        .where(SeriesSession.series_id == mine.series_id, SeriesSession.number < mine.number)
        .order_by(SeriesSession.number)
    ).all()


def _met_persons(event):
    """[(person a, person b, session name)] of every pair the kinds say met in earlier
    sessions, in the order of the sessions."""
    out = []
    for old in earlier_sessions(event):
        people = people_of(old.id)
        for _, encounters in hooks("encounters"):
            for a, b, _ in encounters(old)["pairs"]:
                if a in people and b in people and people[a] != people[b]:
                    out.append((people[a], people[b], old.name))
    return out


def earlier_pairs(event):
    """{frozenset(attendee ids of THIS session)}: pairs who met in an earlier session. Read
    afresh (once per round): it is asked inside commands, where a cached picture could be
    one of this very version (socialapp.viewcache)."""
    here = {p: a for a, p in people_of(event.id).items()}
    return {
        frozenset((here[pa], here[pb]))
        for pa, pb, _ in _met_persons(event)
        if pa in here and pb in here
    }


def earlier_met(event, attendee_id):
    """[{"name", "session"}] of the people this attendee met in earlier sessions, first met
    first, each once (their name as they last gave it)."""
    picture = viewcache.memo(event, "series.met", lambda: _earlier_met(event))
    return picture["met"].get(picture["person"].get(attendee_id), [])


def _earlier_met(event):
    pairs = _met_persons(event)
    ids = {p for pa, pb, _ in pairs for p in (pa, pb)}
    names = dict(
        db.session.execute(
            select(SeriesPerson.id, SeriesPerson.name).where(SeriesPerson.id.in_(ids))
        ).all()
    )
    met, seen = {}, set()
    for pa, pb, session in pairs:
        for me, other in ((pa, pb), (pb, pa)):
            if (me, other) not in seen and names.get(other):
                seen.add((me, other))
                met.setdefault(me, []).append({"name": names[other], "session": session})
    return {"person": people_of(event.id), "met": met}


def count_people(series):
    return db.session.scalar(
        select(func.count(SeriesPerson.id)).where(SeriesPerson.series_id == series.id)
    )
