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
