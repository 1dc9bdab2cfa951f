"""The open_mic segment kind: a sign-up bowl, fair random draws, a running order and a
timer per speaker.

Attendees put their name in the bowl (with an optional story title) and may take it out until
drawn. The host draws names (uniformly at random with the system's cryptographic source, see
socialapp/core/bowl.py), calls up the next one, runs the speaker's timer, marks no-shows absent,
adds names by hand and closes the bowl. Every command runs under the event lock in one
transaction (socialapp/commands.py), so two draws at the same moment never pick the same person.

This module is the descriptor: settings and views; reading.py holds the reads, commands.py
the commands.
"""

from sqlalchemy import delete, select

from ... import viewcache
from ...core import bowl
from ...extensions import db
from ...models import Segment
from .commands import COMMANDS, waiting_people
from .models import OpenMicEntry, OpenMicLog
from .reading import DEFAULT_GO_TO, LOG_SHOWN, ORDER_SHOWN, bowl_row, brief, entries, timer_of
from .recap import digest_part, forget_people, report_part
from .report import section as report_section
from .rules import HOST_SETTINGS, clean_settings, default_settings, first_come, talk_queue
from .talk import confirm_met, encounters, heard, interest_map

KIND = "open_mic"
LABEL = "Open mic"
ORDER = 20


def on_people_removed(ctx, removed):
    """The host removed these people from the event (any segment live, or none): a name still
    in a bowl is withdrawn, as its owner could have done, so a fake is never drawn on stage;
    so is a place still waiting in a first-come queue (its owner could leave it too). Names
    drawn by the host stay for the host to handle ("not here")."""
    db.session.execute(
        delete(OpenMicEntry).where(
            OpenMicEntry.event_id == ctx.event.id,
            OpenMicEntry.attendee_id.in_(removed),
            OpenMicEntry.status == bowl.IN_BOWL,
        )
    )
    queued = db.session.scalars(
        select(OpenMicEntry)
        .join(Segment, Segment.id == OpenMicEntry.segment_id)
        .where(
            OpenMicEntry.event_id == ctx.event.id,
            OpenMicEntry.attendee_id.in_(removed),
            OpenMicEntry.status == bowl.DRAWN,
        )
    ).all()
    for entry in queued:
        if first_come(db.session.get(Segment, entry.segment_id)):
            db.session.delete(entry)


def on_remove(ctx, removed):
    """The live queue moved up: the phones still waiting get their new place."""
    return waiting_people(entries(ctx.segment, fresh=True))


def public_view(ctx):
    """What every phone and the projector see: small, the same for everyone."""
    seg = ctx.segment
    settings = seg.settings
    ents = entries(seg)
    row = bowl_row(ctx)
    current = bowl.speaker(ents)
    order = bowl.running_order(ents)
    view = {
        "mode": settings.get("mode", "open_mic"),
        "order_by": settings.get("order", "drawn"),
        "theme": settings.get("theme", ""),
        "go_to": settings.get("go_to", DEFAULT_GO_TO),
        "speaker_minutes": settings.get("speaker_minutes", 4),
        "closed": bool(row and row.closed),
        "in_bowl": len(bowl.in_bowl(ents)),
        "spoken": sum(1 for e in ents if e.status == bowl.DONE),
        "speaker": brief(current) if current else None,
        "order": [brief(e) for e in order[:ORDER_SHOWN]],
        "order_total": len(order),
    }
    if talk_queue(seg):
        view["heard"] = [brief(e) for e in heard(ents)]
    if current is not None:
        view["timer"] = timer_of(current, ctx.now)
        view["timer_label"] = "Talk time" if talk_queue(seg) else "Speaker time"
    return view


def host_entry(e):
    return brief(e) | {"manual": e.attendee_id is None, "status": e.status, "at": e.created_at}


def host_view(ctx):
    seg = ctx.segment
    ents = entries(seg)
    row = bowl_row(ctx)
    logs = db.session.scalars(
        select(OpenMicLog)
        .where(OpenMicLog.segment_id == seg.id)
        .order_by(OpenMicLog.id.desc())
        .limit(LOG_SHOWN)
    ).all()
    current = bowl.speaker(ents)
    return {
        "closed": bool(row and row.closed),
        "mode": seg.settings.get("mode", "open_mic"),
        "order_by": seg.settings.get("order", "drawn"),
        "speaker_minutes": seg.settings.get("speaker_minutes", 4),
        "bowl": [host_entry(e) for e in bowl.in_bowl(ents)],
        "order": [host_entry(e) for e in bowl.running_order(ents)],
        "speaker": host_entry(current) if current else None,
        "done": [host_entry(e) for e in ents if e.status == bowl.DONE],
        "absent": [host_entry(e) for e in ents if e.status == bowl.ABSENT],
        "log": [
            {"at": g.at, "name": g.name, "action": g.action, "no": g.draw_no, "pool": g.pool}
            for g in logs
        ],
    }


# Personal views are asked for once per phone after a change that concerns everyone (a
# segment going live reaches 2,000 phones): one query per segment and event version
# (socialapp.viewcache), not one per phone.


def personal_map(ctx):
    return viewcache.memo(ctx.event, ("open_mic", ctx.segment.id), lambda: _personal_map(ctx))


def _personal_map(ctx):
    ents = entries(ctx.segment)
    order = {e.id: i for i, e in enumerate(bowl.running_order(ents), start=1)}
    return {
        e.attendee_id: {
            "id": e.id,
            "status": e.status,
            "title": e.title,
            "pitch": e.pitch,
            "position": order.get(e.id),
        }
        for e in ents
        if e.attendee_id is not None
    }


def personal_view(ctx, attendee):
    """This phone's place: not in, in the bowl, drawn (position 1 = on deck), speaking, done;
    in a talk queue also the talks it offered help with, and who offered help with its own."""
    view = {"entry": personal_map(ctx).get(attendee.id)}
    if talk_queue(ctx.segment):
        view |= interest_map(ctx).get(attendee.id, {"helping": [], "helpers": []})
    return view


def stories(event):
    """The stories the room heard, in order: [{"attendee" (None if added by hand), "name",
    "title", "segment" (its title)}] (connect lists them after the event)."""
    return [
        {"attendee": aid, "name": name, "title": title, "segment": seg_title}
        for aid, name, title, seg_title in db.session.execute(
            select(OpenMicEntry.attendee_id, OpenMicEntry.name, OpenMicEntry.title, Segment.title)
            .join(Segment, Segment.id == OpenMicEntry.segment_id)
            .where(OpenMicEntry.event_id == event.id, OpenMicEntry.started_at.is_not(None))
            .order_by(Segment.position, OpenMicEntry.started_at, OpenMicEntry.id)
        )
    ]


def vote_options(event):
    """The talks the room heard, as options for a vote ("best talk of the night"); the vote
    kind looks for this hook. A talk reads "Name: title" (or the name alone)."""
    options, seen = [], set()
    for story in stories(event):
        label = f"{story['name']}: {story['title']}" if story["title"] else story["name"]
        if label.casefold() not in seen:
            seen.add(label.casefold())
            options.append(label[:120])
    return [{"key": f"{KIND}-talks", "label": "Talks of the open mic", "options": options}]


def current_speaker(ctx):
    """The speaker with a phone (a name added by hand has none): for the host's wrap-up."""
    current = bowl.speaker(entries(ctx.segment))
    if current is None or current.attendee_id is None:
        return None
    return current.attendee_id, current.name


# What the core and other kinds read (docs/segment-kinds.md); the rest is the kind's own.
__all__ = [
    "current_speaker",
    "KIND", "LABEL", "ORDER", "COMMANDS", "HOST_SETTINGS", "default_settings", "clean_settings",
    "public_view", "host_view", "personal_view", "on_people_removed", "on_remove", "stories",
    "encounters", "confirm_met", "report_part", "report_section", "forget_people",
    "digest_part", "vote_options",
    "DEFAULT_GO_TO",
]  # fmt: skip
