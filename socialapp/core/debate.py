"""Oxford-style debate result: the room votes before and after; the side that gained most wins.

    count_debate(before, after, margin=5) -> result

`before` and `after` map a voter key (any hashable: the attendee id) to "for", "against"
or "undecided". Only paired ballots count: phones that voted both times. A ballot with any
other value is invalid (counted in `invalid`), and its phone's other ballot is unpaired.
Shares are of the paired ballots, in percent; a side's gain is its share after minus its
share before, in points. The winner is the side ("for" or "against") with the larger gain,
even if both shrank; a dead heat when the gains differ by less than `margin` points, or
are equal. Arithmetic is exact (fractions), so a difference of exactly the margin is never
mistaken for one just under it; the rounded figures are for display only.

Result: {"paired", "unpaired": {"before_only", "after_only", "total"}, "invalid",
"before": {side: {"count", "share"}}, "after": {...}, "swing": {side: points},
"moves": [{"from", "to", "count"}] (paired phones that changed side), "winner": "for" |
"against" | None, "dead_heat": bool, "margin", "summary": [sentences]}. No voter keys.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping
from fractions import Fraction

from .wording import plural

SIDES = ("for", "against", "undecided")
CONTENDERS = ("for", "against")
DEFAULT_MARGIN = 5
NAMES = {"for": "For", "against": "Against", "undecided": "Undecided"}


class MarginError(ValueError):
    """The host's dead-heat margin is not a number of points from 0 to 100."""


def clean_margin(margin) -> Fraction:
    """The margin as an exact number of points; floats are read as the decimal they show."""
    if isinstance(margin, bool) or not isinstance(margin, int | float) or not math.isfinite(margin):
        raise MarginError("The dead-heat margin must be a number of points.")
    exact = Fraction(repr(margin)) if isinstance(margin, float) else Fraction(margin)
    if not 0 <= exact <= 100:
        raise MarginError("The dead-heat margin must be between 0 and 100 points.")
    return exact


def count_debate(
    before: Mapping[Hashable, str], after: Mapping[Hashable, str], margin=DEFAULT_MARGIN
) -> dict:
    margin = clean_margin(margin)
    good_before = {voter for voter, side in before.items() if side in SIDES}
    good_after = {voter for voter, side in after.items() if side in SIDES}
    paired = good_before & good_after
    invalid = len(before) - len(good_before) + len(after) - len(good_after)
    # Every ballot lands in exactly one place: 2 * paired + unpaired + invalid = all.
    unpaired = {
        "before_only": len(good_before - good_after),
        "after_only": len(good_after - good_before),
    }
    unpaired["total"] = unpaired["before_only"] + unpaired["after_only"]
    counts_before = Counter(before[v] for v in paired)
    counts_after = Counter(after[v] for v in paired)
    n = len(paired)
    gains = {side: _share(counts_after[side], n) - _share(counts_before[side], n) for side in SIDES}
    winner, dead_heat = _verdict(gains, margin) if n else (None, False)
    moves = Counter((before[v], after[v]) for v in paired if before[v] != after[v])
    return {
        "paired": n,
        "unpaired": unpaired,
        "invalid": invalid,
        "before": _shares(counts_before, n),
        "after": _shares(counts_after, n),
        "swing": {side: _points(gains[side]) for side in SIDES},
        "moves": [
            {"from": a, "to": b, "count": moves[(a, b)]}
            for a in SIDES
            for b in SIDES
            if moves[(a, b)]
        ],
        "winner": winner,
        "dead_heat": dead_heat,
        "margin": _points(margin),
        "summary": _summary(n, winner, dead_heat, gains, margin, unpaired["total"]),
    }


def _share(count: int, n: int) -> Fraction:
    return Fraction(100 * count, n) if n else Fraction(0)


def _points(value: Fraction) -> float:
    return round(float(value), 1)


def _shares(counts: Counter, n: int) -> dict:
    return {
        side: {"count": counts[side], "share": _points(_share(counts[side], n))} for side in SIDES
    }


def _verdict(gains: dict, margin: Fraction) -> tuple[str | None, bool]:
    gap = gains["for"] - gains["against"]
    if gap == 0 or abs(gap) < margin:
        return None, True
    return ("for" if gap > 0 else "against"), False


def _signed(points: Fraction) -> str:
    value = _points(points)
    return f"{value:+g} points" if value else "no change"


def _summary(n, winner, dead_heat, gains, margin, unpaired) -> list[str]:
    if not n:
        lines = ["No phone voted both times: there is nothing to count yet."]
    else:
        swing = f"For {_signed(gains['for'])}, Against {_signed(gains['against'])}"
        if dead_heat and gains["for"] == gains["against"]:
            lines = [f"Dead heat: both sides moved the same ({swing})."]
        elif dead_heat:
            under = f"{_points(margin):g} points"
            lines = [f"Dead heat: the gains differ by less than {under} ({swing})."]
        else:
            lines = [f"{NAMES[winner]} wins the debate: {swing}."]
        lines.append(f"Counted: {plural(n, 'phone')} that voted before and after.")
    if unpaired:
        lines.append(f"Left out: {plural(unpaired, 'ballot')} from phones that voted once.")
    return lines
