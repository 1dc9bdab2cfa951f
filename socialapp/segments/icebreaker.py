"""The icebreaker segment kind: rounds of prompt questions in random groups of 2 or 3.

Each round the host starts matches the people present at that moment (socialapp.matching:
no repeated pairs where possible), gives every group a meeting sign (socialapp.signs) and
starts the round's timer. Late joiners are placed without reshuffling anyone; people who
cannot find their group are re-matched; anyone may sit a round out. Every pair that met is
stored, for the no-repeat rule and for "stay connected" later.

Who is present: a phone heard from within state.PRESENCE_SECONDS, or someone who tapped
"I'm here" during this segment. A phone that drops for a moment keeps its group: groups
change only by command.
"""

import json
from contextlib import suppress

from sqlalchemy import and_, delete, func, or_, select

from .. import clock, matching, meetings, signs, viewcache
from ..args import Bool, Ids, Int, Texts, clean
from ..errors import CommandError
from ..extensions import db
from ..models import (
    Attendee,
    IcebreakerAttendance,
    IcebreakerGroup,
    IcebreakerMember,
    IcebreakerPair,
    IcebreakerRound,
    IcebreakerState,
)
from .base import ALL, Change, command

KIND = "icebreaker"
LABEL = "Icebreaker"
COMMANDS = {}

MAX_PROMPTS = 50
MAX_PROMPT_LEN = 300
MIN_ROUND_SECONDS = 30
MAX_ROUND_SECONDS = 3600
MAX_PLACE = 2000
HOST_LIST_LIMIT = 60
DEFAULT_PROMPTS = [
    "What brought you here today, and what are you hoping to take home?",
    "What are you working on right now that excites you?",
    "What is something you learned recently that surprised you?",
]
COLOUR_INDEX = {hex_code: i for i, (_, hex_code) in enumerate(signs.COLOURS)}
COLOUR_TABLE = [[name, hex_code, signs.ink_for(hex_code)] for name, hex_code in signs.COLOURS]


# ---------- settings ----------


def default_settings():
    return {"group_size": 2, "prompts": list(DEFAULT_PROMPTS), "round_seconds": None,
            "auto_rounds": False}  # fmt: skip


def clean_settings(raw):
    raw = dict(raw or {})
    size = raw.get("group_size", 2)
    if isinstance(size, str) and size.strip() in ("2", "3"):
        size = int(size)
    if size not in (2, 3) or isinstance(size, bool):
        raise CommandError("Groups are pairs (2) or trios (3).")
    prompts = PROMPTS.parse(raw) or []
    seconds = raw.get("round_seconds")
    if seconds in ("", None):
        seconds = None
    elif isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise CommandError("The round length must be a number of seconds.")
    elif not MIN_ROUND_SECONDS <= seconds <= MAX_ROUND_SECONDS:
        raise CommandError(f"A round lasts {MIN_ROUND_SECONDS} to {MAX_ROUND_SECONDS} seconds.")
    else:
        seconds = int(seconds)
    auto = raw.get("auto_rounds", False)
    if not isinstance(auto, bool):
        raise CommandError("Auto-rounds must be on or off.")
    return {"group_size": size, "prompts": prompts, "round_seconds": seconds,
            "auto_rounds": auto}  # fmt: skip


PROMPTS = Texts(
    "prompts",
    MAX_PROMPTS,
    MAX_PROMPT_LEN,
    item="prompt question",
    label="prompt questions",
    split=r"\r\n|[\n\r\u2028\u2029]",
    required=False,
)


def settings_of(seg):
    return default_settings() | seg.settings


def round_seconds(seg, settings=None):
    """The settings' round length, or the segment's minutes shared among its questions."""
    settings = settings or settings_of(seg)
    if settings.get("round_seconds"):
        return float(settings["round_seconds"])
    share = seg.minutes * 60 / max(1, len(settings["prompts"]))
    return float(min(MAX_ROUND_SECONDS, max(60, round(share))))


# ---------- reading the database ----------


def current_round(seg):
    return db.session.scalar(
        select(IcebreakerRound)
        .where(IcebreakerRound.segment_id == seg.id)
        .order_by(IcebreakerRound.number.desc())
        .limit(1)
    )


def round_open(rnd, now):
    """A round still counts as "this round" until its timer runs out or the next starts."""
    return rnd is not None and rnd.ended_at is None and clock.remaining(rnd.timer, now) > 0


def get_state(seg):
    st = db.session.scalar(select(IcebreakerState).where(IcebreakerState.segment_id == seg.id))
    if st is None:
        st = IcebreakerState(segment_id=seg.id, next_prompt=0)
        db.session.add(st)
    return st


def attendance(seg, attendee_id):
    row = db.session.scalar(
        select(IcebreakerAttendance).where(
            IcebreakerAttendance.segment_id == seg.id,
            IcebreakerAttendance.attendee_id == attendee_id,
        )
    )
    if row is None:
        row = IcebreakerAttendance(segment_id=seg.id, attendee_id=attendee_id)
        db.session.add(row)
    return row


def _present(event, seg, now):
    """SQL condition: phones heard from lately, or who tapped "I'm here" in this segment."""
    from ..state import PRESENCE_SECONDS  # state imports the kinds: import it late

    tapped = select(IcebreakerAttendance.attendee_id).where(
        IcebreakerAttendance.segment_id == seg.id, IcebreakerAttendance.here_at.is_not(None)
    )
    return and_(
        Attendee.event_id == event.id,
        Attendee.removed_at.is_(None),
        or_(Attendee.last_seen > now - PRESENCE_SECONDS, Attendee.id.in_(tapped)),
    )


def present_ids(event, seg, now):
    return set(db.session.scalars(select(Attendee.id).where(_present(event, seg, now))))


def host_seen(event, seg, now):
    """How many are present and how many wait for a group, in two cheap counts."""
    present = _present(event, seg, now)
    count = db.session.scalar(select(func.count(Attendee.id)).where(present))
    rnd = current_round(seg)
    waiting = 0
    if rnd is not None:
        members = select(IcebreakerMember.attendee_id).where(IcebreakerMember.round_id == rnd.id)
        sitting = select(IcebreakerAttendance.attendee_id).where(
            IcebreakerAttendance.segment_id == seg.id,
            IcebreakerAttendance.skip_round == rnd.number,
        )
        waiting = db.session.scalar(
            select(func.count(Attendee.id)).where(
                present, Attendee.id.not_in(members), Attendee.id.not_in(sitting)
            )
        )
    return f"{count}:{waiting}"


def skippers(seg, number):
    return set(
        db.session.scalars(
            select(IcebreakerAttendance.attendee_id).where(
                IcebreakerAttendance.segment_id == seg.id,
                IcebreakerAttendance.skip_round == number,
            )
        )
    )


def met_pairs(event):
    rows = db.session.execute(
        select(IcebreakerPair.a, IcebreakerPair.b).where(IcebreakerPair.event_id == event.id)
    )
    return {frozenset(r) for r in rows}


def first_name(attendee_name, name_no):
    first = attendee_name.split()[0] if attendee_name.split() else attendee_name
    return first if name_no == 1 else f"{first} ({name_no})"


# ---------- a plain-data picture of the current round ----------
# Built once per event version (socialapp.viewcache): a round start sends "me" to every
# phone, and 2,000 personal views must not each query the groups again.


def snapshot(event, seg):
    return viewcache.memo(event, ("icebreaker", seg.id), lambda: _build_snapshot(event, seg))


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
    groups = db.session.scalars(
        select(IcebreakerGroup)
        .where(IcebreakerGroup.round_id == rnd.id)
        .order_by(IcebreakerGroup.number)
    ).all()
    index = {}
    for g in groups:
        index[g.id] = len(snap["groups"])
        snap["groups"].append(
            {"id": g.id, "sign": g.sign, "found": g.found_at is not None, "members": []}
        )
    rows = db.session.execute(
        select(
            IcebreakerMember.attendee_id,
            IcebreakerMember.group_id,
            IcebreakerMember.looking_at,
            IcebreakerMember.late,
            Attendee.name,
            Attendee.name_no,
        )
        .join(Attendee, Attendee.id == IcebreakerMember.attendee_id)
        .where(IcebreakerMember.round_id == rnd.id)
        .order_by(IcebreakerMember.id)
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
    out = {"round": 0, "rounds": len(settings["prompts"]), "mode": settings["group_size"]}
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
    seg = ctx.segment
    snap = snapshot(ctx.event, seg)
    here, skip = snap["attendance"].get(attendee.id, (False, None))
    rnd = snap["round"]
    number = rnd["number"] if rnd else 0
    out = {"round": number, "here": here, "skip_next": skip == number + 1}
    if rnd is None:
        return out | {"status": "waiting"}
    out["prompt"] = rnd["prompt"]
    mine = snap["member_of"].get(attendee.id)
    if mine is not None:
        group = snap["groups"][mine["group"]]
        me, confirmed = attendee.id, snap["confirmed"]
        mates = [a for a in group["members"] if a != me]
        return out | {
            "status": "grouped",
            "sign": group["sign"],
            "members": [snap["names"][a][0] for a in mates],
            # Who I said I found, and who said they found me: contacts need both.
            "mates": [
                {
                    "id": a,
                    "label": snap["names"][a][0],
                    "confirmed": (me, a) in confirmed,
                    "confirmed_me": (a, me) in confirmed,
                }
                for a in mates
            ],
            "confirmed": bool(mates) and all((me, a) in confirmed for a in mates),
            "found": group["found"],
            "looking": mine["looking"],
            "late": mine["late"],
        }
    if skip == number:
        return out | {"status": "skipped"}
    if not snap["groups"]:
        return out | {"status": "alone"}
    return out | {"status": "unplaced"}


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
        "round_seconds": round_seconds(seg, settings),
        "round": number,
        "prompts": len(prompts),
        "next_number": number + 1,
        "next_prompt": prompts[next_prompt % len(prompts)] if prompts else "",
        "prompts_used": next_prompt,
        "skipping_next": sum(1 for _, s in snap["attendance"].values() if s == number + 1),
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


# ---------- building groups ----------


def _add_groups(rnd, groups, sign_list, event_id, now, late=False):
    """Store groups with their signs and members, and every new pair as met."""
    rows = []
    for members, sign in zip(groups, sign_list, strict=True):
        g = IcebreakerGroup(
            round_id=rnd.id,
            number=sign["number"],
            colour=sign["colour"],
            hex=sign["hex"],
            ink=sign["ink"],
            emoji=sign["emoji"],
            emoji_name=sign["emoji_name"],
            late=late,
            created_at=now,
        )
        db.session.add(g)
        rows.append((g, members))
    db.session.flush()
    for g, members in rows:
        for aid in members:
            db.session.add(
                IcebreakerMember(
                    round_id=rnd.id, group_id=g.id, attendee_id=aid, late=late, joined_at=now
                )
            )
    record_pairs(event_id, rnd.id, matching.pairs_of(groups), now)
    return [g for g, _ in rows]


def record_pairs(event_id, round_id, pairs, now):
    known = _known_pairs(event_id, pairs)
    for pair in sorted(tuple(sorted(p)) for p in pairs):
        if frozenset(pair) not in known:
            a, b = pair
            db.session.add(
                IcebreakerPair(event_id=event_id, a=a, b=b, round_id=round_id, met_at=now)
            )


def _known_pairs(event_id, pairs):
    people = {p for pair in pairs for p in pair}
    if not people:
        return set()
    rows = db.session.execute(
        select(IcebreakerPair.a, IcebreakerPair.b).where(
            IcebreakerPair.event_id == event_id, IcebreakerPair.a.in_(people)
        )
    )
    return {frozenset(r) for r in rows}


def late_signs(rnd, count):
    """Signs for groups added during a round: the next numbers, and an emoji not yet used
    in the round where one is left (else at least a colour+emoji combination not in use)."""
    used = db.session.execute(
        select(IcebreakerGroup.number, IcebreakerGroup.hex, IcebreakerGroup.emoji).where(
            IcebreakerGroup.round_id == rnd.id
        )
    ).all()
    number = max((n for n, _, _ in used), default=0)
    combos = {(h, e) for _, h, e in used}
    emoji_used = {e for _, _, e in used}
    candidates = [signs.sign_for(i) for i in range(signs.MAX_DISTINCT_SIGNS)]
    picked = []
    for fresh_emoji_only in (True, False):
        for cand in candidates:
            if len(picked) >= count:
                break
            key = (cand["hex"], cand["emoji"])
            if key in combos or (fresh_emoji_only and cand["emoji"] in emoji_used):
                continue
            picked.append(cand)
            combos.add(key)
            emoji_used.add(cand["emoji"])
    while len(picked) < count:  # more groups than combinations: numbers stay unique
        picked.append(signs.sign_for(len(picked)))
    for i, sign in enumerate(picked):
        sign["number"] = number + i + 1
        sign["label"] = f"{sign['colour']} {sign['emoji_name']} {sign['number']}"
    return picked


def detach(rnd, people):
    """Take people out of their groups of this round; returns (orphans, affected).

    A pair that loses one member leaves the other alone: they join the people to place.
    Pairs recorded this round between the leavers and their group mates are forgotten,
    since those people did not meet after all.
    """
    members = db.session.scalars(
        select(IcebreakerMember).where(
            IcebreakerMember.round_id == rnd.id, IcebreakerMember.attendee_id.in_(people)
        )
    ).all()
    if not members:
        return set(), set()
    group_ids = {m.group_id for m in members}
    everyone = db.session.scalars(
        select(IcebreakerMember).where(IcebreakerMember.group_id.in_(group_ids))
    ).all()
    affected = {m.attendee_id for m in everyone}
    leaving = {m.attendee_id for m in members}
    for m in members:
        mates = [x.attendee_id for x in everyone if x.group_id == m.group_id and x is not m]
        for other in mates:
            a, b = sorted((m.attendee_id, other))
            db.session.execute(
                delete(IcebreakerPair).where(
                    IcebreakerPair.event_id == rnd.event_id,
                    IcebreakerPair.a == a,
                    IcebreakerPair.b == b,
                    IcebreakerPair.round_id == rnd.id,
                )
            )
        db.session.delete(m)
    orphans = set()
    for gid in group_ids:
        left = [x for x in everyone if x.group_id == gid and x.attendee_id not in leaving]
        group = db.session.get(IcebreakerGroup, gid)
        if len(left) <= 1:
            for x in left:
                orphans.add(x.attendee_id)
                db.session.delete(x)
            db.session.flush()
            db.session.delete(group)
        else:
            group.found_at = None
    db.session.flush()
    return orphans, affected


def place(ctx, rnd, people, now):
    """Group `people` without touching anyone else: with each other, or one into a pair."""
    people = sorted(people)
    if len(people) == 1:
        return [_join_a_pair(ctx, rnd, people[0], now)]
    met = met_pairs(ctx.event)
    groups = matching.match(people, met, matching.PAIRS, ctx.rng)
    made = _add_groups(rnd, groups, late_signs(rnd, len(groups)), ctx.event.id, now, late=True)
    return [g.number for g in made]


def _join_a_pair(ctx, rnd, person, now):
    sizes = (
        select(IcebreakerMember.group_id, func.count().label("n"))
        .where(IcebreakerMember.round_id == rnd.id)
        .group_by(IcebreakerMember.group_id)
        .subquery()
    )
    pair_ids = list(db.session.scalars(select(sizes.c.group_id).where(sizes.c.n == 2)))
    if not pair_ids:
        raise CommandError(
            "There is no pair to join: wait for one more person, or start the next round.",
            "conflict",
        )
    met = met_pairs(ctx.event)
    members = {}
    for gid, aid in db.session.execute(
        select(IcebreakerMember.group_id, IcebreakerMember.attendee_id).where(
            IcebreakerMember.group_id.in_(pair_ids)
        )
    ):
        members.setdefault(gid, []).append(aid)
    pair_ids.sort()
    ctx.rng.shuffle(pair_ids)  # among equally fresh pairs, any one
    best = min(pair_ids, key=lambda g: sum(frozenset((person, m)) in met for m in members[g]))
    group = db.session.get(IcebreakerGroup, best)
    group.found_at = None  # the newcomer still has to find them
    db.session.add(
        IcebreakerMember(
            round_id=rnd.id, group_id=best, attendee_id=person, late=True, joined_at=now
        )
    )
    record_pairs(ctx.event.id, rnd.id, {frozenset((person, m)) for m in members[best]}, now)
    return group.number


def group_members(group_id):
    return set(
        db.session.scalars(
            select(IcebreakerMember.attendee_id).where(IcebreakerMember.group_id == group_id)
        )
    )


# ---------- host commands ----------


@command(COMMANDS, "icebreaker.start_round", args=())
def start_round(ctx, args):
    """End the current round (if any) and start the next: match, sign, question, timer."""
    seg, now = ctx.segment, ctx.now
    settings = settings_of(seg)
    prompts = settings["prompts"]
    st = get_state(seg)
    prev = current_round(seg)
    if prev is not None and prev.ended_at is None:
        prev.timer = clock.stop(prev.timer, now)
        prev.ended_at = now
    number = prev.number + 1 if prev else 1
    people = present_ids(ctx.event, seg, now) - skippers(seg, number)
    met = met_pairs(ctx.event)
    groups = matching.match(people, met, settings["group_size"], ctx.rng)
    prompt_index = st.next_prompt % len(prompts) if prompts else None
    st.next_prompt = (st.next_prompt or 0) + 1
    rnd = IcebreakerRound(
        event_id=ctx.event.id,
        segment_id=seg.id,
        number=number,
        prompt=prompts[prompt_index] if prompts else "",
        prompt_index=prompt_index,
        group_size=settings["group_size"],
        started_at=now,
    )
    rnd.timer = clock.start(clock.new(round_seconds(seg, settings)), now)
    db.session.add(rnd)
    db.session.flush()
    _add_groups(rnd, groups, signs.signs_for_round(len(groups), ctx.rng), ctx.event.id, now)
    matched = sum(len(g) for g in groups)
    return Change(
        personal=ALL,
        result={
            "round": number,
            "groups": len(groups),
            "matched": matched,
            "unmatched": len(people) - matched,
            "repeats": matching.repeated_pairs(groups, met),
        },
    )


def _ids(args, key="attendee_ids"):
    """For a command that does not declare its args yet (declared ones use Ids)."""
    return Ids(key, max_items=MAX_PLACE, required=False).parse(args)


def _place_command(ctx, args, default):
    rnd = current_round(ctx.segment)
    if rnd is None or rnd.ended_at is not None:
        raise CommandError("Start a round first.", "conflict")
    now = ctx.now
    chosen = args["attendee_ids"]
    if chosen is None:
        chosen = default(rnd)
    else:
        known = set(
            db.session.scalars(
                select(Attendee.id).where(
                    Attendee.event_id == ctx.event.id, Attendee.id.in_(chosen)
                )
            )
        )
        if known != chosen:
            raise CommandError("Some of these people are not in this event.", "not_found")
        # The host chose them: whoever sat this round out is back in.
        for row in db.session.scalars(
            select(IcebreakerAttendance).where(
                IcebreakerAttendance.segment_id == ctx.segment.id,
                IcebreakerAttendance.attendee_id.in_(chosen),
                IcebreakerAttendance.skip_round == rnd.number,
            )
        ):
            row.skip_round = None
    if not chosen:
        raise CommandError("Nobody is waiting to be placed.", "conflict")
    orphans, affected = detach(rnd, chosen)
    people = chosen | orphans
    numbers = place(ctx, rnd, people, now)
    return Change(
        personal=people | affected | _mates_of(rnd, people),
        result={"placed": len(people), "groups": numbers},
    )


def _mates_of(rnd, people):
    gids = select(IcebreakerMember.group_id).where(
        IcebreakerMember.round_id == rnd.id, IcebreakerMember.attendee_id.in_(people)
    )
    return set(
        db.session.scalars(
            select(IcebreakerMember.attendee_id).where(IcebreakerMember.group_id.in_(gids))
        )
    )


def waiting_ids(ctx, rnd):
    """Present, not sitting this round out, and in no group of it."""
    members = set(
        db.session.scalars(
            select(IcebreakerMember.attendee_id).where(IcebreakerMember.round_id == rnd.id)
        )
    )
    return (
        present_ids(ctx.event, ctx.segment, ctx.now) - skippers(ctx.segment, rnd.number) - (members)
    )


def chosen_people(default):
    return [Ids("attendee_ids", max_items=MAX_PLACE, required=False, note=f"default: {default}")]


@command(
    COMMANDS,
    "icebreaker.place",
    args=chosen_people("everyone present, not sitting out and in no group this round"),
)
def place_late(ctx, args):
    """Place late joiners (default: everyone present and not in a group) without reshuffling."""
    return _place_command(ctx, args, lambda rnd: waiting_ids(ctx, rnd))


@command(
    COMMANDS, "icebreaker.rematch", args=chosen_people("everyone who tapped “can't find my group”")
)
def rematch(ctx, args):
    """Re-match people who cannot find their group (default: everyone marked as looking)."""

    def looking(rnd):
        return set(
            db.session.scalars(
                select(IcebreakerMember.attendee_id).where(
                    IcebreakerMember.round_id == rnd.id, IcebreakerMember.looking_at.is_not(None)
                )
            )
        )

    return _place_command(ctx, args, looking)


def _update_settings(seg, **changes):
    seg.settings_json = json.dumps(clean_settings(settings_of(seg) | changes))


@command(
    COMMANDS,
    "icebreaker.mode",
    needs_live=False,
    args=[Int("group_size", 2, 3, label="group size")],
)
def mode(ctx, args):
    """Pairs (2) or trios (3), from the next round on."""
    size = args["group_size"]
    _update_settings(ctx.segment, group_size=size)
    return Change(result={"group_size": size})


@command(COMMANDS, "icebreaker.auto", needs_live=False, args=[Bool("auto")])
def auto(ctx, args):
    """Auto-rounds: the next round starts by itself when the round timer ends."""
    on = args["auto"]
    _update_settings(ctx.segment, auto_rounds=on)
    return Change(result={"auto": on})


@command(COMMANDS, "icebreaker.skip_prompt", args=())
def skip_prompt(ctx, args):
    """Skip the next question (the one the next round would ask)."""
    prompts = settings_of(ctx.segment)["prompts"]
    if not prompts:
        raise CommandError("This icebreaker has no prompt questions.", "conflict")
    st = get_state(ctx.segment)
    st.next_prompt = (st.next_prompt or 0) + 1
    return Change(result={"next_prompt": prompts[st.next_prompt % len(prompts)]})


# ---------- attendee commands ----------


def _only(args, *allowed):
    """For a command that does not declare its args yet (declared ones say strict=True)."""
    clean([], {k: v for k, v in args.items() if k not in allowed}, strict=True)


def _my_member(ctx):
    rnd = current_round(ctx.segment)
    member = None
    if rnd is not None:
        member = db.session.scalar(
            select(IcebreakerMember).where(
                IcebreakerMember.round_id == rnd.id,
                IcebreakerMember.attendee_id == ctx.attendee.id,
            )
        )
    if member is None:
        raise CommandError("You are not in a group this round.", "conflict")
    return rnd, member


# Phones act on themselves only (strict): any other field (an attendee, a group) is refused.
@command(COMMANDS, "icebreaker.here", roles=("attendee",), args=(), strict=True)
def here(ctx, args):
    """ "I'm here": counts as present for this segment even if the phone goes to sleep."""
    row = attendance(ctx.segment, ctx.attendee.id)
    row.here_at = row.here_at or ctx.now
    return Change(personal={ctx.attendee.id}, public=False)


@command(
    COMMANDS, "icebreaker.skip", roles=("attendee",), args=[Bool("skip", default=True)], strict=True
)
def skip(ctx, args):
    """Sit this round out (or the next, between rounds); skip=false comes back."""
    on = args["skip"]
    me = ctx.attendee.id
    rnd = current_round(ctx.segment)
    row = attendance(ctx.segment, me)
    affected = {me}
    public = False
    if not on:
        row.skip_round = None
        return Change(personal=affected, public=public, result={"skip": None})
    number = rnd.number if round_open(rnd, ctx.now) else (rnd.number + 1 if rnd else 1)
    row.skip_round = number
    if rnd is not None and number == rnd.number:
        orphans, mates = detach(rnd, {me})
        affected |= mates | orphans
        public = bool(mates)
    return Change(personal=affected, public=public, result={"skip": number})


@command(
    COMMANDS,
    "icebreaker.found",
    roles=("attendee",),
    args=[
        Bool("found", default=True),
        Ids("mates", "person", max_items=2, required=False, note="a trio's phone: whom it found"),
    ],
    strict=True,
)
def found(ctx, args):
    """ "We found each other": this person confirms meeting their group mates (all of them, or
    the ones in `mates`, as a trio's phone asks); found=false takes it back. The group shows
    as found once anyone in it confirmed; contacts need both sides (socialapp.meetings)."""
    on = args["found"]
    rnd, member = _my_member(ctx)
    group = db.session.get(IcebreakerGroup, member.group_id)
    members = group_members(group.id)
    mates = members - {ctx.attendee.id}
    chosen = args["mates"]
    if chosen is not None and (not chosen or not chosen <= mates):
        raise CommandError("Those people are not in your group.", "not_found")
    chosen = mates if chosen is None else chosen
    meetings.confirm(ctx.event.id, ctx.attendee.id, chosen, on, ctx.now)
    if not on:
        if not meetings.within(ctx.event.id, members):
            group.found_at = None
    else:
        group.found_at = group.found_at or ctx.now
        for m in db.session.scalars(
            select(IcebreakerMember).where(IcebreakerMember.group_id == group.id)
        ):
            m.looking_at = None
    # A burst of taps in a big room sends a few public states (socialapp.broadcast).
    return Change(personal=members, result={"found": on})


@command(
    COMMANDS,
    "icebreaker.looking",
    roles=("attendee",),
    args=[Bool("looking", default=True)],
    strict=True,
)
def looking(ctx, args):
    """ "Can't find my group": the host sees who is looking and can re-match them."""
    on = args["looking"]
    _, member = _my_member(ctx)
    member.looking_at = (member.looking_at or ctx.now) if on else None
    return Change(personal={ctx.attendee.id}, public=False, result={"looking": on})


# ---------- the host removed people (socialapp.people) ----------


def on_remove(ctx, removed):
    """Take removed people out of this round's groups. A group left with one person gets
    them placed into another group, or (no pair to join) waiting to be placed: never alone.
    Returns whose personal view changed."""
    rnd = current_round(ctx.segment)
    if rnd is None or rnd.ended_at is not None:
        return set()
    orphans, affected = detach(rnd, set(removed))
    if orphans:
        # No pair to join yet: their phones say a group is coming, the host sees them waiting.
        with suppress(CommandError):
            place(ctx, rnd, orphans, ctx.now)
        affected |= _mates_of(rnd, orphans)
    return (affected | orphans) - set(removed)


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
    return _seen_changed(ctx)


def _seen_changed(ctx):
    st = db.session.scalar(
        select(IcebreakerState).where(IcebreakerState.segment_id == ctx.segment.id)
    )
    return (st.host_seen if st else "") != host_seen(ctx.event, ctx.segment, ctx.now)


def on_sweep(ctx):
    """Auto-rounds; a fresh host panel when people arrive or leave (late joiners show up
    there without anyone clicking)."""
    seg = ctx.segment
    rnd = current_round(seg)
    st = get_state(seg)
    seen = host_seen(ctx.event, seg, ctx.now)
    changed = st.host_seen != seen
    st.host_seen = seen
    if _auto_due(seg, rnd, ctx.now):
        return start_round(ctx, {})
    return Change(public=False) if changed else None
