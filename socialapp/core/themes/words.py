"""Words of a note: tokens, a light stemmer, stop and function words (data/*.txt)."""

from __future__ import annotations

import functools
import re
from importlib import resources

WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")


def data_text(name: str) -> str:
    """A data file of this package (they ship as package data)."""
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


def word_list(name: str) -> frozenset[str]:
    """The words of a text data file: whitespace-separated, '#' starts a comment."""
    words = set()
    for line in data_text(name).splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


@functools.cache
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words and words that say little on a wall of advice."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | word_list("stop_words.txt")


@functools.cache
def function_words() -> dict[str, frozenset[str]]:
    """Kind ("determiners", "prepositions", ...) -> its words (data/function_words.txt)."""
    kinds: dict[str, set[str]] = {}
    kind = None
    for line in data_text("function_words.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            kind = line[1:-1]
            kinds[kind] = set()
        elif line and kind is not None:
            kinds[kind].update(line.split())
    return {kind: frozenset(words) for kind, words in kinds.items()}


def tokens(text: str) -> list[str]:
    """Lower-case words; possessive 's dropped, hyphenated words kept whole."""
    return [w.replace("’", "'").removesuffix("'s") for w in WORD_RE.findall(text.lower())]


def is_word(token: str) -> bool:
    return token.replace("-", "").isalpha()


def stem(word: str) -> str:
    """A deliberately light stemmer: merges plurals and -ing/-ed forms."""
    w = word
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


def content_words(text: str, stop: frozenset[str]) -> list[str]:
    return [w for w in tokens(text) if len(w) >= 3 and w not in stop and is_word(w)]
