"""Making groups and mending them: store a round's groups with their signs, record the pairs
that met, place late joiners without reshuffling anyone, take people out of a group.
"""

from sqlalchemy import delete, func, select

from ...core import matching, signs
from ...errors import CommandError
from ...extensions import db
from .models import (
    IcebreakerGroup,
    IcebreakerMember,
    IcebreakerPair,
)
from .reading import avoid_pairs, met_pairs

# Core tables for bulk inserts: every column is given (no ORM defaults run on these).
GROUPS, MEMBERS, PAIRS = (m.__table__ for m in (IcebreakerGroup, IcebreakerMember, IcebreakerPair))

# ---------- building groups ----------


def add_groups(rnd, groups, sign_list, event_id, now, late=False, met=None, reasons=None):
    """Store groups with their signs and members, and every new pair as met; returns the
    groups' numbers. A round for 2,000 is three executemany of plain tuples (_insert), not
    4,000 ORM objects nor SQLAlchemy's per-row parameter processing (a third of the command
    in py-spy). met: the pairs already known (read once by the caller), else read here.
    reasons: why each group is together (a round matched by answers), else None each."""
    if len(sign_list) != len(groups):
        raise ValueError("one sign per group")
    reasons = reasons or [None] * len(groups)
    if not groups:
        return []
    numbers = [sign["number"] for sign in sign_list]
    _insert(
        GROUPS,
        ("round_id", "number", "colour", "hex", "ink", "emoji", "emoji_name", "late",
         "found_at", "created_at", "reason"),
        [
            (rnd.id, s["number"], s["colour"], s["hex"], s["ink"], s["emoji"], s["emoji_name"],
             late, None, now, reason)
            for s, reason in zip(sign_list, reasons, strict=True)
        ],
    )  # fmt: skip
    ids = dict(
        db.session.execute(
            select(GROUPS.c.number, GROUPS.c.id).where(
                GROUPS.c.round_id == rnd.id, GROUPS.c.number.in_(numbers)
            )
        ).all()
    )
    _insert(
        MEMBERS,
        ("round_id", "group_id", "attendee_id", "late", "looking_at", "joined_at"),
        [
            (rnd.id, ids[number], aid, late, None, now)
            for members, number in zip(groups, numbers, strict=True)
            for aid in members
        ],
    )
    record_pairs(event_id, rnd.id, matching.pairs_of(groups), now, met)
    return numbers


def record_pairs(event_id, round_id, pairs, now, known=None):
    """Store the pairs not met before (known: those that were, if the caller has them)."""
    known = _known_pairs(event_id, pairs) if known is None else known
    rows = [
        (event_id, a, b, round_id, now, None, None)
        for a, b in sorted(tuple(sorted(p)) for p in pairs)
        if frozenset((a, b)) not in known
    ]
    columns = ("event_id", "a", "b", "round_id", "met_at", "a_confirmed_at", "b_confirmed_at")
    _insert(PAIRS, columns, rows)


def _insert(table, columns, rows):
    """INSERT rows (tuples in the order of columns, every column given: no defaults run) in
    one executemany on the session's connection, in the driver's own placeholder style."""
    if not rows:
        return
    conn = db.session.connection()
    mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}[conn.dialect.paramstyle]
    quote = conn.dialect.identifier_preparer.quote
    conn.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})",
        rows,
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
    groups = matching.match(people, avoid_pairs(ctx.event, met), matching.PAIRS, ctx.rng)
    sign_list = late_signs(rnd, len(groups))
    return add_groups(rnd, groups, sign_list, ctx.event.id, now, late=True, met=met)


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
    met = avoid_pairs(ctx.event)
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
