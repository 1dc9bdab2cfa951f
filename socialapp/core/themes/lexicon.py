"""The concept lexicon (data/lexicon.json) and the lexicon engine built on it.

The lexicon maps concepts to the words people use for them on conference,
workshop and team walls; a word ending in "*" matches any word starting with
that stem. Both engines use it: the lexicon engine counts the concepts a note
mentions, the minilm engine embeds each concept as the mean of its words.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict

import numpy as np

from .clustering import derived_views, unit_rows
from .words import data_text, is_word, stem, stop_words, tokens


@functools.cache
def concepts() -> dict[str, tuple[str, ...]]:
    """Concept name -> its words, in the file's order."""
    data = json.loads(data_text("lexicon.json"))
    return {name: tuple(words) for name, words in data["concepts"].items()}


@functools.cache
def _index() -> tuple[dict[str, frozenset[str]], tuple[tuple[str, str], ...]]:
    exact: dict[str, set[str]] = defaultdict(set)
    prefixes: list[tuple[str, str]] = []
    for concept, words in concepts().items():
        for word in words:
            if word.endswith("*"):
                prefixes.append((word[:-1], concept))
            else:
                for part in word.split("-") if "-" in word else [word]:
                    exact[stem(part)].add(concept)
                exact[stem(word)].add(concept)
    return {s: frozenset(c) for s, c in exact.items()}, tuple(prefixes)


# Derived words that mean what their base means for a theme: "kindly", "kindness", "respectful".
_SUFFIXES = ("fully", "ness", "ful", "ly")


def concepts_of(word: str) -> set[str]:
    """The concepts a lower-case word belongs to (often none)."""
    exact, prefixes = _index()
    found = set(exact.get(stem(word), ()))
    for prefix, concept in prefixes:
        if word.startswith(prefix):
            found.add(concept)
    if not found:
        base = next((word[: -len(s)] for s in _SUFFIXES if word.endswith(s)), "")
        if len(base) >= 4:
            found = set(exact.get(stem(base), ()))
    return found


def _documents(texts: list[str]) -> list[str]:
    """Each note as stemmed words plus concept tokens (repeated for weight)."""
    stop = stop_words()
    docs = []
    for text in texts:
        words = [w for w in tokens(text) if is_word(w)]
        parts = []
        for w in words:
            found = concepts_of(w)
            if w not in stop and len(w) >= 3:
                parts.append("w_" + stem(w).replace("-", "_").replace("'", ""))
            for c in sorted(found):
                parts.extend(["c_" + c] * 2)
        docs.append(" ".join(parts))
    return docs


def lexicon_views(texts: list[str]) -> list[np.ndarray]:
    return derived_views(lexicon_matrix(texts))


def lexicon_matrix(texts: list[str]) -> np.ndarray:
    """TF-IDF rows (unit length) over stemmed words and lexicon concepts."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = _documents(texts)
    if not any(docs):
        # Nothing but stop words: fall back on character n-grams.
        docs = [t.lower() for t in texts]
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True)
    else:
        vec = TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True, lowercase=False)
    try:
        return unit_rows(vec.fit_transform(docs).toarray())
    except ValueError:  # empty vocabulary: every note blank
        return np.zeros((len(texts), 1))
