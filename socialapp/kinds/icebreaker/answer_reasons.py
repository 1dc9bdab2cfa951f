"""Why an icebreaker group matched by answers is together, in words its phones can show
(the grouping itself is answer_matching.py)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

Person = Hashable


def explain(
    groups: Iterable[Sequence[Person]], answers: Mapping, labels: Mapping | None = None
) -> list[dict]:
    """Why each group is together, in words its phones can show.

    {"kind": "same" | "different" | "some" | "unknown", "text": ...}. Only a group that all
    gave one answer is told which ("You all picked X."): any other wording would tell each
    member what the others picked, and ballots are secret.
    """
    return [_reason([answers.get(p) for p in group], labels or {}) for group in groups]


def _reason(keys: list, labels: Mapping) -> dict:
    given = [k for k in keys if k is not None]
    if not given:
        return {"kind": "unknown", "text": "None of you answered: say what you would pick."}
    if len(given) < len(keys):
        return {"kind": "some", "text": "Not all of you answered: talk about what you'd pick."}
    if len(set(given)) == 1:
        name = labels.get(given[0], str(given[0]))
        return {"kind": "same", "text": f"You all picked {name}: what made you choose it?"}
    if len(set(given)) == len(given):
        return {"kind": "different", "text": "You picked differently: talk about it."}
    return {"kind": "some", "text": "Some of you picked alike, some not: talk about it."}
