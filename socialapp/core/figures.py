"""The report's figures the core keeps: how many were there minute by minute (each kind's
own figures live in its report module).

Plain rows in (what a query returns), plain counts out with no names or ids in them, so a
report built from them stays readable after the event's personal data is deleted.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

# How long after a phone's last sign of life it still counts as present: phones report
# about once a minute, so someone seen 40 s before a sample was still in the room.
PRESENT_GRACE = 90


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
