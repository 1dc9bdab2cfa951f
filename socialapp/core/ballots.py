"""Vote questions and ballots: what a host may ask and what a phone may answer.

`clean_question(raw)` checks a question as the host defines it; `clean_ballot(question,
answer)` checks one phone's answer and returns it in canonical form. Both raise an error
whose message a screen can show as it is, and neither changes anything.

Question types and the answer each takes:
- "single":   one option id.
- "approval": a list of option ids (any number, or at most `max_approvals`); at least one.
- "ranked":   a list of option ids, most preferred first. Partial rankings are allowed: a
              phone ranks at least one option, and the ones it leaves out share its last
              place (a ballot ranking only A and B prefers both to every other option and
              says nothing between the others). With `rank_all` the host requires every
              option. Duplicates, holes (null or empty entries) and unknown options are
              always errors.
- "scale":    an integer from 1 to `scale_max` (5 or 10).
- "words":    a list of 1 to `max_answers` (at most 3) short answers, none repeated (after
              normalisation: "RLHF" and "rlhf!" are the same answer).
- "text":     one short text.
Options are {"id": str or int, "label": str}; a bare string is shorthand for id = label.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from .wording import and_list, short
from .words import spelling, word_key

TYPES = ("single", "approval", "ranked", "scale", "words", "text")
CHOICE_TYPES = ("single", "approval", "ranked")
# Schulze is the default: a Condorcet method, so an option that beats every other one head
# to head always wins. Instant-runoff is offered because many rooms know it.
METHODS = ("schulze", "irv")
SCALES = (5, 10)
GROUPS = ("audience", "judges")

MAX_OPTIONS = 50
MAX_LABEL = 120
MAX_WORD_ANSWERS = 3
MAX_WORD = 40
MAX_TEXT = 280


class QuestionError(ValueError):
    """The host's question is not one we can run; the message says why."""


class BallotError(ValueError):
    """A ballot we cannot count; the message is for the phone that sent it."""


# ---------- questions ----------


def clean_question(raw: Mapping) -> dict:
    """The question in canonical form (defaults filled in), or QuestionError."""
    if not isinstance(raw, Mapping):
        raise QuestionError("A question must be an object with a type.")
    kind = raw.get("type")
    if kind not in TYPES:
        raise QuestionError(f"Question type must be one of {', '.join(TYPES)}.")
    question: dict = {"type": kind}
    if kind in CHOICE_TYPES:
        question["options"] = _clean_options(raw.get("options"))
    if kind == "approval":
        question["max_approvals"] = _clean_max_approvals(raw, len(question["options"]))
    elif kind == "ranked":
        question["method"] = raw.get("method", "schulze")
        if question["method"] not in METHODS:
            raise QuestionError("Counting method must be schulze or irv.")
        question["rank_all"] = _flag(raw, "rank_all")
    elif kind == "scale":
        question["scale_max"] = raw.get("scale_max", 5)
        if question["scale_max"] not in SCALES or isinstance(question["scale_max"], bool):
            raise QuestionError("A scale runs from 1 to 5 or from 1 to 10.")
    elif kind == "words":
        question["max_answers"] = raw.get("max_answers", MAX_WORD_ANSWERS)
        if not _is_int(question["max_answers"]) or not 1 <= question["max_answers"] <= 3:
            raise QuestionError("A word cloud takes 1 to 3 answers per phone.")
    return question


def _clean_options(raw) -> list[dict]:
    if not isinstance(raw, list) or not 2 <= len(raw) <= MAX_OPTIONS:
        raise QuestionError(f"A question needs 2 to {MAX_OPTIONS} options.")
    options, ids, labels = [], set(), set()
    for item in raw:
        option = {"id": item, "label": item} if isinstance(item, str) else item
        if not isinstance(option, Mapping) or not _is_id(option.get("id")):
            raise QuestionError("Each option needs an id (text or a whole number) and a label.")
        label = option.get("label")
        label = " ".join(label.split()) if isinstance(label, str) else ""
        if not 1 <= len(label) <= MAX_LABEL:
            raise QuestionError(f"Each option needs a label of 1 to {MAX_LABEL} characters.")
        if option["id"] in ids or label.casefold() in labels:
            raise QuestionError(f"Two options are the same: {short(label)}.")
        ids.add(option["id"])
        labels.add(label.casefold())
        options.append({"id": option["id"], "label": label})
    return options


def _clean_max_approvals(raw: Mapping, n_options: int) -> int | None:
    limit = raw.get("max_approvals")
    if limit is None:
        return None
    if not _is_int(limit) or not 1 <= limit <= n_options:
        raise QuestionError(f"The most ticks allowed must be between 1 and {n_options}.")
    return limit


def _flag(raw: Mapping, key: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise QuestionError(f"{key} must be true or false.")
    return value


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_id(value) -> bool:
    return (isinstance(value, str) and 0 < len(value) <= MAX_LABEL) or _is_int(value)


def labels_of(question: Mapping) -> dict:
    """Option id -> label."""
    return {option["id"]: option["label"] for option in question.get("options", ())}


# ---------- ballots ----------


def answer_key(question: Mapping, answer):
    """What matching by answers compares, for a clean answer: the option picked (single),
    the set of ticks (approval, as a tuple in question order), the first choice (ranked),
    the value (scale), the first word's key (words); None for open text."""
    kind = question["type"]
    if kind == "approval":
        return tuple(answer)
    if kind == "ranked":
        return answer[0]
    if kind == "words":
        return word_key(answer[0])
    return None if kind == "text" else answer


def clean_ballot(question: Mapping, answer):
    """One phone's answer in canonical form, or BallotError. `question` must be clean."""
    return _CLEANERS[question["type"]](question, answer)


def ballot_error(question: Mapping, answer) -> str | None:
    """The readable reason `answer` cannot be counted, or None if it can."""
    try:
        clean_ballot(question, answer)
    except BallotError as error:
        return str(error)
    return None


def _option(labels: Mapping, value):
    if not _is_id(value) or value not in labels:
        raise BallotError(f"There is no option {short(value)!r} in this question.")
    return value


def _id_list(question: Mapping, answer, what: str) -> list:
    if not isinstance(answer, list):
        raise BallotError(f"Send {what} as a list of options.")
    if len(answer) > len(question["options"]):
        raise BallotError(f"There are only {len(question['options'])} options to choose from.")
    if any(value is None or value == "" for value in answer):
        raise BallotError("An entry of the list is empty.")
    labels = labels_of(question)
    chosen = [_option(labels, value) for value in answer]
    if len(set(chosen)) < len(chosen):
        twice = sorted({labels[v] for i, v in enumerate(chosen) if v in chosen[:i]})
        verb = "appears" if len(twice) == 1 else "appear"
        raise BallotError(f"{and_list(twice)} {verb} more than once.")
    return chosen


def _single(question, answer):
    if isinstance(answer, list):
        raise BallotError("Pick one option.")
    return _option(labels_of(question), answer)


def _approval(question, answer):
    chosen = _id_list(question, answer, "your ticks")
    if not chosen:
        raise BallotError("Tick at least one option.")
    limit = question["max_approvals"]
    if limit is not None and len(chosen) > limit:
        raise BallotError(f"Tick at most {limit} options (you ticked {len(chosen)}).")
    order = {option["id"]: i for i, option in enumerate(question["options"])}
    return sorted(chosen, key=order.__getitem__)  # a set of ticks: one canonical order


def _ranked(question, answer):
    ranking = _id_list(question, answer, "your ranking")
    if not ranking:
        raise BallotError("Rank at least one option.")
    if question["rank_all"] and len(ranking) < len(question["options"]):
        missing = [o["label"] for o in question["options"] if o["id"] not in ranking]
        raise BallotError(f"Rank every option: {and_list(missing)} still missing.")
    return ranking


def _scale(question, answer):
    top = question["scale_max"]
    if not _is_int(answer) or not 1 <= answer <= top:
        raise BallotError(f"Pick a whole number from 1 to {top}.")
    return answer


def _words(question, answer):
    if isinstance(answer, str):
        answer = [answer]
    most = question["max_answers"]
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        raise BallotError("Send your answers as a list of words.")
    if not 1 <= len(answer) <= most:
        raise BallotError(f"Give 1 to {most} answers." if most > 1 else "Give one answer.")
    cleaned, keys = [], {}
    for raw in answer:
        # Spaces and punctuation trimmed may bring an answer under the limit, but never
        # one that is several times over it: that bounds the work a payload can cause.
        text = spelling(raw) if len(raw) <= 4 * MAX_WORD else raw
        if len(text) > MAX_WORD:
            raise BallotError(f"Keep each answer to {MAX_WORD} characters.")
        key = word_key(text)
        if not key:
            raise BallotError("An answer needs at least one letter, digit or symbol.")
        if key in keys:
            raise BallotError(f"{short(keys[key])!r} and {short(text)!r} are the same answer.")
        keys[key] = text
        cleaned.append(text)
    return cleaned


def _text(question, answer):
    if not isinstance(answer, str):
        raise BallotError("Send your answer as text.")
    if len(answer) > 4 * MAX_TEXT:  # hopeless: say so before doing any work on it
        raise BallotError(f"Keep it to {MAX_TEXT} characters (this is {len(answer)}).")
    text = " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in answer).split())
    if not text:
        raise BallotError("Write something first.")
    if len(text) > MAX_TEXT:
        raise BallotError(f"Keep it to {MAX_TEXT} characters (this is {len(text)}).")
    return unicodedata.normalize("NFC", text)


_CLEANERS = {
    "single": _single,
    "approval": _approval,
    "ranked": _ranked,
    "scale": _scale,
    "words": _words,
    "text": _text,
}
