"""The icebreaker's part of the host's report, pure: its figures from plain rows (rounds and
groups, who met how many new people: counts only, no names or ids, so they stay readable
after the event's personal data is deleted) and the section that writes them.

recap.report_part reads the rows; socialapp.core.report calls `section` (the kind's
report_section) with the report's data: "rounds" (round_figures) and "met" (met_figures).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from itertools import combinations

from ...core import charts
from ...core.markdown import heading, image, table
from ...core.wording import figure, percent, plural


def pairs_in_groups(groups: Iterable[Iterable[Hashable]]) -> set[frozenset]:
    """Every pair of people who shared a group (a group of 3 makes 3 pairs)."""
    return {frozenset(p) for members in groups for p in combinations(sorted(set(members)), 2)}


def met_counts(
    attendees: Iterable[Hashable], pairs: Iterable[Iterable[Hashable]]
) -> dict[Hashable, int]:
    """How many different people each attendee met, 0 for those who met nobody. A pair seen
    in several rounds counts once; pairs naming someone not in `attendees` are ignored."""
    counts = dict.fromkeys(attendees, 0)
    for pair in {frozenset(p) for p in pairs}:
        if len(pair) == 2 and all(person in counts for person in pair):
            for person in pair:
                counts[person] += 1
    return counts


def met_figures(counts: Iterable[int]) -> dict:
    """{"people", "mean", "median", "met_nobody", "met_someone", "most",
    "distribution": {new people met: how many attendees}} from one count per attendee.
    Mean and median are None when nobody is counted; the mean has two decimals."""
    values = sorted(int(c) for c in counts)
    if not values:
        return {
            "people": 0,
            "mean": None,
            "median": None,
            "met_nobody": 0,
            "met_someone": 0,
            "most": 0,
            "distribution": {},
        }
    tally = Counter(values)
    return {
        "people": len(values),
        "mean": round(statistics.fmean(values), 2),
        "median": statistics.median(values),
        "met_nobody": tally[0],
        "met_someone": len(values) - tally[0],
        "most": values[-1],
        "distribution": {v: tally[v] for v in range(values[-1] + 1)},
    }


def round_figures(rounds: Iterable[Mapping]) -> list[dict]:
    """Per icebreaker round: groups, how many reported "found each other", people placed.

    A round: {"number", "prompt", "segment" (optional), "groups": [{"members": [ids] or
    "size": n, "found": bool}]}."""
    out = []
    for r in sorted(rounds, key=lambda r: (str(r.get("segment") or ""), r["number"])):
        groups = list(r.get("groups", ()))
        found = sum(1 for g in groups if g.get("found"))
        sizes = [len(set(g["members"])) if "members" in g else int(g["size"]) for g in groups]
        out.append(
            {
                "number": r["number"],
                "segment": r.get("segment") or "",
                "prompt": r.get("prompt") or "",
                "groups": len(groups),
                "found": found,
                "not_found": len(groups) - found,
                "found_share": percent(found, len(groups)),
                "people": sum(sizes),
            }
        )
    return out


def section(data):
    """The "Icebreaker" section: rounds, groups that found each other, new people met."""
    rounds, met = data.get("rounds") or [], data.get("met")
    if not rounds and not (met and met.get("people")):
        return [], {}
    lines, files = [heading(2, "Icebreaker"), ""], {}
    if rounds:
        groups = sum(r["groups"] for r in rounds)
        found = sum(r["found"] for r in rounds)
        lines += [
            f"{plural(len(rounds), 'round')}, {plural(groups, 'group')}: {found} reported "
            f"that they found each other, {groups - found} did not.",
            "",
        ]
        several = len({r.get("segment", "") for r in rounds}) > 1
        rows = [
            [
                f"{r['segment']} {r['number']}" if several else r["number"],
                r["prompt"],
                r["people"],
                r["groups"],
                r["found"],
                r["not_found"],
            ]
            for r in rounds
        ]
        head = ["Round", "Question", "People", "Groups", "Found each other", "Did not"]
        lines += [*table(head, rows), ""]
    if met and met.get("people"):
        path = "charts/new-people.svg"
        files[path] = charts.histogram(
            met["distribution"],  # string keys in a report kept as JSON: the chart reads both
            title="New people each attendee met",
            x_label="New people met",
            y_label="Attendees",
            mean=met["mean"],
        )
        lines += [
            heading(3, "New people met"),
            "",
            image("New people each attendee met", path),
            "",
            f"On average an attendee met {figure(met['mean'])} new people (median "
            f"{figure(met['median'])}, at most {met['most']}); {met['met_nobody']} of "
            f"{met['people']} met nobody new.",
        ]
    return lines, files
