"""Count a vote question's ballots into a result a screen, the host and an export can show.

    count(question, ballots) -> result          every ballot given, whatever its group
    count_by_group(question, ballots) -> {group: result}   judges and audience apart

A ballot is {"answer": <the phone's answer>, "group": "audience" | "judges"} (group
defaults to audience). Every ballot is checked again with clean_ballot before it counts:
one that fails (an option since removed, a malformed answer) is left out and counted in
`invalid`, never in a tally. Results hold counts only, never who voted what.

Every result has: type, method, method_label, ballots (counted), invalid, winners (ids,
or word keys), tie, summary (sentences for a screen, the headline first); then per type:
options (single, approval, ranked), pairwise / strongest / rounds (ranked), values / mean
/ median (scale), words (words), answers (text). A tie for the win is reported, never
broken (TIE_RULE); instant-runoff breaks ties for last place by stated rules and says so in
its rounds and summary (see ranked.instant_runoff).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping

from . import ranked as rk
from .ballots import GROUPS, BallotError, clean_ballot, clean_question, labels_of
from .wording import and_list, percent, plural
from .words import count_words

TIE_RULE = "The count does not break ties: the host decides (a run-off question, for example)."
METHOD_LABELS = {
    "plurality": "Most votes",
    "approval": "Approval voting",
    "schulze": "Schulze method",
    "irv": "Instant-runoff",
    "scale": "Scale",
    "words": "Word cloud",
    "text": "Open answers",
}


def count_by_group(question: Mapping, ballots: Iterable[Mapping]) -> dict[str, dict]:
    """One result per group that sent ballots, in GROUPS order (audience, then judges).

    A ballot of no known group belongs to no group here; count() reports it as invalid."""
    ballots = list(ballots)
    present = {_group(b) for b in ballots}
    return {
        group: count(question, [b for b in ballots if _group(b) == group])
        for group in GROUPS
        if group in present
    }


def count(question: Mapping, ballots: Iterable[Mapping]) -> dict:
    """The result of `ballots` (all groups together) for `question`."""
    question = clean_question(question)
    answers, invalid = [], 0
    for ballot in ballots:
        try:
            if _group(ballot) not in GROUPS:
                raise BallotError("unknown group")
            answers.append(clean_ballot(question, ballot.get("answer")))
        except BallotError:
            invalid += 1
    result = _COUNTERS[question["type"]](question, answers)
    result.update(ballots=len(answers), invalid=invalid)
    if invalid:
        result["summary"].append(f"{plural(invalid, 'ballot')} could not be counted.")
    return result


def _group(ballot) -> object:
    return ballot.get("group", "audience") if isinstance(ballot, Mapping) else None


def _head(method: str, winners: list, summary: list[str], **extra) -> dict:
    return {
        "method": method,
        "method_label": METHOD_LABELS[method],
        "winners": winners,
        "tie": len(winners) > 1,
        "summary": summary,
        **extra,
    }


def _options(question: Mapping, counts: Counter, whole: int, **columns) -> list[dict]:
    return [
        {
            "id": o["id"],
            "label": o["label"],
            "count": counts[o["id"]],
            "share": percent(counts[o["id"]], whole),
            **{name: column[o["id"]] for name, column in columns.items()},
        }
        for o in question["options"]
    ]


def _most(counts: Counter, question: Mapping) -> list:
    top = max(counts.values(), default=0)
    return [o["id"] for o in question["options"] if top and counts[o["id"]] == top]


def _choice_summary(question, winners, counts, n, unit) -> list[str]:
    if not n:
        return ["No ballots yet."]
    names = [labels_of(question)[w] for w in winners]
    top = counts[winners[0]]
    if len(winners) > 1:
        return [f"Tie between {and_list(names)} ({plural(top, unit)} each).", TIE_RULE]
    return [f"{names[0]} wins with {plural(top, unit)} from {plural(n, 'ballot')}."]


def count_single(question: Mapping, answers: list) -> dict:
    counts = Counter(answers)
    winners = _most(counts, question)
    summary = _choice_summary(question, winners, counts, len(answers), "vote")
    return {
        "type": "single",
        **_head("plurality", winners, summary),
        "options": _options(question, counts, len(answers)),
    }


def count_approval(question: Mapping, answers: list) -> dict:
    counts = Counter(option for ticks in answers for option in ticks)
    winners = _most(counts, question)
    summary = _choice_summary(question, winners, counts, len(answers), "approval")
    return {
        "type": "approval",
        **_head("approval", winners, summary),
        "max_approvals": question["max_approvals"],
        "options": _options(question, counts, len(answers)),
    }


def count_scale(question: Mapping, answers: list) -> dict:
    top, n = question["scale_max"], len(answers)
    counts = Counter(answers)
    mean = round(statistics.fmean(answers), 2) if answers else None
    median = statistics.median(answers) if answers else None
    summary = (
        [f"Mean {mean} out of {top} (median {median}) from {plural(n, 'ballot')}."]
        if answers
        else ["No ballots yet."]
    )
    return {
        "type": "scale",
        **_head("scale", [], summary, method_label=f"Scale 1 to {top}"),
        "scale_max": top,
        "values": [
            {"value": v, "count": counts[v], "share": percent(counts[v], n)}
            for v in range(1, top + 1)
        ],
        "mean": mean,
        "median": median,
    }


def count_words_question(question: Mapping, answers: list) -> dict:
    words = count_words(answers)
    top = words[0]["count"] if words else 0
    leaders = [w for w in words if w["count"] == top]
    if not words:
        summary = ["No answers yet."]
    elif len(leaders) > 1:
        names = and_list([w["text"] for w in leaders])
        summary = [f"Tie for most common: {names} ({plural(top, 'phone')} each)."]
    else:
        summary = [f"Most common: {leaders[0]['text']} ({plural(top, 'phone')})."]
    return {
        "type": "words",
        **_head("words", [w["key"] for w in leaders], summary),
        "answers": sum(len(a) for a in answers),
        "words": words,
    }


def count_text(question: Mapping, answers: list) -> dict:
    # Identical answers are listed once with their count; the list is sorted, so its
    # order tells nobody who answered when.
    counts = Counter(answers)
    listed = sorted(counts, key=lambda t: (t.casefold(), t))
    summary = [plural(len(answers), "answer")] if answers else ["No answers yet."]
    return {
        "type": "text",
        **_head("text", [], summary),
        "answers": [{"text": t, "count": counts[t]} for t in listed],
    }


def count_ranked(question: Mapping, answers: list) -> dict:
    ids = [o["id"] for o in question["options"]]
    index = {option: i for i, option in enumerate(ids)}
    rankings = Counter(tuple(index[o] for o in ranking) for ranking in answers)
    d = rk.pairwise(len(ids), rankings)
    cw = rk.condorcet_winner(d) if answers else None
    method = question["method"]
    labels = labels_of(question)
    firsts = Counter(ranking[0] for ranking in answers)
    result = {
        "type": "ranked",
        "options": _options(question, firsts, len(answers)),
        "pairwise": d,
        "condorcet_winner": ids[cw] if cw is not None else None,
    }
    if not answers:
        result.update(_head(method, [], ["No ballots yet."], ranking=[]))
    elif method == "schulze":
        found = rk.schulze(d)
        winners = [ids[i] for i in found["winners"]]
        summary = _schulze_summary(winners, result["condorcet_winner"], labels)
        result.update(_head(method, winners, summary), strongest=found["strongest"])
        result["ranking"] = [[ids[i] for i in tier] for tier in found["ranking"]]
    else:
        result.update(_irv(rk.instant_runoff(len(ids), rankings, d), ids, labels))
        if cw is not None and ids[cw] not in result["winners"]:
            result["summary"].append(
                f"Note: {labels[ids[cw]]} beats every other option head to head "
                "but did not win the runoff."
            )
    return result


def _schulze_summary(winners: list, cw, labels: Mapping) -> list[str]:
    names = [labels[w] for w in winners]
    if cw is not None:
        return [f"Schulze method: {labels[cw]} beats every other option head to head."]
    if len(winners) == 1:
        return [
            f"Schulze method: no option beats every other head to head; {names[0]} wins "
            "on the strongest chains of head-to-head wins."
        ]
    return [
        f"Schulze method: tie between {and_list(names)}: neither beats the other, "
        "even through chains of head-to-head wins.",
        TIE_RULE,
    ]


def _irv(found: dict, ids: list, labels: Mapping) -> dict:
    rounds = [
        {
            "round": number,
            "counts": [{"id": ids[i], "count": c} for i, c in r["counts"]],
            "exhausted": r["exhausted"],
            "elected": ids[r["elected"]] if r["elected"] is not None else None,
            "eliminated": [ids[i] for i in r["eliminated"]],
            "tie_break": [ids[i] for i in r["tie_break"]],
        }
        for number, r in enumerate(found["rounds"], start=1)
    ]
    winners = [ids[i] for i in found["winners"]]
    names = and_list([labels[w] for w in winners])
    tied = and_list([labels[ids[i]] for i in found["tied_for_last"]])
    last = len(rounds)
    if not found["tied_for_last"]:
        votes = {c["id"]: c["count"] for c in rounds[-1]["counts"]}
        active = sum(votes.values())
        summary = [
            f"Instant-runoff: {names} wins in round {last} with {votes[winners[0]]} "
            f"of {active} votes still in the count."
        ]
    elif len(winners) == len(found["tied_for_last"]) == len(rounds[-1]["counts"]):
        votes = rounds[-1]["counts"][0]["count"]
        summary = [
            f"Instant-runoff: tie between {tied} ({plural(votes, 'vote')} each in round {last}).",
            TIE_RULE,
        ]
    elif len(winners) == 1:
        summary = [
            f"Instant-runoff: {tied} tie for fewest votes in round {last}; "
            f"whichever goes out first, {names} wins."
        ]
    else:
        summary = [
            f"Instant-runoff: tie between {names}: the winner depends on which of {tied}, "
            f"tied for fewest votes in round {last}, goes out first.",
            TIE_RULE,
        ]
    broken = [r["round"] for r in rounds if r["tie_break"]]
    if broken:
        where = ("round " if len(broken) == 1 else "rounds ") + and_list([str(r) for r in broken])
        summary.append(
            f"Ties for fewest votes ({where}) were broken by first choices, then head to "
            "head: the weaker option went out first."
        )
    return {
        **_head("irv", winners, summary),
        "rounds": rounds,
        "tied_for_last": [ids[i] for i in found["tied_for_last"]],
        "ranking": [[ids[i] for i in tier] for tier in found["ranking"]],
    }


_COUNTERS = {
    "single": count_single,
    "approval": count_approval,
    "ranked": count_ranked,
    "scale": count_scale,
    "words": count_words_question,
    "text": count_text,
}
