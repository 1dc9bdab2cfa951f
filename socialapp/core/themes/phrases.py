"""Candidate names: the short phrases inside a note, and the words they are made of.

A candidate is a span of 1 to 5 words inside one clause of a note (a comma,
colon, bracket, dash or number ends a clause), kept as the note spells it.
Without a part-of-speech tagger, the function words (data/function_words.txt)
decide where a phrase may start and stop:

- no span starts or ends with a function word, except that a clause may open
  with an imperative "Be", "Do", "Don't", "Never" or "Always", or with a
  determiner other than an article ("One shared repo", "No stupid questions");
- a span that opens its clause ("Pin dependency versions") stops at the
  clause's end or just before a function word, so it never cuts a compound or
  a verb from its object ("One shared GitHub repo", not "One shared GitHub");
- any other span must be a noun phrase: it starts just after an article, a
  preposition other than "of", or "and", holds no article, pronoun or auxiliary, and stops at
  the clause's end or before a preposition or a conjunction ("quieter voices
  in meetings", not "PhD student give the talk");
- "when", "if", "so", "because"... inside a span carry it to the clause's end:
  "Equal contribution marks when work" is not a phrase.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .words import WORD_RE, function_words, is_word, stem, stop_words

MAX_WORDS = 5
_OPENERS = frozenset({"be", "do", "don't", "never", "always", "no"})
_PREFIXES = ("co-", "non-", "re-", "pre-", "self-")


@dataclass(frozen=True)
class Span:
    text: str
    words: tuple[str, ...]  # as written
    content: tuple[str, ...]  # lower-case words that say something (not stop words)
    at_note_start: bool
    to_clause_end: bool


def _lower(word: str) -> str:
    return word.lower().replace("’", "'")


def clauses_of(text: str) -> list[list[str]]:
    """Runs of words with nothing but spaces between them."""
    clauses: list[list[str]] = [[]]
    end = 0
    for match in WORD_RE.finditer(text):
        if text[end : match.start()].strip() and clauses[-1]:
            clauses.append([])
        clauses[-1].append(match.group())
        end = match.end()
    return [c for c in clauses if c]


_NP_OPENERS = ("determiners", "prepositions", "conjunctions")
_NP_ENDS = ("prepositions", "conjunctions", "subordinators")
_NOT_IN_NP = ("determiners", "pronouns", "auxiliaries", "subordinators")


def _kind(word: str) -> str | None:
    for kind, words in function_words().items():
        if word in words or word.removesuffix("'s") in words:
            return kind
    return None


@functools.lru_cache(maxsize=4096)
def note_spans(text: str) -> tuple[Span, ...]:
    """Every candidate span of a note, in reading order."""
    stop = stop_words()
    out = []
    for c, words in enumerate(clauses_of(text)):
        lower = [_lower(w) for w in words]
        kinds = [_kind(w) for w in lower]
        n = len(words)
        for start in range(n):
            if kinds[start] and not (start == 0 and _opens(lower[0], kinds[0])):
                continue
            if start > 0 and (kinds[start - 1] not in _NP_OPENERS or lower[start - 1] == "of"):
                continue  # after "of" starts the tail of a longer noun phrase
            for end in range(start, min(n, start + MAX_WORDS)):
                if not _may_end(kinds, lower, start, end):
                    continue
                content = tuple(
                    w.removesuffix("'s")
                    for w, kind in zip(lower[start : end + 1], kinds[start : end + 1], strict=True)
                    if kind is None and len(w) >= 3 and w not in stop and is_word(w)
                )
                if content:
                    span = words[start : end + 1]
                    out.append(
                        Span(
                            " ".join(span),
                            tuple(span),
                            content,
                            c == 0 and start == 0,
                            end == n - 1,
                        )
                    )
    return tuple(out)


def _opens(word: str, kind: str | None) -> bool:
    """May this function word open a clause's phrase ("One shared repo", "No stupid questions")?"""
    return word in _OPENERS or (kind == "determiners" and word not in ("a", "an", "the"))


def _may_end(kinds: list[str | None], lower: list[str], start: int, end: int) -> bool:
    n = len(kinds)
    if kinds[end]:
        return False
    inside = kinds[start + 1 : end]
    if "subordinators" in inside and end < n - 1:
        return False
    after = kinds[end + 1] if end < n - 1 else None
    if end == n - 2 and kinds[n - 1] in ("prepositions", "determiners", "pronouns"):
        return False  # it would leave one word dangling: "Send a reminder an hour | before"
    if after in ("determiners", "pronouns") and lower[end + 1] not in ("each", "every"):
        return False  # a verb cut from its object: "Read papers to learn | a new field"
    if after == "adverbs" and end + 2 < n and kinds[end + 2] is None:
        return False  # that "adverb" qualifies a noun: "a family-friendly | early option"
    if start == 0:
        return end == n - 1 or after is not None
    if any(kind in _NOT_IN_NP for kind in inside):
        return False
    return end == n - 1 or after in _NP_ENDS


def word_families(words: set[str]) -> dict[str, str]:
    """Lower-case word -> a key shared with its relatives ("author", "co-author's", "authorship").

    Light stemming, a few prefixes dropped, then a stem that begins with another
    stem of five letters or more joins it.
    """
    stems = {}
    for word in words:
        base = word.removesuffix("'s")
        for prefix in _PREFIXES:
            if base.startswith(prefix) and len(base) > len(prefix) + 2:
                base = base[len(prefix) :]
        stems[word] = stem(base)
    known = set(stems.values())
    root = {}
    for s in known:
        root[s] = next((s[:k] for k in range(5, len(s)) if s[:k] in known), s)
    return {word: root[s] for word, s in stems.items()}


def case_style(texts: list[str]) -> str:
    """'upper' if most notes open with a capital letter, 'lower' if most open in lower case."""
    upper = lower = 0
    for text in texts:
        first = next((ch for ch in text if ch.isalpha()), "")
        upper += first.isupper()
        lower += first.islower()
    if upper == lower == 0:
        return "keep"
    return "upper" if upper >= lower else "lower"


def restyle(text: str, style: str) -> str:
    """Open the phrase the way the notes open their sentences; never touch "GitHub" or "README"."""
    if not text:
        return text
    head = text.split(" ", 1)[0]
    if style == "upper" and text[0].islower():
        return text[0].upper() + text[1:]
    if style == "lower" and text[0].isupper() and len(head) > 1 and head[1:] == head[1:].lower():
        return text[0].lower() + text[1:]
    return text
