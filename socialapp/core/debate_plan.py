"""The running order of an Oxford-style debate: pure data from the host's settings.

    plan(for_speakers, against_speakers, minutes) -> [step, ...]

Every debate has the same nine steps, whatever the settings, so a step's index stays valid
when the host edits names or minutes mid-debate: the room votes, the sides open and rebut
(alternating, the motion's side first), the floor asks, the sides close (the motion's side
has the last word), the room votes again, the result. A side's first speaker opens, its
second rebuts, its last closes; a side with one speaker speaks three times.
"""

from __future__ import annotations

from collections.abc import Sequence

SIDE_NAMES = {"for": "For the motion", "against": "Against the motion"}
DEFAULT_MINUTES = {"opening": 6, "rebuttal": 3, "closing": 3, "floor": 10}
PARTS = {"opening": "Opening", "rebuttal": "Rebuttal", "closing": "Closing"}
ORDER = (
    ("ballot", "before"),
    ("speech", "opening", "for"),
    ("speech", "opening", "against"),
    ("speech", "rebuttal", "for"),
    ("speech", "rebuttal", "against"),
    ("floor",),
    ("speech", "closing", "against"),
    ("speech", "closing", "for"),
    ("ballot", "after"),
    ("result",),
)
FIRST_HAND, LAST_HAND = 1, 5  # hands go up from the first speech until the floor closes


def speaker(names: Sequence[str], part: str) -> str | None:
    if not names:
        return None
    turn = {"opening": 0, "rebuttal": 1, "closing": len(names) - 1}[part]
    return names[min(turn, len(names) - 1)]


def plan(for_speakers: Sequence[str], against_speakers: Sequence[str], minutes=None) -> list:
    minutes = DEFAULT_MINUTES | dict(minutes or {})
    names = {"for": list(for_speakers), "against": list(against_speakers)}
    steps = []
    for item in ORDER:
        kind = item[0]
        if kind == "ballot":
            title = "Vote before the debate" if item[1] == "before" else "Vote again"
            steps.append({"kind": "ballot", "round": item[1], "title": title, "seconds": None})
        elif kind == "speech":
            part, side = item[1], item[2]
            steps.append(
                {
                    "kind": "speech",
                    "part": part,
                    "side": side,
                    "speaker": speaker(names[side], part),
                    "title": f"{PARTS[part]}: {SIDE_NAMES[side].lower()}",
                    "seconds": 60 * minutes[part],
                }
            )
        elif kind == "floor":
            steps.append(
                {
                    "kind": "floor",
                    "title": "Questions from the floor",
                    "seconds": 60 * minutes["floor"],
                }
            )
        else:
            steps.append({"kind": "result", "title": "The result", "seconds": None})
    return steps


def hands_open(index: int) -> bool:
    return FIRST_HAND <= index <= LAST_HAND
