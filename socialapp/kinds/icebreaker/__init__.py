"""The icebreaker segment kind: rounds of prompt questions in random groups of 2 or 3.

Each round the host starts matches the people present at that moment (socialapp.core.matching:
no repeated pairs where possible), gives every group a meeting sign (socialapp.core.signs) and
starts the round's timer. Late joiners are placed without reshuffling anyone; people who
cannot find their group are re-matched; anyone may sit a round out. Every pair that met is
stored, for the no-repeat rule and for "stay connected" later.

Who is present: a phone heard from within state.PRESENCE_SECONDS, or someone who tapped
"I'm here" during this segment. A phone that drops for a moment keeps its group: groups
change only by command.

The package: rules.py (limits and settings), reading.py (what the database holds now),
groups.py (making and mending groups), commands.py (what the host and phones do), personal.py
(a phone's view, from the round's picture); this module is the descriptor the core reads,
with the views, their cached picture of the round, and the sweeper's hooks.
"""

from sqlalchemy import select

from ... import viewcache
from ...core import clock
from ...extensions import db
from ...models import Attendee, Segment
from ..base import Change
from . import late as late_joiners
from . import meetings, personal
from .commands import COMMANDS, on_remove, start_round
from .models import (
    SIGN_COLUMNS,
    IcebreakerAttendance,
    IcebreakerGroup,
    IcebreakerMember,
    IcebreakerPair,
    IcebreakerRound,
    IcebreakerState,
    sign_of,
)
from .reading import current_round, first_name, get_state, host_seen, present_ids
from .recap import forget_people, report_part
from .report import section as report_section
from .rules import (
    COLOUR_INDEX,
    COLOUR_TABLE,
    HOST_LIST_LIMIT,
    HOST_SETTINGS,
    clean_settings,
    default_settings,
    round_seconds,
    settings_of,
)

KIND = "icebreaker"
LABEL = "Icebreaker"
ORDER = 10
# The group tiles are the projector's: a phone shows its own group, from its personal state.
# A round for 2,000 has 1,000 groups (48 KB) that the phones' room is not sent.
DISPLAY_ONLY = ("groups",)
# What the core and other kinds read (docs/segment-kinds.md); the rest is the kind's own.
__all__ = [
    "KIND", "LABEL", "ORDER", "DISPLAY_ONLY", "COMMANDS", "HOST_SETTINGS", "default_settings",
    "clean_settings", "public_view", "host_view", "personal_view", "personal_views", "on_remove",
    "due", "on_sweep", "encounters", "confirm_met", "report_part", "report_section",
    "forget_people",
]  # fmt: skip
# ---------- a plain-data picture of the current round ----------
# Built once per event version (socialapp.viewcache): a round start sends "me" to every
# phone, and 2,000 personal views must not each query the groups again.


def snapshot(event, seg):
    return viewcache.memo(event, ("icebreaker", seg.id), lambda: _build_snapshot(event, seg))


_GROUPS, _MEMBERS, _PEOPLE = (m.__table__ for m in (IcebreakerGroup, IcebreakerMember, Attendee))


def _build_snapshot(event, seg):
    settings = settings_of(seg)
    snap = {
        "settings": settings,
        "round": None,
        "groups": [],
        "member_of": {},
        "names": {},
        "attendance": {},
        "confirmed": set(),  # (who, whom): who tapped that they found whom (this round's groups)
    }
    for aid, here_at, skip in db.session.execute(
        select(
            IcebreakerAttendance.attendee_id,
            IcebreakerAttendance.here_at,
            IcebreakerAttendance.skip_round,
        ).where(IcebreakerAttendance.segment_id == seg.id)
    ):
        snap["attendance"][aid] = (here_at is not None, skip)
    rnd = current_round(seg)
    if rnd is None:
        return snap
    snap["round"] = {
        "id": rnd.id,
        "number": rnd.number,
        "prompt": rnd.prompt,
        "timer": rnd.timer,
        "ended": rnd.ended_at is not None,
        "group_size": rnd.group_size,
    }
    # Plain rows, not ORM objects: a round for 2,000 has 1,000 groups. On the tables' own
    # columns (Core): the ORM's row processing of the 2,000 members was a third of this.
    index = {}
    groups, members, people = _GROUPS.c, _MEMBERS.c, _PEOPLE.c
    for gid, found_at, reason, *sign in db.session.execute(
        select(groups.id, groups.found_at, groups.reason, *(groups[c.key] for c in SIGN_COLUMNS))
        .where(groups.round_id == rnd.id)
        .order_by(groups.number)
    ):
        index[gid] = len(snap["groups"])
        snap["groups"].append(
            {
                "id": gid,
                "sign": sign_of(*sign),
                "found": found_at is not None,
                "members": [],
                "reason": reason,
            }
        )
    rows = db.session.execute(
        select(
            members.attendee_id,
            members.group_id,
            members.looking_at,
            members.late,
            people.name,
            people.name_no,
        )
        .join(_PEOPLE, people.id == members.attendee_id)
        .where(members.round_id == rnd.id)
        .order_by(members.id)
    )
    for aid, gid, looking_at, late, name, name_no in rows:
        gi = index[gid]
        snap["groups"][gi]["members"].append(aid)
        snap["member_of"][aid] = {"group": gi, "looking": looking_at is not None, "late": late}
        label = name if name_no == 1 else f"{name} ({name_no})"
        snap["names"][aid] = (label, first_name(name, name_no))
    snap["confirmed"] = meetings.in_round(event.id, rnd.id)
    return snap


def forget():
    """Drop cached pictures (tests that change rows outside commands call this)."""
    viewcache.forget()


# ---------- views ----------


def timer_dict(timer, now):
    return timer.to_dict() | {"phase": clock.phase(timer, now)}


def public_view(ctx):
    seg = ctx.segment
    snap = snapshot(ctx.event, seg)
    settings = snap["settings"]
    out = {"round": 0, "rounds": len(settings["prompts"]), "mode": settings["group_size"],
           "auto_place": settings["auto_place"]}  # fmt: skip
    rnd = snap["round"]
    if rnd is None:
        return out
    groups = snap["groups"]
    names = snap["names"]
    return out | {
        "round": rnd["number"],
        "prompt": rnd["prompt"],
        "timer": timer_dict(rnd["timer"], ctx.now),
        "timer_label": f"Round {rnd['number']}",
        "colours": COLOUR_TABLE,
        # Compact for big rooms: [number, colour index, emoji, [first names]], plus a
        # trailing 1 once the group found each other.
        "groups": [
            [
                g["sign"]["number"],
                COLOUR_INDEX.get(g["sign"]["hex"], 0),
                g["sign"]["emoji"],
                [names[a][1] for a in g["members"]],
                *([1] if g["found"] else []),
            ]
            for g in groups
        ],
        "found": sum(1 for g in groups if g["found"]),
        "total": len(groups),
    }


def personal_view(ctx, attendee):
    return personal.view(snapshot(ctx.event, ctx.segment), attendee.id)


def personal_views(ctx, attendees):
    """{attendee id: personal view} for many phones (a round start: every phone), from one
    picture of the round (socialapp.state asks for this hook)."""
    snap = snapshot(ctx.event, ctx.segment)
    return {a.id: personal.view(snap, a.id) for a in attendees}


def questions_to_match_by(event):
    """Vote questions whose answers a round may be matched by, from any kind that offers
    them (a hook: answer_questions(event))."""
    from .. import KINDS  # late: the registry is still being filled when this loads

    found = []
    for kind in KINDS.values():
        hook = getattr(kind, "answer_questions", None)
        found += hook(event) if hook else []
    return found


def host_view(ctx):
    seg = ctx.segment
    snap = snapshot(ctx.event, seg)
    settings = snap["settings"]
    prompts = settings["prompts"]
    present = present_ids(ctx.event, seg, ctx.now)
    st = db.session.scalar(select(IcebreakerState).where(IcebreakerState.segment_id == seg.id))
    next_prompt = st.next_prompt if st else 0
    rnd = snap["round"]
    number = rnd["number"] if rnd else 0
    out = {
        "present": len(present),
        "mode": settings["group_size"],
        "auto": settings["auto_rounds"],
        "auto_place": settings["auto_place"],
        "round_seconds": round_seconds(seg, settings),
        "round": number,
        "prompts": len(prompts),
        "next_number": number + 1,
        "next_prompt": prompts[next_prompt % len(prompts)] if prompts else "",
        "prompts_used": next_prompt,
        "skipping_next": sum(1 for _, s in snap["attendance"].values() if s == number + 1),
        "by_answers": questions_to_match_by(ctx.event),
    }
    if rnd is None:
        return out
    groups = snap["groups"]
    member_of = snap["member_of"]
    skipping = {a for a, (_, s) in snap["attendance"].items() if s == number}
    waiting = sorted(present - skipping - set(member_of))
    labels = _labels(waiting[:HOST_LIST_LIMIT])
    looking = [a for a, m in member_of.items() if m["looking"]]
    not_found = [g for g in groups if not g["found"]]
    names = snap["names"]

    def brief(g):
        s = g["sign"]
        return [s["number"], s["hex"], s["emoji"], [names[a][0] for a in g["members"]]]

    return out | {
        "prompt": rnd["prompt"],
        "timer": timer_dict(rnd["timer"], ctx.now),
        "groups": len(groups),
        "found": len(groups) - len(not_found),
        "matched": len(member_of),
        "skipping": len(skipping),
        "waiting": [{"id": a, "label": labels[a]} for a in waiting[:HOST_LIST_LIMIT]],
        "waiting_count": len(waiting),
        "looking": [
            {"id": a, "label": names[a][0], "sign": brief(groups[member_of[a]["group"]])[:3]}
            for a in sorted(looking)[:HOST_LIST_LIMIT]
        ],
        "looking_count": len(looking),
        "not_found": [brief(g) for g in not_found[:HOST_LIST_LIMIT]],
        "alone": not groups and len(waiting) == 1,
    }


def _labels(ids):
    if not ids:
        return {}
    rows = db.session.execute(
        select(Attendee.id, Attendee.name, Attendee.name_no).where(Attendee.id.in_(ids))
    )
    return {i: (n if k == 1 else f"{n} ({k})") for i, n, k in rows}


# ---------- the sweeper's hooks ----------


def _auto_due(seg, rnd, now):
    settings = settings_of(seg)
    if not settings["auto_rounds"] or rnd is None or rnd.ended_at is not None:
        return False
    if not clock.is_due(rnd.timer, now):
        return False
    st = db.session.scalar(select(IcebreakerState).where(IcebreakerState.segment_id == seg.id))
    return st is not None and st.next_prompt < len(settings["prompts"])


def due(ctx):
    rnd = current_round(ctx.segment)
    if _auto_due(ctx.segment, rnd, ctx.now):
        return True
    st = db.session.scalar(
        select(IcebreakerState).where(IcebreakerState.segment_id == ctx.segment.id)
    )
    if late_joiners.due(ctx, st):
        return True
    return (st.host_seen if st else "") != host_seen(ctx.event, ctx.segment, ctx.now)


def on_sweep(ctx):
    """Auto-rounds; late joiners placed by themselves (late.py); a fresh host panel when
    people arrive or leave (late joiners show up there without anyone clicking)."""
    seg = ctx.segment
    rnd = current_round(seg)
    st = get_state(seg)
    seen = host_seen(ctx.event, seg, ctx.now)
    changed = st.host_seen != seen
    st.host_seen = seen
    if _auto_due(seg, rnd, ctx.now):
        return start_round(ctx, {})
    placed = late_joiners.sweep(ctx, st, seen)
    if placed is not None and placed.public:  # people were placed: the panel sees it now
        db.session.flush()
        st.host_seen = host_seen(ctx.event, seg, ctx.now)
        return placed
    if changed:
        return Change(public=False)
    return placed  # only the deadline moved (committed, nothing to send), or nothing


# ---------- for other kinds (connect: people find again those they met) ----------


def encounters(event):
    """Who met whom in this event's rounds: {"rounds": {round id: {"number", "prompt",
    "segment" (its title), "pos"}}, "pairs": [(a, b, round id)] in the order they met,
    "confirmed": {(who, whom)}: who confirmed meeting whom}."""
    rounds = {}
    for rid, number, prompt, seg_title, seg_pos in db.session.execute(
        select(
            IcebreakerRound.id,
            IcebreakerRound.number,
            IcebreakerRound.prompt,
            Segment.title,
            Segment.position,
        )
        .join(Segment, Segment.id == IcebreakerRound.segment_id)
        .where(IcebreakerRound.event_id == event.id)
    ):
        rounds[rid] = {"number": number, "prompt": prompt, "segment": seg_title, "pos": seg_pos}
    pairs, confirmed = [], set()
    for a, b, rid, a_at, b_at in db.session.execute(
        select(
            IcebreakerPair.a,
            IcebreakerPair.b,
            IcebreakerPair.round_id,
            IcebreakerPair.a_confirmed_at,
            IcebreakerPair.b_confirmed_at,
        )
        .where(IcebreakerPair.event_id == event.id)
        .order_by(IcebreakerPair.met_at, IcebreakerPair.id)
    ):
        pairs.append((a, b, rid))
        confirmed |= meetings.sides((a, b, a_at, b_at))
    return {"rounds": rounds, "pairs": pairs, "confirmed": confirmed}


def confirm_met(event_id, me, others, on, now):
    """ "I met them" (on) or not for pairs of mine; returns the others I had a pair with."""
    return meetings.confirm(event_id, me, others, on, now)
