"""Names for the groups: a short phrase taken from the group's own notes.

A person naming a cluster of sticky notes writes a short phrase, often in the
words of the note that says it best ("Agree on authorship early"), not a list
of keywords. So the candidates are spans of the notes themselves (see
:mod:`.phrases`): 2 to 5 words inside one clause that stop where a phrase can
stop. Each is scored by how much of its group it speaks for: the class-based
TF-IDF of its words' families, less a cost per word so that a short phrase
beats a sentence; then, with MiniLM, by how close its meaning lies to the
group's centre rather than to the other groups' centres, or, with the lexicon
engine, by how many of the group's notes share its concepts. Names are handed
out largest group first, never twice, each avoiding the words of the names
already given.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import numpy as np

from .lexicon import concepts_of
from .phrases import MAX_WORDS, Span, case_style, clauses_of, note_spans, restyle, word_families
from .words import tokens

# A word of a candidate costs this share of what a word found in one note of
# the group earns: words that only one note uses barely pay for themselves.
_WORD_COST = 0.8
_TOKEN_COST = 0.05  # per word, function words included: shorter reads better
_NOTE_START_BONUS = 0.15  # the note's own opening, usually the advice's verb
_CLAUSE_BONUS = 0.1  # a whole clause or the end of one: a complete thought
_RERANK = 12  # candidates per group that the second score looks at
_MEANING_WEIGHT = 2.0
_CONCEPT_WEIGHT = 0.5
_SHARED_WORD_COST = 0.4  # a word already used by another group's name
#: A name fits a board label and a projector column: a longer span is no candidate, and the
#: fallback is trimmed at a word (a word longer than this alone is cut, with "…").
MAX_CHARS = 48


def titles(texts: list[str], labels: np.ndarray, engine: str) -> dict[int, str]:
    """One name per group label: a phrase from the group's notes, unique across groups."""
    groups = sorted(set(labels.tolist()))
    spans = [note_spans(text) for text in texts]
    family = word_families({w for note in spans for s in note for w in s.content})
    weights = _family_weights(spans, labels, family)
    ranked = {}
    for g in groups:
        members = np.flatnonzero(labels == g).tolist()
        ranked[g] = _lexical_ranking([spans[i] for i in members], weights[g], family, len(texts))
    if engine == "minilm":
        ranked = _rerank_by_meaning(texts, labels, ranked)
    else:
        ranked = _rerank_by_concepts(texts, labels, ranked)
    return _hand_out(texts, labels, ranked, family, case_style(texts))


def _family_weights(spans, labels, family) -> dict[int, dict[str, float]]:
    """Per group, per word family: share of the group's notes using it x rarity elsewhere."""
    n = len(spans)
    in_notes = [{family[w] for s in note for w in s.content} for note in spans]
    df_all = Counter(f for fams in in_notes for f in fams)
    df_group: dict[int, Counter[str]] = defaultdict(Counter)
    sizes = Counter(labels.tolist())
    for i, fams in enumerate(in_notes):
        df_group[int(labels[i])].update(fams)
    return {
        g: {f: c / sizes[g] * math.log(1.0 + n / df_all[f]) for f, c in counts.items()}
        for g, counts in df_group.items()
    } | {g: {} for g in sizes if g not in df_group}


def _lexical_ranking(notes: list[list[Span]], weights, family, n) -> list[tuple[float, Span]]:
    """The group's distinct candidate spans, best first (score, span).

    Single words only when no note of the group offers a phrase.
    """
    size = len(notes)
    # what a word used by one note of the group and nowhere else earns
    cost = _WORD_COST * math.log(1.0 + n) / size if size > 1 else 0.0
    phrases = [s for note in notes for s in note if len(s.words) > 1]
    best: dict[str, tuple[float, Span]] = {}
    for span in phrases or [s for note in notes for s in note]:
        if len(span.text) > MAX_CHARS:
            continue
        # summed in a fixed order: set order changes with the hash seed, and float sums
        # taken in another order can break a tie the other way
        fams = sorted({family[w] for w in span.content})
        score = sum(weights.get(f, 0.0) for f in fams) - cost * len(span.content)
        score -= _TOKEN_COST * len(span.words)
        score += _NOTE_START_BONUS * span.at_note_start + _CLAUSE_BONUS * span.to_clause_end
        key = span.text.casefold()
        if key not in best or score > best[key][0]:
            best[key] = (score, span)
    return _best_first(list(best.values()))


def _rerank_by_meaning(texts, labels, ranked):
    """Add how much nearer a phrase's embedding lies to its group's centre than to any other."""
    from .clustering import unit_rows
    from .minilm import embed

    groups = sorted(ranked)
    notes = embed(texts)
    centres = unit_rows(np.array([notes[labels == g].mean(axis=0) for g in groups]))
    phrases = sorted({span.text for g in groups for _, span in ranked[g][:_RERANK]})
    if not phrases:
        return ranked
    sims = dict(zip(phrases, embed(phrases) @ centres.T, strict=True))
    out = {}
    for row, g in enumerate(groups):
        rescored = []
        for score, span in ranked[g][:_RERANK]:
            s = sims[span.text]
            others = np.delete(s, row)
            meaning = float(s[row]) - float(others.max() if len(others) else 0.0)
            rescored.append((score + _MEANING_WEIGHT * meaning, span))
        out[g] = _best_first(rescored) + ranked[g][_RERANK:]
    return out


def _rerank_by_concepts(texts, labels, ranked):
    """Add the share of the group's notes that mention a concept the phrase mentions."""
    out = {}
    for g, candidates in ranked.items():
        members = np.flatnonzero(labels == g)
        shares: Counter[str] = Counter()
        for i in members:
            shares.update({c for w in tokens(texts[i]) for c in concepts_of(w)})
        rescored = []
        for score, span in candidates[:_RERANK]:
            found = {c for w in span.content for c in concepts_of(w)}
            share = max((shares[c] for c in found), default=0) / len(members)
            rescored.append((score + _CONCEPT_WEIGHT * share, span))
        out[g] = _best_first(rescored) + candidates[_RERANK:]
    return out


def _best_first(scored: list[tuple[float, Span]]) -> list[tuple[float, Span]]:
    """Best score first; scores equal to 9 decimals are a tie, broken by the text."""
    return sorted(scored, key=lambda item: (-round(item[0], 9), item[1].text))


def _hand_out(texts, labels, ranked, family, style) -> dict[int, str]:
    """Largest group first: its best phrase not taken yet, sparing words already used."""
    sizes = Counter(labels.tolist())
    first = {}
    for i, g in enumerate(labels.tolist()):
        first.setdefault(g, i)
    order = sorted(sizes, key=lambda g: (-sizes[g], first[g]))
    taken: set[str] = set()
    used_families: set[str] = set()
    names = {}
    for g in order:
        span = _pick(ranked[g], taken, used_families, family, style)
        if span is None:
            names[g] = _fallback(texts, labels, g, style, taken)
        else:
            used_families.update(family[w] for w in span.content)
            names[g] = restyle(span.text, style)
        taken.add(names[g].casefold())
    return names


def _pick(candidates, taken, used_families, family, style) -> Span | None:
    """The best free candidate of the reranked head (less the words other names use), else the
    first free one of the rest: their scores do not include the second score."""

    def free(candidate):
        return restyle(candidate[1].text, style).casefold() not in taken

    def score(candidate):
        shared = {family[w] for w in candidate[1].content} & used_families
        return candidate[0] - _SHARED_WORD_COST * len(shared)

    head = [c for c in candidates[:_RERANK] if free(c)]
    if head:
        return max(head, key=score)[1]
    return next((c[1] for c in candidates[_RERANK:] if free(c)), None)


def _fallback(texts, labels, g, style, taken) -> str:
    """No phrase left: the group's shortest clause (five words at most), numbered if need be."""
    clauses = [c for i in np.flatnonzero(labels == g) for c in clauses_of(texts[i])]
    shortest = min(clauses, key=len, default=[])
    base = restyle(" ".join(shortest[:MAX_WORDS]), style) or "Notes"
    name, number = _trim(base, MAX_CHARS), 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name, number = _trim(base, MAX_CHARS - len(suffix)) + suffix, number + 1
    return name


def _trim(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary; a first word too long is cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else ""
    return cut if cut else text[: limit - 1] + "…"
