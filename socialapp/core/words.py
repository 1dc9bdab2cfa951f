"""Word-cloud answers: which spellings count as the same answer, and the cloud's counts.

Two strings count together when they have the same *key*: NFKC (full-width letters,
ligatures, composed and decomposed accents become one form), case folded (so "ß" meets
"ss"), invisible characters and emoji variation selectors dropped, punctuation trimmed
from both ends ("RLHF!", "(RLHF)", "¡hola!"), and spaces, hyphens and underscores removed
("fine-tuning", "Fine tuning", "finetuning"). Punctuation inside a word stays ("node.js"),
and so do the few marks that carry meaning at an edge ("C#", "C++", "100%", "@handle").
Accents are kept: stripping marks would merge distinct words in scripts that write vowels
as marks (Devanagari, for example). Plurals are not merged: that needs a language.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

# Punctuation that means something at the edge of a short answer, so trimming keeps it.
KEEP_AT_EDGE = frozenset("#%&@*")
# Removed inside a key: the ways people write one compound ("fine-tuning" / "fine_tuning").
_JOINERS = {"Zs", "Zl", "Zp", "Pc", "Pd", "Cc", "Cf"}
# Emoji variation selectors: "❤" and "❤️" are the same answer.
_VARIATION_SELECTORS = {chr(c) for c in range(0xFE00, 0xFE10)}
# Cloud sizes run 1 (smallest) to CLOUD_SIZES (the most common answer).
CLOUD_SIZES = 5


def _trimmable(ch: str) -> bool:
    category = unicodedata.category(ch)
    return ch.isspace() or category == "Cf" or (category[0] == "P" and ch not in KEEP_AT_EDGE)


@functools.lru_cache(maxsize=4096)
def _spelled_trimmable(ch: str) -> bool:
    # What the writer sees trimmed must be what the key drops: a full-width "＃" keys as
    # "#" (kept), "‗" keys as a combining low line (kept), so neither may vanish here.
    return _trimmable(ch) and word_key(ch) == ""


def _trim(text: str, trimmable=_trimmable) -> str:
    start, end = 0, len(text)
    while start < end and trimmable(text[start]):
        start += 1
    while end > start and trimmable(text[end - 1]):
        end -= 1
    return text[start:end]


@functools.lru_cache(maxsize=4096)  # a room types the same few answers many times
def spelling(text: str) -> str:
    """The answer as its writer spelled it: control characters out, spaces collapsed,
    edge punctuation trimmed. What the cloud shows."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return _trim(" ".join(text.split()), _spelled_trimmable)


@functools.lru_cache(maxsize=4096)
def word_key(text: str) -> str:
    """The key under which answers count together ("" if nothing countable is left)."""
    # Dropping a joiner can bring a letter and a combining mark together ("A" + space +
    # acute), which normalisation then composes: repeat until nothing changes.
    key = _fold(text)
    for _ in range(4):  # twice in practice; bounded all the same
        again = _fold(key)
        if again == key:
            break
        key = again
    return key


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    # Joiners out before trimming, so an invisible character cannot shield edge punctuation.
    kept = "".join(
        ch
        for ch in folded
        if unicodedata.category(ch) not in _JOINERS and ch not in _VARIATION_SELECTORS
    )
    return _trim(kept)


def display_form(spellings: Counter) -> str:
    """The most common spelling; equally common ones: the first in code-point order, which
    prefers capitals ("RLHF" over "rlhf") and does not depend on the order ballots came in."""
    return min(spellings, key=lambda s: (-spellings[s], s))


def count_words(ballots: Iterable[Sequence[str]], limit: int | None = None) -> list[dict]:
    """Count cleaned answers (one list per phone) into the cloud's entries, most common first.

    Each entry: {"key", "text" (display form), "count" (phones that gave it), "size"
    (1..CLOUD_SIZES, for the cloud's layout), "spellings" (how many different spellings
    were merged)}. Equal counts are ordered by key, so the order is stable.
    """
    spellings: dict[str, Counter] = defaultdict(Counter)
    for answers in ballots:
        for answer in answers:
            spellings[word_key(answer)][spelling(answer)] += 1
    spellings.pop("", None)  # cleaned ballots have none; a raw one must not become a word
    counts = {key: sum(forms.values()) for key, forms in spellings.items()}
    order = sorted(counts, key=lambda k: (-counts[k], k))
    if limit is not None:
        order = order[:limit]
    top = counts[order[0]] if order else 0
    return [
        {
            "key": key,
            "text": display_form(spellings[key]),
            "count": counts[key],
            "size": cloud_size(counts[key], top),
            "spellings": len(spellings[key]),
        }
        for key in order
    ]


def cloud_size(count: int, top: int) -> int:
    """Font-size step for a word: by square root, so one dominant answer does not shrink
    every other word to nothing."""
    if top <= 0 or count <= 0:
        return 1
    return max(1, round(CLOUD_SIZES * math.sqrt(count / top)))
