"""Theme suggestions for the sticky-note wall (socialapp.core.themes).

The quality bars are per engine and honest: they sit a little under what each
engine measures on this machine (bench/themes.py prints the figures).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

from socialapp.core import themes
from socialapp.core.themes import minilm

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parent.parent
SHARED_SAMPLE = REPO.parent / "shared" / "samples" / "best-practices-notes.json"
SAMPLE = SHARED_SAMPLE if SHARED_SAMPLE.is_file() else DATA / "best-practices-notes.json"
# Labelled sets written for these tests (see BARS for how far they are unseen).
HELDOUT = [
    DATA / "heldout-notes.json",
    DATA / "heldout-socials-notes.json",
    DATA / "heldout-conference-notes.json",
]

ENGINES = themes.available_engines()

# Lowest adjusted Rand index accepted: (on the sample, mean over the held-out sets).
# Measured here: minilm 0.53 and 0.39 (0.24 / 0.50 / 0.44); lexicon 0.36 and 0.23
# (0.11 / 0.37 / 0.22). The concept lexicon was written after reading the sample
# and the first two held-out sets, so those figures flatter both engines a little.
# The conference set was written after the lexicon was frozen; it then decided
# one thing only (minilm dropped a TF-IDF block that helped on the other sets). For issue 12
# a word-level concept block lifted the first three sets by about 0.1 but lowered the conference
# set and tests/data/heldout-talks-notes.json (written before any tuning), so it was left out;
# the talks set stays out of these bars (minilm 0.14, lexicon 0.05: its themes share words).
BARS = {"minilm": (0.40, 0.30), "lexicon": (0.25, 0.15)}


def labelled(path: Path) -> tuple[list[str], list[str]]:
    notes = json.loads(path.read_text(encoding="utf-8"))["notes"]
    return [n["text"] for n in notes], [n["theme"] for n in notes]


def predicted_labels(groups: list[dict], n: int) -> list[int]:
    labels = [-1] * n
    for g, group in enumerate(groups):
        for i in group["notes"]:
            labels[i] = g
    return labels


def assert_partition(groups: list[dict], n: int) -> None:
    seen = sorted(i for group in groups for i in group["notes"])
    assert seen == list(range(n)), "every note index exactly once"
    for group in groups:
        assert group["notes"], "no empty group"
        assert group["notes"] == sorted(group["notes"])
        assert isinstance(group["title"], str) and group["title"].strip()


@pytest.fixture(scope="module")
def sample() -> tuple[list[str], list[str]]:
    return labelled(SAMPLE)


def test_engines_listing():
    assert "lexicon" in ENGINES
    assert set(ENGINES) <= set(themes.ENGINES)
    assert themes.default_engine() == ENGINES[0]


def test_load_notes_file_reads_texts_and_ignores_labels(tmp_path, sample):
    texts, _ = sample
    assert themes.load_notes_file(SAMPLE) == texts
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(["one", {"text": "two", "theme": "x"}]), encoding="utf-8")
    assert themes.load_notes_file(bare) == ["one", "two"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"notes": [{"theme": "no text"}]}), encoding="utf-8")
    with pytest.raises(ValueError):
        themes.load_notes_file(broken)


@pytest.mark.parametrize("engine", ENGINES)
def test_tiny_inputs(engine):
    assert themes.suggest_themes([], engine=engine) == []
    one = themes.suggest_themes(["Only one note"], engine=engine)
    assert len(one) == 1 and one[0]["notes"] == [0] and one[0]["title"]
    for g in range(-2, 3):
        assert_partition(themes.suggest_themes(["a", "b"], granularity=g, engine=engine), 2)


def test_bad_arguments():
    with pytest.raises(ValueError):
        themes.suggest_themes(["x"], engine="no-such-engine")
    for bad in (3, -3):
        with pytest.raises(ValueError):
            themes.suggest_themes(["x"], granularity=bad)
    with pytest.raises(TypeError):
        themes.suggest_themes(["x"], granularity=1.5)


def test_missing_engine_is_reported(monkeypatch):
    monkeypatch.setitem(minilm._files_checked, "minilm", None)
    assert themes.available_engines() == ["lexicon"]
    assert themes.default_engine() == "lexicon"
    with pytest.raises(RuntimeError):
        themes.suggest_themes(["x", "y"], engine="minilm")


note_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        ["Weekly sync call", "Share the code", "Be kind", "Pizza!", "", "   ", "🙂", "Be kind"]
    ),
)


@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(note_text, max_size=30), granularity=st.integers(-2, 2))
def test_every_note_lands_in_exactly_one_group(engine, texts, granularity):
    groups = themes.suggest_themes(texts, granularity=granularity, engine=engine)
    assert_partition(groups, len(texts))
    assert len(groups) == themes.group_count(len(texts), granularity)


@given(n=st.integers(0, 2000))
def test_group_count_grows_with_granularity(n):
    counts = [themes.group_count(n, g) for g in range(-2, 3)]
    assert counts == sorted(counts)
    assert all(0 <= c <= n for c in counts)
    assert (counts[2] >= 1) == (n >= 1)


@pytest.mark.parametrize("engine", ENGINES)
def test_granularity_on_the_sample(engine, sample):
    texts, _ = sample
    counts = []
    for g in range(-2, 3):
        groups = themes.suggest_themes(texts, granularity=g, engine=engine)
        assert_partition(groups, len(texts))
        counts.append(len(groups))
    assert counts == sorted(counts)
    assert counts[0] < counts[2] < counts[4]


@pytest.mark.parametrize("engine", ENGINES)
def test_deterministic_in_process(engine, sample):
    texts, _ = sample
    first = themes.suggest_themes(texts, engine=engine)
    assert themes.suggest_themes(list(texts), engine=engine) == first


@pytest.mark.parametrize("engine", ENGINES)
def test_deterministic_across_processes(engine):
    """Fresh interpreters with other hash seeds give the same groups and names on every set
    (names once depended on the order of a set of words: a float sum decided a tie)."""
    sets = [labelled(path)[0] for path in [SAMPLE, *sorted(DATA.glob("heldout-*.json"))]]
    code = (
        "import json, sys; from socialapp.core import themes; "
        f"print(json.dumps([themes.suggest_themes(t, engine={engine!r}) "
        "for t in json.load(sys.stdin)]))"
    )
    here = [themes.suggest_themes(texts, engine=engine) for texts in sets]
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run(
            [sys.executable, "-c", code],
            input=json.dumps(sets),
            capture_output=True,
            text=True,
            cwd=REPO,
            env=dict(os.environ, PYTHONHASHSEED=seed),
            timeout=300,
            check=True,
        )
        assert json.loads(done.stdout) == here, seed


@pytest.mark.parametrize("engine", ENGINES)
def test_quality_on_the_sample_and_held_out_notes(engine, sample):
    sample_bar, heldout_bar = BARS[engine]
    texts, truth = sample
    got = predicted_labels(themes.suggest_themes(texts, engine=engine), len(texts))
    assert adjusted_rand_score(truth, got) >= sample_bar
    scores = []
    for path in HELDOUT:
        texts, truth = labelled(path)
        got = predicted_labels(themes.suggest_themes(texts, engine=engine), len(texts))
        scores.append(adjusted_rand_score(truth, got))
    assert sum(scores) / len(scores) >= heldout_bar, scores


PARAPHRASES = [
    ("Weekly video call with the whole team", "Meet every week over Zoom"),
    ("Put the code on GitHub", "Publish the software in a public repository"),
    ("Vegan food options", "Something to eat for people who avoid meat"),
    ("Be kind to newcomers", "Welcome new people warmly"),
    ("Too loud to hear anyone", "Turn the music down"),
    ("Agree early who is first author", "Settle the order of names on the paper"),
    # words the lexicon does not know
    ("Bring your dog along", "Pets should be allowed too"),
    ("Comfy sofas to sink into", "Couches instead of hard benches"),
]


@pytest.mark.parametrize("engine", ENGINES)
def test_paraphrases_land_together(engine):
    """Notes that say the same thing in different words share a group.

    minilm keeps all 8 pairs together, lexicon 7 (it splits the sofa pair).
    """
    texts = [t for pair in PARAPHRASES for t in pair]
    groups = themes.suggest_themes(texts, granularity=2, engine=engine)
    assert len(groups) == len(PARAPHRASES)
    label = predicted_labels(groups, len(texts))
    together = sum(label[2 * i] == label[2 * i + 1] for i in range(len(PARAPHRASES)))
    assert together >= {"minilm": 7, "lexicon": 5}[engine], groups


def test_the_engine_is_pure_core():
    """socialapp/core/themes/ imports neither Flask nor the database, nor the app (issue 10)."""
    package = REPO / "socialapp" / "core" / "themes"
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                # a relative import may reach socialapp.core, never the app around it
                assert node.level <= 2, (path.name, node.module)
                names = [node.module or ""] if node.level == 0 else []
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top not in {"socialapp", "sqlalchemy", "eventlet"}, (path.name, name)
                assert not top.startswith("flask"), (path.name, name)


def test_the_lexicon_hears_derived_words():
    """Words in -ly, -ness, -ful share their base's concepts: "Give feedback kindly" is kind."""
    from socialapp.core.themes.lexicon import concepts_of

    assert "kindness" in concepts_of("kindly")
    assert "kindness" in concepts_of("respectful")
    assert concepts_of("respectfully") == concepts_of("respect")
    assert concepts_of("politely") == concepts_of("polite")
    assert concepts_of("ly") == set() and concepts_of("fully") == set()
