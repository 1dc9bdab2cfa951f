"""Measure the theme suggestions: agreement with human labels, and speed.

Run from the repository root:  python bench/themes.py [--engine NAME] [--json]

For each installed engine it prints the adjusted Rand index (ARI) between the
suggested grouping (granularity 0, the automatic number of groups) and the
human labels of ../shared/samples/best-practices-notes.json (or its copy in
tests/data) and of the held-out sets in tests/data, the number of groups at
each granularity, and the time to group 500 notes. A plain TF-IDF + k-means
baseline with the same number of groups is shown for reference.

It also checks the suggested names (granularity 0) against the human theme
names of each set: their form (a phrase of 2 to 5 words, not a comma list,
every word taken from the group's notes, no name twice), the share of names
that are a run of words of one of their group's notes as written ("phrase"),
the mean share of a group's notes that use a word of its name ("coverage":
a name in the words of one odd note scores low), how often a name
shares a word with the human name of its group's majority theme, and, when
MiniLM is installed, how often a name is closer in meaning to that human name
than to the set's other human names (the "judge"; it uses the same model the
minilm engine names with, so it flatters that engine). Every name is printed
next to its group's majority theme so a person can judge them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sklearn.metrics import adjusted_rand_score  # noqa: E402

from socialapp.core import themes  # noqa: E402
from socialapp.core.themes.words import content_words, stem, stop_words, tokens  # noqa: E402

SHARED_SAMPLE = REPO / ".." / "shared" / "samples" / "best-practices-notes.json"
DATA = REPO / "tests" / "data"
HELDOUT = {
    "held-out: collaboration, new wording": DATA / "heldout-notes.json",
    "held-out: conference socials": DATA / "heldout-socials-notes.json",
    "held-out: next year's conference (fresh)": DATA / "heldout-conference-notes.json",
    "held-out: conference talks (never tuned on)": DATA / "heldout-talks-notes.json",
}


def sample_path() -> Path:
    return SHARED_SAMPLE if SHARED_SAMPLE.is_file() else DATA / "best-practices-notes.json"


def labelled(path: Path) -> tuple[list[str], list[str]]:
    notes = json.loads(path.read_text(encoding="utf-8"))["notes"]
    return [n["text"] for n in notes], [n["theme"] for n in notes]


def label_names(path: Path) -> dict[str, str]:
    """Theme key -> the human name of that theme (the set's "themes" table)."""
    return json.loads(path.read_text(encoding="utf-8")).get("themes", {})


def labels_of(groups: list[dict], n: int) -> list[int]:
    out = [-1] * n
    for g, group in enumerate(groups):
        for i in group["notes"]:
            out[i] = g
    return out


def ari(texts: list[str], truth: list[str], engine: str) -> float:
    groups = themes.suggest_themes(texts, engine=engine)
    return adjusted_rand_score(truth, labels_of(groups, len(texts)))


def subset_ari(texts: list[str], truth: list[str], engine: str, rounds: int) -> float:
    """Mean ARI over random 75% subsets: a steadier figure than one run on ~45 notes."""
    rng = random.Random(1)
    scores = []
    for _ in range(rounds):
        keep = sorted(rng.sample(range(len(texts)), round(0.75 * len(texts))))
        scores.append(ari([texts[i] for i in keep], [truth[i] for i in keep], engine))
    return sum(scores) / len(scores)


def tfidf_baseline(texts: list[str], truth: list[str]) -> float:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english").fit_transform(texts)
    k = themes.group_count(len(texts))
    got = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(x)
    return adjusted_rand_score(truth, got)


def five_hundred_notes(pool: list[str], seed: int = 0) -> list[str]:
    """500 distinct notes: pool notes with a word dropped and a few words added."""
    rng = random.Random(seed)
    tails = ["", " please", "!", " - important", " (again)", " every time", " for real"]
    out: set[str] = set()
    while len(out) < 500:
        words = rng.choice(pool).split()
        if len(words) > 3:
            del words[rng.randrange(len(words))]
        out.add(" ".join(words) + rng.choice(tails))
    notes = sorted(out)
    rng.shuffle(notes)
    return notes


def _families(text: str) -> set[str]:
    # stop words left out: "Industry and academia" shares no word with "Games and icebreakers"
    return {stem(w)[:5] for w in content_words(text, stop_words())}


def _is_list(name: str) -> bool:
    return "," in name or ";" in name or " / " in name


def said_in(name: str, notes: list[str]) -> bool:
    """The name is a run of whole words of one of the notes, as written (case aside)."""
    pattern = r"(?<!\w)" + re.escape(name.casefold()) + r"(?!\w)"
    return any(re.search(pattern, " ".join(note.split()).casefold()) for note in notes)


def coverage(name: str, notes: list[str]) -> float:
    """Share of the group's notes that use a word of the name (or a relative of one):
    how much of its group a name speaks for, not only the note it came from."""
    families = _families(name)
    return sum(bool(_families(note) & families) for note in notes) / len(notes)


def naming(path: Path, engine: str) -> dict:
    """The naming check on one labelled set: see the module's docstring."""
    texts, truth = labelled(path)
    human = label_names(path)
    groups = themes.suggest_themes(texts, engine=engine)
    rows, overlap, form, phrase, covered = [], 0, 0, 0, 0.0
    for group in groups:
        majority, count = Counter(truth[i] for i in group["notes"]).most_common(1)[0]
        name = group["title"]
        own = [texts[i] for i in group["notes"]]
        words = tokens(name)
        notes = {w for text in own for w in tokens(text)}
        good_form = 2 <= len(name.split()) <= 5 and not _is_list(name) and set(words) <= notes
        shares = bool(_families(name) & _families(human.get(majority, majority)))
        form += good_form
        overlap += shares
        phrase += said_in(name, own)
        covered += coverage(name, own)
        rows.append(
            {
                "name": name,
                "majority": human.get(majority, majority),
                "purity": f"{count}/{len(group['notes'])}",
                "form_ok": good_form,
                "phrase": said_in(name, own),
                "coverage": coverage(name, own),
                "shares_a_word": shares,
                "notes": own,
            }
        )
    names = [g["title"].casefold() for g in groups]
    result = {
        "names": rows,
        "form_ok": form / len(groups),
        "phrase": phrase / len(groups),
        "coverage": covered / len(groups),
        "unique": len(set(names)) == len(names),
        "shares_a_word": overlap / len(groups),
    }
    if "minilm" in themes.available_engines():
        from socialapp.core.themes.minilm import embed

        keys = sorted(human)
        sims = embed([r["name"] for r in rows]) @ embed([human[k] for k in keys]).T
        hits = [keys[int(s.argmax())] for s in sims]
        right = sum(human[h] == r["majority"] for h, r in zip(hits, rows, strict=True))
        result["judge"] = right / len(rows)
    return result


def measure(engine: str, rounds: int) -> dict:
    result: dict = {"engine": engine, "ari": {}, "subset_ari": {}, "naming": {}}
    texts, truth = labelled(sample_path())

    start = time.perf_counter()
    groups = themes.suggest_themes(texts, engine=engine)
    result["first_call_s"] = time.perf_counter() - start  # includes loading a model
    result["ari"]["sample"] = adjusted_rand_score(truth, labels_of(groups, len(texts)))
    result["sample_titles"] = [g["title"] for g in groups]
    result["groups_by_granularity"] = {
        g: len(themes.suggest_themes(texts, granularity=g, engine=engine)) for g in range(-2, 3)
    }
    for name, path in HELDOUT.items():
        result["ari"][name] = ari(*labelled(path), engine)
    held = [result["ari"][name] for name in HELDOUT]
    result["ari"]["held-out mean"] = sum(held) / len(held)
    result["ari"]["held-out mean of the first 3"] = sum(held[:3]) / 3
    for name, path in {"sample": sample_path(), **HELDOUT}.items():
        result["naming"][name] = naming(path, engine)
    if rounds:
        sets = {"sample": sample_path(), **HELDOUT}
        for name, path in sets.items():
            result["subset_ari"][name] = subset_ari(*labelled(path), engine, rounds)

    pool = texts + [t for path in HELDOUT.values() for t in labelled(path)[0]]
    notes = five_hundred_notes(pool)
    start, cpu = time.perf_counter(), time.process_time()
    groups = themes.suggest_themes(notes, engine=engine)
    result["time_500_s"] = time.perf_counter() - start
    result["cpu_500_s"] = time.process_time() - cpu
    result["groups_500"] = len(groups)
    start, cpu = time.perf_counter(), time.process_time()
    themes.suggest_themes(notes, granularity=2, engine=engine)
    result["time_500_granularity_2_s"] = time.perf_counter() - start
    result["cpu_500_granularity_2_s"] = time.process_time() - cpu
    return result


def print_naming(by_set: dict, notes: int = 0) -> None:
    print(
        "  names (granularity 0): good form / a phrase of one of its notes / coverage"
        " / share a word with the human name / judge"
    )
    for name, check in by_set.items():
        judge = f"{check['judge']:.2f}" if "judge" in check else "-"
        unique = "all different" if check["unique"] else "SOME TWICE"
        print(
            f"    {name:<44} {check['form_ok']:.2f} / {check['phrase']:.2f} / "
            f"{check['coverage']:.2f} / {check['shares_a_word']:.2f} / {judge}  ({unique})"
        )
        for row in check["names"]:
            marks = (
                ("" if row["form_ok"] else " [form]")
                + ("" if row["phrase"] else " [not a phrase]")
                + (" [word]" if row["shares_a_word"] else "")
            )
            print(
                f"      {row['name']!r:<44} {row['purity']:>5} cov {row['coverage']:.2f}"
                f" {row['majority']!r}{marks}"
            )
            for text in row["notes"][:notes]:
                print(f"          - {text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=themes.ENGINES, action="append")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--subsets",
        type=int,
        default=10,
        metavar="N",
        help="also average the ARI over N random 75%% subsets of each set (0: skip)",
    )
    parser.add_argument(
        "--notes",
        type=int,
        default=0,
        metavar="N",
        help="print the first N notes of each group under its name, to judge the names by",
    )
    args = parser.parse_args()
    engines = args.engine or themes.available_engines()
    missing = [e for e in engines if e not in themes.available_engines()]
    if missing:
        parser.error(f"not installed here: {', '.join(missing)} (pip install -e '.[themes]')")

    results = [measure(engine, args.subsets) for engine in engines]
    baseline = {"sample": tfidf_baseline(*labelled(sample_path()))}
    for name, path in HELDOUT.items():
        baseline[name] = tfidf_baseline(*labelled(path))

    if args.json:
        print(json.dumps({"results": results, "tfidf_kmeans_baseline": baseline}, indent=2))
        return 0
    print(f"sample: {os.path.relpath(sample_path(), REPO)}")
    for r in results:
        print(f"\nengine {r['engine']}")
        for name, value in r["ari"].items():
            print(f"  ARI {name:<42} {value:6.3f}")
        for name, value in r["subset_ari"].items():
            print(f"  ARI {name:<42} {value:6.3f}  (mean over {args.subsets} random 75% subsets)")
        print(f"  groups on the sample, granularity -2..+2: {r['groups_by_granularity']}")
        print_naming(r["naming"], args.notes)
        print(f"  first call on the sample (loads the model): {r['first_call_s']:.2f} s")
        print(
            f"  500 new notes, granularity 0 ({r['groups_500']} groups): "
            f"{r['time_500_s']:.2f} s wall, {r['cpu_500_s']:.2f} s CPU"
        )
        print(
            f"  same 500 notes again, granularity +2: {r['time_500_granularity_2_s']:.2f} s wall, "
            f"{r['cpu_500_granularity_2_s']:.2f} s CPU"
        )
    print("\nbaseline TF-IDF + k-means (same number of groups)")
    for name, value in baseline.items():
        print(f"  ARI {name:<42} {value:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
