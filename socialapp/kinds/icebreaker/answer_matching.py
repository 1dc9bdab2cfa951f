"""Icebreaker groups made by the answers to a vote question: "mixed" or "alike".

    match_by_answers(people, answers, met_pairs, size, rng, mode) -> groups
    explain(groups, answers, labels) -> one reason per group, for the phones

Same rules as socialapp.core.matching (whose group sizes and approach this reuses): everyone
present in exactly one group of 2 or 3, sizes from `group_sizes`, nobody alone, and pairs
who already met avoided first of all. Among groupings with the fewest repeats the answers
decide: "mixed" keeps people who gave the same answer apart (fewest same-answer pairs),
"alike" puts them together (fewest pairs that answered differently). People with no answer
(None, or absent from `answers`) count as neither and fill in where they fit.

How a round is built:
1. construction: "mixed" deals people sorted by answer across the groups like cards, so each
   answer spreads as evenly as it can; "alike" carves each answer's people into whole groups
   (giving the odd trio or pair to the answers it completes), then groups the rest;
2. min-conflicts local search on the cost (repeats, answer cost), compared in that order;
   swaps between people with the same answer are tried first, since they remove a repeat
   without disturbing the answers;
3. rooms up to EXACT_ROOM people are searched exhaustively for the best grouping; rooms up
   to matching.SMALL_ROOM with repeats left also try matching.match's grouping as a start,
   so they never get more repeats than the plain icebreaker would.
Deterministic for a given rng state: ids and answers must be sortable (within their type).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence

from ...core import matching
from ...core.matching import PAIRS, TRIOS, group_sizes, pairs_of

MIXED, ALIKE = "mixed", "alike"
MODES = (MIXED, ALIKE)
# Rooms up to this size get the provably best grouping (at most 6,300 to look through).
EXACT_ROOM = 10
# Local-search swap candidates per step: some with the same answer, some from anywhere.
SAME_ANSWER_SAMPLE = 16
ANY_SAMPLE = 32
NOISE = 0.1

Person = Hashable


def match_by_answers(
    people: Iterable[Person],
    answers: Mapping[Person, Hashable],
    met_pairs: Collection[frozenset],
    size: int,
    rng: random.Random,
    mode: str,
) -> list[list[Person]]:
    """Group everyone present into groups of 2-3 by their answers (see the module doc)."""
    if mode not in MODES:
        raise ValueError(f"mode must be 'mixed' or 'alike', not {mode!r}")
    order = sorted(set(people))
    sizes = group_sizes(len(order), size)
    if not sizes:
        return []
    rng.shuffle(order)
    key = {p: answers.get(p) for p in order}
    cost = _Cost(order, key, met_pairs, mode)
    if len(order) <= EXACT_ROOM:
        groups = _Exact(cost, sorted(sizes, reverse=True)).best(order)
    else:
        built = _construct(order, key, sizes, mode)
        # What the answers allow with no history: once repeats are gone, reaching it again
        # is good enough, so the search stops there instead of waiting out its patience.
        target = cost.total(built)[1]
        groups = _improve(cost, built, rng, target)
        if cost.total(groups)[0] and len(order) <= matching.SMALL_ROOM:
            start = matching.match(order, met_pairs, size, rng)
            groups = min(groups, _improve(cost, start, rng, target), key=cost.total)
    rng.shuffle(groups)  # otherwise trios would always get the lowest sign numbers
    return groups


def answer_cost(groups: Iterable[Sequence[Person]], answers: Mapping, mode: str) -> int:
    """Same-answer pairs ("mixed") or different-answer pairs ("alike"); lower is better."""
    return sum(
        _pair_cost(answers.get(a), answers.get(b), mode) for a, b in map(tuple, pairs_of(groups))
    )


def _pair_cost(a, b, mode: str) -> int:
    if a is None or b is None:
        return 0
    return (a == b) if mode == MIXED else (a != b)


class _Cost:
    """Repeats and answer cost of groups, and what a swap of two people would change."""

    def __init__(self, people: list, key: dict, met_pairs: Collection[frozenset], mode: str):
        self.key, self.mode = key, mode
        self.met: dict = {p: set() for p in people}
        for pair in met_pairs:  # only meetings among people present matter here
            if len(pair) == 2:
                a, b = pair
                if a in self.met and b in self.met:
                    self.met[a].add(b)
                    self.met[b].add(a)

    def pair(self, a, b) -> tuple[int, int]:
        return (b in self.met[a], _pair_cost(self.key[a], self.key[b], self.mode))

    def group(self, group: Sequence) -> tuple[int, int]:
        rep = ans = 0
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                r, c = self.pair(a, b)
                rep, ans = rep + r, ans + c
        return rep, ans

    def total(self, groups: Iterable[Sequence]) -> tuple[int, int]:
        costs = [self.group(g) for g in groups]
        return sum(c[0] for c in costs), sum(c[1] for c in costs)

    def swap_delta(self, x, gx: Sequence, y, gy: Sequence) -> tuple[int, int]:
        """Change in (repeats, answer cost) if x (in gx) and y (in gy) trade places.

        Only pairs involving x or y change. The hot loop of the local search, hence inline.
        """
        met, key, mixed = self.met, self.key, self.mode == MIXED
        kx, ky = key[x], key[y]
        rep = ans = 0
        for m, stays, comes, k_stays, k_comes in ((gx, x, y, kx, ky), (gy, y, x, ky, kx)):
            known_out, known_in = met[stays], met[comes]
            for other in m:
                if other == stays:
                    continue
                rep += (other in known_in) - (other in known_out)
                k = key[other]
                if k is not None and kx != ky:
                    ans += (k_comes is not None and (k == k_comes) == mixed) - (
                        k_stays is not None and (k == k_stays) == mixed
                    )
        return rep, ans


# ---------- construction ----------


def _clusters(order: list, key: dict) -> list[list]:
    """People by answer, biggest answer first; no answer last. Order within: as shuffled."""
    by_answer: dict = defaultdict(list)
    for p in order:
        by_answer[key[p]].append(p)
    answered = sorted((k for k in by_answer if k is not None), key=_sortable)
    answered.sort(key=lambda k: -len(by_answer[k]))  # stable: equal sizes keep sorted order
    return [by_answer[k] for k in answered] + ([by_answer[None]] if None in by_answer else [])


def _sortable(value) -> tuple[str, object]:
    return type(value).__name__, value


def _construct(order: list, key: dict, sizes: list[int], mode: str) -> list[list]:
    clusters = _clusters(order, key)
    sizes = sorted(sizes, reverse=True)
    if mode == MIXED:
        # Column by column, trios first: an answer held by at most len(groups) people
        # lands in as many different groups.
        flat = [p for cluster in clusters for p in cluster]
        groups: list[list] = [[] for _ in sizes]
        slots = [(col, g) for col in range(3) for g, s in enumerate(sizes) if col < s]
        for person, (_, g) in zip(flat, slots, strict=True):
            groups[g].append(person)
        return groups
    return _construct_alike(clusters, sizes)


def _construct_alike(clusters: list[list], sizes: list[int]) -> list[list]:
    """Whole groups from each answer's people; the rare size goes where it completes one."""
    big, rare = (PAIRS, TRIOS) if sizes.count(PAIRS) >= sizes.count(TRIOS) else (TRIOS, PAIRS)
    spare = sizes.count(rare)
    extra = [0] * len(clusters)  # rare-size groups given to each cluster
    wanted = [(c, n) for c, cl in enumerate(clusters) if (n := _rare_needed(len(cl), big, rare))]
    for need in (1, 2):  # one rare group completes more answers than two do
        for c, n in wanted:
            if n == need and spare >= n:
                extra[c], spare = n, spare - n
    groups, leftovers = [], []
    big_left = sizes.count(big)
    for cluster, n in zip(clusters, extra, strict=True):
        bigs = min(big_left, (len(cluster) - n * rare) // big)  # never more groups than exist
        big_left -= bigs
        cut = n * rare + bigs * big
        groups += [cluster[i : i + rare] for i in range(0, n * rare, rare)]
        groups += [cluster[i : i + big] for i in range(n * rare, cut, big)]
        leftovers += cluster[cut:]
    rest = sorted(sizes, reverse=True)
    for g in groups:
        rest.remove(len(g))
    for s in rest:  # what no answer could fill alone: neighbours in answer order
        groups.append(leftovers[:s])
        leftovers = leftovers[s:]
    return groups


def _rare_needed(n: int, big: int, rare: int) -> int:
    """How many rare-size groups make n people fill whole groups exactly (0: none help)."""
    for k in (1, 2):
        if n >= k * rare and (n - k * rare) % big == 0 and n % big:
            return k
    return 0


# ---------- improvement ----------


def _improve(cost: _Cost, groups: list[list], rng, target: int) -> list[list]:
    return _LocalSearch(cost, [list(g) for g in groups], rng).run(target)


class _LocalSearch:
    """Min-conflicts swaps on (repeats, answer cost), keeping the best grouping seen."""

    def __init__(self, cost: _Cost, groups: list[list], rng: random.Random):
        self.cost, self.groups, self.rng = cost, groups, rng
        self.people = sorted((p for g in groups for p in g), key=_sortable)
        self.where = {p: gi for gi, g in enumerate(groups) for p in g}
        self.same: dict = defaultdict(list)
        for p in self.people:
            self.same[cost.key[p]].append(p)
        self.costs = [cost.group(g) for g in groups]
        self.now = (sum(c[0] for c in self.costs), sum(c[1] for c in self.costs))
        self.bad = (_Pool(), _Pool())  # groups with repeats, groups with an answer cost
        for gi in range(len(groups)):
            self._mark(gi)

    def run(self, target: int) -> list[list]:
        """The best grouping seen, stopping soon after no repeats and an answer cost <= target,
        after `patience` steps without progress, or when the step budget runs out."""
        n = len(self.people)
        budget, patience = min(200 + 20 * n, 4000), 100 + n // 20
        best, best_cost, since = [list(g) for g in self.groups], self.now, 0
        for _ in range(budget if len(self.groups) > 1 else 0):
            # At the target, a few more tries per group still mixing answers: the
            # construction leaves those groups for the search to polish.
            done = best_cost <= (0, target) and since > 3 * len(self.bad[1]) + 3
            if done or since > patience or best_cost == (0, 0):
                break
            self._step()
            since += 1
            if self.now < best_cost:
                best, best_cost, since = [list(g) for g in self.groups], self.now, 0
        return best

    def _step(self) -> None:
        # Repeats first: while any group has one, work on those groups only.
        repeats = bool(self.bad[0])
        group = self.groups[self.bad[0 if repeats else 1].choice(self.rng)]
        if repeats:
            x = self.rng.choice([p for p in group if any(q in self.cost.met[p] for q in group)])
        else:
            x = self.rng.choice(group)
        # Answer phase, "alike": people who share an answer with someone here could join.
        alike = not repeats and self.cost.mode == ALIKE
        keys = {self.cost.key[p] for p in group} if alike else {self.cost.key[x]}
        candidates = [y for y in self._candidates(keys) if self.where[y] != self.where[x]]
        if not candidates:
            return
        if self.rng.random() < NOISE:
            # A random swap to leave a local minimum, between people with the same answer:
            # it shuffles who meets whom without making the answers worse.
            same = self.cost.key[x]
            pool = [y for y in candidates if self.cost.key[y] == same]
            if pool:
                self._swap(x, self.rng.choice(pool))
            return
        deltas = [self._delta(x, y) for y in candidates]
        least = min(deltas)
        if least <= (0, 0):  # sideways moves too: they let the search cross plateaus
            best = [y for y, d in zip(candidates, deltas, strict=True) if d == least]
            self._swap(x, self.rng.choice(best))

    def _candidates(self, keys: set) -> list:
        anyone = self.people
        if len(anyone) <= SAME_ANSWER_SAMPLE * len(keys) + ANY_SAMPLE:
            return anyone
        picked = []
        for key in sorted(keys, key=_sortable):
            same = self.same[key]
            picked += self.rng.sample(same, min(len(same), SAME_ANSWER_SAMPLE))
        return picked + self.rng.sample(anyone, ANY_SAMPLE)

    def _delta(self, x, y) -> tuple[int, int]:
        return self.cost.swap_delta(x, self.groups[self.where[x]], y, self.groups[self.where[y]])

    def _swap(self, x, y) -> None:
        gi, hi = self.where[x], self.where[y]
        gx, gy = self.groups[gi], self.groups[hi]
        gx[gx.index(x)], gy[gy.index(y)] = y, x
        self.where[x], self.where[y] = hi, gi
        old = (self.costs[gi][0] + self.costs[hi][0], self.costs[gi][1] + self.costs[hi][1])
        self.costs[gi], self.costs[hi] = self.cost.group(gx), self.cost.group(gy)
        new = (self.costs[gi][0] + self.costs[hi][0], self.costs[gi][1] + self.costs[hi][1])
        self.now = (self.now[0] + new[0] - old[0], self.now[1] + new[1] - old[1])
        self._mark(gi)
        self._mark(hi)

    def _mark(self, gi: int) -> None:
        for pool, cost in zip(self.bad, self.costs[gi], strict=True):
            if cost:
                pool.add(gi)
            else:
                pool.discard(gi)


class _Pool:
    """A set of group indexes with O(1) add, discard and random choice, in an order that
    depends only on the calls made (never on hashing), so a seed replays exactly."""

    def __init__(self):
        self.items: list[int] = []
        self.index: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.items)

    def add(self, item: int) -> None:
        if item not in self.index:
            self.index[item] = len(self.items)
            self.items.append(item)

    def discard(self, item: int) -> None:
        i = self.index.pop(item, None)
        if i is not None:
            last = self.items.pop()
            if i < len(self.items):
                self.items[i], self.index[last] = last, i

    def choice(self, rng: random.Random) -> int:
        return self.items[rng.randrange(len(self.items))]


class _Exact:
    """Branch and bound over every grouping of a tiny room: the best (repeats, answer cost).

    The room arrives shuffled and the first best grouping found is kept, so among equally
    good groupings the rng picks.
    """

    def __init__(self, cost: _Cost, sizes: list[int]):
        self.cost, self.sizes = cost, sizes
        self.best_cost: tuple[int, int] | None = None
        self.found: list[list] = []

    def best(self, people: list) -> list[list]:
        self._search(list(people), list(self.sizes), [], (0, 0))
        return self.found

    def _search(self, free: list, sizes: list[int], groups: list, so_far: tuple) -> None:
        if self.best_cost is not None and so_far >= self.best_cost:
            return
        if not free:
            self.best_cost, self.found = so_far, [list(g) for g in groups]
            return
        first, others = free[0], free[1:]
        for s in sorted(set(sizes), reverse=True):
            left = list(sizes)
            left.remove(s)
            for mates in _combinations(others, s - 1):
                group = [first, *mates]
                rep, ans = self.cost.group(group)
                rest = [p for p in others if p not in mates]
                self._search(rest, left, [*groups, group], (so_far[0] + rep, so_far[1] + ans))


def _combinations(items: list, k: int):
    if k == 0:
        yield []
        return
    for i, item in enumerate(items):
        for tail in _combinations(items[i + 1 :], k - 1):
            yield [item, *tail]
