"""Benchmark the icebreaker matching: time per round and repeated pairs per round.

Run from the repository root:  python bench/matching.py [--rounds 8] [--seed 1] [--repeat 5]

Each room plays `rounds` consecutive rounds, every round's pairs added to the meeting
history. A round is timed `repeat` times from the same state (fresh Random each time) and
the median kept, so one slow outlier does not skew the figure.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from socialapp.core.matching import PAIRS, TRIOS, match, pairs_of, repeated_pairs  # noqa: E402

ROOMS = (6, 12, 30, 100, 500, 2000)


def play(n: int, size: int, rounds: int, seed: int, repeat: int) -> tuple[list[float], list[int]]:
    """Per-round median milliseconds and repeated pairs for one room."""
    people = list(range(n))
    met: set[frozenset] = set()
    times, repeats = [], []
    for round_no in range(rounds):
        samples = []
        for attempt in range(repeat):
            rng = random.Random(f"{seed}-{round_no}-{attempt}")
            start = time.perf_counter()
            groups = match(people, met, size, rng)
            samples.append((time.perf_counter() - start) * 1000)
        times.append(statistics.median(samples))
        repeats.append(repeated_pairs(groups, met))
        met |= pairs_of(groups)
    return times, repeats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{args.rounds} rounds per room, median of {args.repeat} runs per round (ms)")
    print(f"{'mode':<6} {'people':>6} {'median':>8} {'worst':>8}  repeats per round")
    for size, mode in ((PAIRS, "pairs"), (TRIOS, "trios")):
        for n in ROOMS:
            times, repeats = play(n, size, args.rounds, args.seed, args.repeat)
            reps = " ".join(f"{r:>2}" for r in repeats)
            print(f"{mode:<6} {n:>6} {statistics.median(times):>8.2f} {max(times):>8.2f}  {reps}")


if __name__ == "__main__":
    main()
