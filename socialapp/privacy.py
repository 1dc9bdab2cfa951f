"""Personal data that goes away: an attendee removing themselves, the host deleting the
event's personal data after the end, and the retention rule (socialapp.core.retention) the
sweeper and `flask purge-due` apply.

What goes: names, contact lines, places in groups and who met whom, ballots (+1s), the
authorship of notes and stories, the commands' replay log. What stays: the texts (notes,
story titles, themes, questions) and the report's anonymous figures, taken just before
(Event.report_json), so the host's report still reads the same, without names.

Each kind lets go of its part through `forget_people(ctx, ids, keeper, everyone=False)`:
rows that need an author (a wall note) move to `keeper`, an anonymous attendee row that
belongs to no one (no name, a token nobody has, removed). A kind whose tables point at
attendees must have this hook: the purge deletes every other attendee row of the event.
"""

import json
import secrets
import time

import click
from flask.cli import with_appcontext
from sqlalchemy import delete, select

from . import report, series
from .core import retention
from .errors import CommandError
from .extensions import db
from .kinds import KINDS
from .kinds.base import Change, Ctx
from .models import Attendee, ClientCommand, Event

ANONYMOUS = ""  # the keeper's name: it has none
PURGE_EVERY = 600  # seconds between the sweeper's looks at retention deadlines
_looked = {"at": 0.0}


def keeper(event, now):
    """The event's anonymous attendee row (made once): authorless texts point at it."""
    row = db.session.scalar(
        select(Attendee)
        .where(Attendee.event_id == event.id, Attendee.name == ANONYMOUS)
        .order_by(Attendee.id)
        .limit(1)
    )
    if row is None:
        row = Attendee(
            event_id=event.id,
            token="gone-" + secrets.token_urlsafe(24),
            name=ANONYMOUS,
            created_at=now,
            last_seen=now,
            removed_at=now,
        )
        db.session.add(row)
        db.session.flush()
    return row.id


def forget(ctx, ids, everyone=False):
    """Every kind lets go of these people; their rows keep no name and no working token."""
    ids = set(ids)
    keep = keeper(ctx.event, ctx.now)
    ids.discard(keep)
    for kind in KINDS.values():
        if hook := getattr(kind, "forget_people", None):
            hook(ctx, ids, keep, everyone=everyone)
    actors = [f"a{i}" for i in ids]
    db.session.execute(
        delete(ClientCommand).where(
            ClientCommand.event_id == ctx.event.id, ClientCommand.actor.in_(actors)
        )
    )
    series.forget(ids)  # no longer the same person as in the series' other sessions
    for row in db.session.scalars(select(Attendee).where(Attendee.id.in_(ids))):
        row.name, row.name_no, row.join_cid = ANONYMOUS, 1, None
        row.token = "gone-" + secrets.token_urlsafe(24)
        row.removed_at = row.removed_at or ctx.now
    return keep


def anonymous_report(event, now):
    """The report's data as it stands, with no names: what stays after the purge."""
    data = report.gather(event, now)
    for story in data.get("stories", ()):
        story["name"] = None
    return data | {"anonymous": True}


def purge(event, now=None):
    """Delete the event's personal data (it must have ended); the caller locks and commits."""
    now = time.time() if now is None else now
    if event.ended_at is None:
        raise CommandError("End the event first: its personal data goes after the end.")
    if event.purged_at is not None:
        return False
    event.report_json = json.dumps(anonymous_report(event, now))
    ctx = Ctx(event, None, now, role="host")
    everyone = db.session.scalars(select(Attendee.id).where(Attendee.event_id == event.id))
    keep = forget(ctx, set(everyone), everyone=True)
    db.session.execute(delete(ClientCommand).where(ClientCommand.event_id == event.id))
    # The anonymous rows are no one now: only the keeper stays, for the notes.
    db.session.execute(delete(Attendee).where(Attendee.event_id == event.id, Attendee.id != keep))
    event.purged_at = now
    return True


def purge_now(event_id, now=None):
    """purge() through the one write path (lock, apply, commit, broadcast): True if the data
    went now, False if it was gone already; CommandError (nothing changed) before the end."""
    from .commands import write

    def step(event):
        # An ended event has no live screens: nothing to send, the version still goes up.
        return Change(public=False, host=False) if purge(event, now) else None

    return write(event_id, step, "purge") is not None


def due_events(now):
    rows = db.session.scalars(
        select(Event).where(Event.ended_at.is_not(None), Event.purged_at.is_(None))
    ).all()
    facts = [
        {"id": e.id, "ended_at": e.ended_at, "retention_days": e.retention_days, "purged_at": None}
        for e in rows
    ]
    due = set(retention.due(facts, now))
    return [e for e in rows if e.id in due]


def purge_due(now=None):
    """Apply the retention rule: purge every ended event past its deadline. Returns codes."""
    now = time.time() if now is None else now
    due = [(e.id, e.code) for e in due_events(now)]
    db.session.rollback()
    # Under the event lock: one worker purges, the others find it done.
    return [code for event_id, code in due if purge_now(event_id, now)]


def sweep(now):
    """The sweeper's call, every second: looks at deadlines every PURGE_EVERY seconds."""
    if now - _looked["at"] < PURGE_EVERY:
        return []
    _looked["at"] = now
    return purge_due(now)


def kept_until(event, now=None):
    """The after-event page's sentence: until when the list of people met stays."""
    now = time.time() if now is None else now
    return retention.availability(
        event.ended_at, event.retention_days, now, purged_at=event.purged_at
    )


# ---------------------------------------------------------------- flask commands


@click.command("purge")
@click.argument("code")
@with_appcontext
def purge_command(code):
    """Delete the personal data of ended event CODE now (the report's figures stay)."""
    from .events import find_event

    event = find_event(code)
    if event is None:
        raise click.ClickException(f"No event has the code {code.strip().upper()[:12]!r}.")
    try:
        done = purge_now(event.id)
    except CommandError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"{event.code}: personal data deleted." if done else f"{event.code}: already done.")


@click.command("purge-due")
@with_appcontext
def purge_due_command():
    """Apply the retention rule (for cron): delete the personal data of every ended event
    past its retention days."""
    done = purge_due()
    click.echo(f"Personal data deleted: {', '.join(done)}." if done else "Nothing due.")
