"""What the host takes home from the votes: every question with its counts (no ballots)."""

import time

from . import KIND
from .reading import judges, questions, result


def collect(event, now=None):
    segments = []
    for seg in event.segments:
        if seg.kind != KIND:
            continue
        jids = judges(seg)
        segments.append(
            {
                "title": seg.title,
                "questions": [
                    {"title": q.title, "state": q.state, "result": result(q, jids)}
                    for q in questions(seg)
                ],
            }
        )
    return {
        "event": {"name": event.name, "code": event.code},
        "exported_at": now or time.time(),
        "segments": segments,
    }


def report_part(event):
    """{"votes": [{"title", "result": counting.count(...)}]}: every question with ballots, in
    agenda order, counted over everyone (the host's report; no ballot, no name)."""
    votes = [
        {"title": q["title"], "result": q["result"]["all"]}
        for seg in collect(event)["segments"]
        for q in seg["questions"]
        if q["result"]["all"]["ballots"]
    ]
    return {"votes": votes} if votes else {}
