"""The open-mic bowl: fair draws and the running order. Pure: no Flask, no database.

Entries are any objects; the functions only look at the attributes named below. The app
draws with random.SystemRandom (the operating system's cryptographic source); tests pass a
seeded random.Random to check the draw is uniform.

Life of an entry:  bowl -> drawn -> speaking -> done
                     ^       |  \\-> absent (out)
                     '-------'  (absent, back into the bowl)
A withdrawn (by its owner) or removed (by the host) entry is deleted, not kept.
"""

IN_BOWL = "bowl"
DRAWN = "drawn"  # in the running order; the first one is "on deck"
SPEAKING = "speaking"
DONE = "done"
ABSENT = "absent"
STATUSES = (IN_BOWL, DRAWN, SPEAKING, DONE, ABSENT)
MAX_DRAW = 20  # names one draw may pull at once (a running order for the segment)

# Which statuses each action may start from.
ALLOWED = {
    "draw": {IN_BOWL},
    "withdraw": {IN_BOWL},
    "remove": {IN_BOWL, DRAWN, ABSENT},
    "call_up": {DRAWN},
    "absent": {DRAWN, SPEAKING},
    "finish": {SPEAKING},
}


def allowed(action, status):
    return status in ALLOWED[action]


def draw(entries, k, rng):
    """k different entries chosen uniformly at random, in the order they were drawn.

    Every ordered choice of k out of n is equally likely (rng.sample), so each name is
    equally likely to be drawn and to land in any place of the running order. The pool is
    sorted by id first so a seeded rng gives the same result whatever order the database
    returned. Asking for more names than the bowl holds draws them all.
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError("k must be a positive whole number")
    pool = sorted(entries, key=lambda e: e.id)
    return rng.sample(pool, min(k, len(pool)))


def numbering(last_no, chosen):
    """Running-order numbers for newly drawn entries: after every name already drawn."""
    return [(entry, last_no + i) for i, entry in enumerate(chosen, start=1)]


def running_order(entries):
    """Drawn entries still waiting, in the order they were drawn (first = on deck)."""
    waiting = [e for e in entries if e.status == DRAWN]
    return sorted(waiting, key=lambda e: e.draw_no)


def speaker(entries):
    return next((e for e in entries if e.status == SPEAKING), None)


def in_bowl(entries):
    return [e for e in entries if e.status == IN_BOWL]


def position(entries, entry):
    """1 for on deck, 2 for the one after, ...; None if the entry is not waiting."""
    for i, e in enumerate(running_order(entries), start=1):
        if e.id == entry.id:
            return i
    return None
