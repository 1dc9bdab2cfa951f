"""The sweeper: one background loop per process that notices timers that ran out.

Timers are deadlines in the database, not threads counting down; this loop only decides what
to do once a deadline passed (auto-advance, auto-rounds) and refreshes the presence count.
Every action re-checks its condition under the event lock, so with several workers exactly
one of them acts.
"""

import logging
import random
import time

from sqlalchemy import select

from . import agenda, broadcast, commands, people, presence, privacy, realtime
from .core import clock
from .extensions import db, socketio
from .kinds import KINDS
from .kinds.base import Change, Ctx
from .models import Event
from .state import present_count

log = logging.getLogger(__name__)
COUNT_EVERY = 5.0


def init_app(app):
    app.extensions["sweeper_started"] = False


def start(app):
    """Start the loop (server entry point only; tests call tick() directly)."""
    if app.extensions.get("sweeper_started"):
        return
    app.extensions["sweeper_started"] = True
    socketio.start_background_task(loop, app)


def loop(app):
    last_count = 0.0
    while True:
        socketio.sleep(app.config["SWEEP_SECONDS"])
        with broadcast.worker_context(app):
            try:
                now = time.time()
                tick(now)
                realtime.drop_stale_hosts()  # keys rotated or events ended on other workers
                people.sweep_removed(now)
                privacy.sweep(now)  # retention: personal data past its days goes
                save_presence()
                if now - last_count >= COUNT_EVERY:
                    last_count = now
                    counts(now)
            except Exception:
                log.exception("sweeper tick failed")
                db.session.rollback()
            finally:
                db.session.remove()


def live_events():
    return db.session.scalars(
        select(Event).where(Event.live_segment_id.is_not(None), Event.ended_at.is_(None))
    ).all()


def tick(now=None):
    """Act on every event whose live segment has something due. Returns how many acted."""
    now = now or time.time()
    acted = 0
    for event_id in [e.id for e in live_events() if due(e, now)]:
        acted += act(event_id, now)
    db.session.rollback()
    return acted


def due(event, now):
    seg = event.live_segment
    if seg is None:
        return False
    if event.auto_advance and clock.is_due(seg.timer, now):
        return True
    kind_due = getattr(KINDS[seg.kind], "due", None)
    return bool(kind_due and kind_due(Ctx(event, seg, now)))


def act(event_id, now):
    """One event's due action, through the command layer's one write path: the condition is
    checked again under the event's lock, so with several workers exactly one of them acts."""

    def step(event):
        if event.ended_at is not None or event.live_segment is None or not due(event, now):
            return None  # another worker got there first
        seg = event.live_segment
        ctx = Ctx(event, seg, now, role="host", rng=random.SystemRandom())
        kind_sweep = getattr(KINDS[seg.kind], "on_sweep", None)
        change = kind_sweep(ctx) if kind_sweep else None
        if change is None and event.auto_advance and clock.is_due(seg.timer, now):
            change = agenda.sweep(ctx)
        return change

    return 1 if commands.write(event_id, step, "sweep") is not None else 0


def save_presence():
    """The heartbeats this worker heard since the last sweep, one write per event."""

    def step(event):
        return Change(public=False, host=False)  # presence.save() in write() did the work

    for event_id in presence.pending_events():
        commands.write(event_id, step, "presence", lock_event=False)


def counts(now):
    """Presence changes are sent every few seconds, not on every join: a QR rush of 500
    people would otherwise send 500 full states to 500 phones."""
    for event in live_or_recent_events(now):
        count = present_count(event, now)
        joined = people.joined_count(event)
        if broadcast.counts_changed(event, (count, joined)):
            # Joins per minute for the host: a scripted burst stands out there.
            broadcast.counts(event, count, people.host_view(event, now))


def live_or_recent_events(now):
    return db.session.scalars(select(Event).where(Event.ended_at.is_(None))).all()
