"""The report's figures from raw rows: who met how many new people, which groups found each
other, how many were there minute by minute, the stories told, the questions asked.

Each function takes plain rows (what a query returns, as dicts or tuples) and returns plain
counts with no names or ids in them, so a report built from them stays readable after the
event's personal data is deleted.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from itertools import combinations

from .wording import percent

# How long after a phone's last sign of life it still counts as present: phones report
# about once a minute, so someone seen 40 s before a sample was still in the room.
PRESENT_GRACE = 90


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


def attendance_series(
    people: Iterable[Mapping],
    start: float,
    end: float,
    step: float = 60,
    grace: float = PRESENT_GRACE,
) -> list[dict]:
    """[{"minute", "joined", "present"}] every `step` seconds from `start` to `end` (both
    included): joined = joined by then; present = joined and seen within `grace` seconds
    before (or at any time after) that moment. A person: {"joined_at": ts, "last_seen": ts}.
    Someone who stepped out and came back is counted present in between: phones keep only
    their last sign of life."""
    rows = [(float(p["joined_at"]), float(p.get("last_seen") or p["joined_at"])) for p in people]
    if end < start or not math.isfinite(end - start):
        return []
    samples = int((end - start) // step) + 1
    out = []
    for k in range(samples):
        t = start + k * step
        joined = sum(1 for j, _ in rows if j <= t)
        present = sum(1 for j, seen in rows if j <= t <= seen + grace)
        out.append({"minute": round(k * step / 60, 2), "joined": joined, "present": present})
    if out and (end - start) % step:
        joined = sum(1 for j, _ in rows if j <= end)
        present = sum(1 for j, seen in rows if j <= end <= seen + grace)
        out.append({"minute": round((end - start) / 60, 2), "joined": joined, "present": present})
    return out


def peak(series: list[dict], key: str = "present") -> dict | None:
    """The first sample with the most `key`."""
    return max(series, key=lambda s: (s[key], -s["minute"]), default=None)


def story_figures(entries: Iterable[Mapping]) -> list[dict]:
    """The stories told, in the order told: [{"title", "name", "minutes"}]. An entry:
    {"title", "name" (None once personal data is gone), "started_at", "ended_at"}; one never
    started was not told. Minutes have one decimal; a story still running has None."""
    told = [e for e in entries if e.get("started_at") is not None]
    told.sort(key=lambda e: e["started_at"])
    return [
        {
            "title": e.get("title") or "",
            "name": e.get("name"),
            "minutes": (
                round((e["ended_at"] - e["started_at"]) / 60, 1)
                if e.get("ended_at") is not None
                else None
            ),
        }
        for e in told
    ]


def question_figures(questions: Iterable[Mapping], top: int = 20) -> dict:
    """{"asked", "answered", "items": the `top` most voted [{"text", "votes", "answered"}]}.
    Ties keep the order given (the kind's own order: older first)."""
    items = [
        {"text": q["text"], "votes": int(q.get("votes", 0)), "answered": bool(q.get("answered"))}
        for q in questions
    ]
    ranked = sorted(items, key=lambda q: -q["votes"])
    return {
        "asked": len(items),
        "answered": sum(1 for q in items if q["answered"]),
        "items": ranked[:top],
    }
