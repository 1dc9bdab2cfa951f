"""Benchmark counting a vote question: 2,000 ballots of every type, timed per count.

Run from the repository root:  python bench/counting.py [--ballots 2000] [--repeat 5]

Ranked ballots are random partial or full rankings (the hardest case for Schulze: little
agreement); every count re-checks each ballot, as the vote kind's reveal would.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from socialapp.core.counting import count  # noqa: E402
from socialapp.core.debate import count_debate  # noqa: E402

WORDS = ["RLHF", "rlhf!", "DPO", "scaling", "Fine-tuning", "fine tuning", "agents", "evals"]


def cases(n: int, rng: random.Random):
    for options in (5, 10, 50):
        opts = [f"o{i}" for i in range(options)]
        for method in ("schulze", "irv"):
            question = {"type": "ranked", "options": opts, "method": method}
            ballots = [{"answer": rng.sample(opts, rng.randint(1, options))} for _ in range(n)]
            yield f"ranked {method} {options} options", question, ballots
    opts = [f"o{i}" for i in range(10)]
    yield (
        "single 10 options",
        {"type": "single", "options": opts},
        [{"answer": rng.choice(opts)} for _ in range(n)],
    )
    yield (
        "approval 10 options",
        {"type": "approval", "options": opts},
        [{"answer": rng.sample(opts, rng.randint(1, 10))} for _ in range(n)],
    )
    yield (
        "scale 1-10",
        {"type": "scale", "scale_max": 10},
        [{"answer": rng.randint(1, 10)} for _ in range(n)],
    )
    yield (
        "words (3 per phone)",
        {"type": "words"},
        [{"answer": rng.sample(WORDS, 3)} for _ in range(n)],
    )
    yield "text", {"type": "text"}, [{"answer": f"answer {rng.randint(1, 500)}"} for _ in range(n)]


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.process_time()  # CPU time: the figure that survives a busy machine
        fn()
        samples.append((time.process_time() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"{args.ballots} ballots, median of {args.repeat} counts (CPU ms)")
    for name, question, ballots in cases(args.ballots, rng):
        print(f"{name:<32} {timed(lambda q=question, b=ballots: count(q, b), args.repeat):>8.1f}")
    sides = ["for", "against", "undecided"]
    before = {i: rng.choice(sides) for i in range(args.ballots)}
    after = {i: rng.choice(sides) for i in range(args.ballots) if rng.random() < 0.95}
    print(
        f"{'debate (paired)':<32} {timed(lambda: count_debate(before, after), args.repeat):>8.1f}"
    )


if __name__ == "__main__":
    main()
