"""The icebreaker's commands: the host starts rounds, places and re-matches people, sets the
mode; phones say they are here, sit a round out, found their group or are looking for it.
And on_remove: the host removed people while a round runs.
"""

import json
import random
from contextlib import suppress

from sqlalchemy import select

from ...args import Bool, Choice, Id, Ids, Int, clean
from ...core import clock, matching, signs
from ...errors import CommandError
from ...extensions import db
from ...models import Attendee
from ..base import ALL, Change, command
from . import answer_matching, answer_reasons, meetings
from .groups import add_groups, detach, group_members, place
from .models import (
    IcebreakerAttendance,
    IcebreakerGroup,
    IcebreakerMember,
    IcebreakerRound,
)
from .reading import (
    attendance,
    avoid_pairs,
    current_round,
    get_state,
    met_pairs,
    present_ids,
    round_open,
    skippers,
)
from .rules import MAX_PLACE, clean_settings, round_seconds, settings_of

COMMANDS = {}


# ---------- host commands ----------


BY_ANSWERS = [
    Id("question_id", "question", required=False, note="a vote question: match by its answers"),
    Choice("match", answer_matching.MODES, default=answer_matching.MIXED,
           note="with question_id: people who answered differently meet, or alike"),
]  # fmt: skip


def by_answers(ctx, args):
    """The answers of the vote question to match by, from the kind that holds it (a hook:
    answers_for(event, question_id)), or None for a plain round."""
    from .. import KINDS  # late: the registry is still being filled when this loads

    if args.get("question_id") is None:  # the sweeper's auto-rounds pass no arguments
        return None
    for kind in KINDS.values():
        hook = getattr(kind, "answers_for", None)
        found = hook(ctx.event, args["question_id"]) if hook else None
        if found is not None:
            return found
    raise CommandError("Unknown question (or its answers cannot be compared).", "not_found")


@command(COMMANDS, "icebreaker.start_round", args=BY_ANSWERS)
def start_round(ctx, args):
    """End the current round (if any) and start the next: match, sign, question, timer.
    With question_id, groups are made by the answers to that vote question ("mixed" or
    "alike"), and each phone is told why its group is together."""
    answers = by_answers(ctx, args)
    seg, now = ctx.segment, ctx.now
    # Matching 2,000 draws thousands of numbers; the command's SystemRandom reads the kernel
    # for each (a third of the matching's time): a generator seeded from it draws them here.
    rng = random.Random(ctx.rng.getrandbits(128))
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
    avoid = avoid_pairs(ctx.event, met)  # and who met at earlier sessions of a series
    reasons = None
    if answers is None:
        groups = matching.match(people, avoid, settings["group_size"], rng)
    else:
        groups = answer_matching.match_by_answers(
            people, answers["answers"], avoid, settings["group_size"], rng, args["match"]
        )
        told = answer_reasons.explain(groups, answers["answers"], answers["labels"])
        reasons = [r["text"][:200] for r in told]
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
    sign_list = signs.signs_for_round(len(groups), rng)
    add_groups(rnd, groups, sign_list, ctx.event.id, now, met=met, reasons=reasons)
    matched = sum(len(g) for g in groups)
    return Change(
        personal=ALL,
        result={
            "round": number,
            "groups": len(groups),
            "matched": matched,
            "unmatched": len(people) - matched,
            "repeats": matching.repeated_pairs(groups, avoid),
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
