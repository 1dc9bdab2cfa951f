"""Benchmark matching by answers: time per round, repeats and answer cost per round.

Run from the repository root:  python bench/answer_matching.py [--people 2000] [--rounds 8]

Each room plays `rounds` consecutive rounds in one mode, every round's pairs added to the
history; answers are drawn once per room from `options` options of uneven popularity (one
person in ten gives none). Times are CPU milliseconds (process time), not wall time. The
answer cost is same-answer pairs (mixed) or different-answer pairs (alike); "random" is the
plain icebreaker's cost on the same history, for scale. Median and worst of the rounds.
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
from socialapp.kinds.icebreaker.answer_matching import ALIKE, MIXED, answer_cost, match_by_answers  # noqa: E402


def play(n: int, options: int, size: int, mode: str, rounds: int, seed: int):
    rng = random.Random(seed)
    weights = [rng.random() + 0.2 for _ in range(options)]
    answers = {p: rng.choices(range(options), weights)[0] for p in range(n) if rng.random() < 0.9}
    met: set[frozenset] = set()
    times, repeats, costs, plain = [], [], [], []
    for round_no in range(rounds):
        start = time.process_time()  # CPU time: the figure that survives a busy machine
        groups = match_by_answers(range(n), answers, met, size, rng, mode)
        times.append((time.process_time() - start) * 1000)
        repeats.append(repeated_pairs(groups, met))
        costs.append(answer_cost(groups, answers, mode))
        baseline = match(range(n), met, size, random.Random(round_no))
        plain.append(answer_cost(baseline, answers, mode))
        met |= pairs_of(groups)
    return times, repeats, costs, plain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--options", type=int, nargs="+", default=[2, 5, 20])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(
        f"{args.rounds} rounds per room; CPU ms per round; cost: answer cost (random: plain match)"
    )
    print(
        f"{'mode':<6} {'size':<5} {'people':>6} {'opts':>4} {'median':>7} {'worst':>7}"
        f" {'repeats':>7} {'cost':>6} {'random':>7}"
    )
    for mode in (MIXED, ALIKE):
        for size, name in ((PAIRS, "pairs"), (TRIOS, "trios")):
            for n in args.people:
                for options in args.options:
                    times, reps, costs, plain = play(n, options, size, mode, args.rounds, args.seed)
                    print(
                        f"{mode:<6} {name:<5} {n:>6} {options:>4} {statistics.median(times):>7.1f}"
                        f" {max(times):>7.1f} {sum(reps):>7} {statistics.median(costs):>6}"
                        f" {statistics.median(plain):>7}"
                    )


if __name__ == "__main__":
    main()
