"""Icebreaker matching: split the people present into pairs or trios.

Pure functions over plain data (ids, a set of frozenset pairs, a random.Random), so the
web layer can call them and tests can hammer them without Flask or a database.

How a round is built:
1. shuffle the room, then greedily fill each group with people nobody in it has met;
2. min-conflicts local search: swap members between groups to remove repeated pairs;
3. rooms of up to SMALL_ROOM people, if repeats remain: an exact backtracking search (with
   a node budget) looks for a repeat-free grouping, because the local search can stall on
   the tight graphs of small rooms in later rounds, while big rooms have slack to spare.
   Rooms of up to TINY_ROOM people go on to look for the fewest repeats possible.

Determinism: every random choice goes through `rng` and nothing iterates a set or dict in
hash order, so a fixed seed always gives the same grouping. Ids must therefore be sortable
(ints or strings), and their order in `people` does not matter.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Hashable, Iterable, Iterator, Sequence

PAIRS = 2
TRIOS = 3

# Swap candidates examined per local-search step in big rooms: enough that a fresh partner
# is almost always among them, few enough that a step stays cheap.
SAMPLE_SIZE = 48
# Rooms up to this size check every swap candidate and may fall back to the exact search.
SMALL_ROOM = 64
# Rooms up to this size let the exact search also shed repeats when none-at-all is impossible.
TINY_ROOM = 10
# Bounds the exact search so a room with no repeat-free grouping gives up quickly.
EXACT_NODE_BUDGET = 3000
# Chance of a random swap, which lets the local search walk out of local minima.
NOISE = 0.1

Person = Hashable
Pair = frozenset


def match(
    people: Iterable[Person], met_pairs: Collection[Pair], size: int, rng: random.Random
) -> list[list[Person]]:
    """Group everyone present into groups of 2-3, avoiding pairs who already met.

    `size` is PAIRS (2) or TRIOS (3); odd counts get a trio (pairs mode) or pairs (trios
    mode) as `group_sizes` describes. Fewer than two people give no groups.
    """
    order = sorted(set(people))
    sizes = group_sizes(len(order), size)
    if not sizes:
        return []
    rng.shuffle(order)
    met = _met_graph(order, met_pairs)
    groups, cost = _LocalSearch(_greedy(order, sizes, met), met, rng).run(_step_budget(order))
    if cost and len(order) <= SMALL_ROOM:
        groups = _exact_improve(order, sizes, met, rng, groups, cost)
    rng.shuffle(groups)  # otherwise trios would always get the lowest sign numbers
    return groups


def group_sizes(n: int, size: int) -> list[int]:
    """Sizes of the groups for `n` people: largest groups first, never 1 or 4."""
    if size not in (PAIRS, TRIOS):
        raise ValueError(f"group size must be 2 or 3, not {size!r}")
    if n < 2:
        return []
    if size == PAIRS:
        return [2] * (n // 2 - 1) + [3] if n % 2 else [2] * (n // 2)
    pairs = {0: 0, 1: 2, 2: 1}[n % 3]
    return [3] * ((n - 2 * pairs) // 3) + [2] * pairs


def pairs_of(groups: Iterable[Sequence[Person]]) -> set[Pair]:
    """Every pair of people who share a group."""
    return {
        frozenset((a, b)) for group in groups for i, a in enumerate(group) for b in group[i + 1 :]
    }


def repeated_pairs(groups: Iterable[Sequence[Person]], met_pairs: Collection[Pair]) -> int:
    """How many pairs in `groups` have already met."""
    return sum(1 for pair in pairs_of(groups) if pair in met_pairs)


def _met_graph(people: Sequence[Person], met_pairs: Collection[Pair]) -> dict[Person, set]:
    # Only meetings among people present matter; the rest of the history is noise here.
    met: dict[Person, set] = {p: set() for p in people}
    for pair in met_pairs:
        if len(pair) == 2:
            a, b = pair
            if a in met and b in met:
                met[a].add(b)
                met[b].add(a)
    return met


def _step_budget(people: Sequence[Person]) -> int:
    # Big rooms converge in a handful of steps; the cap bounds rooms that cannot.
    return min(200 + 20 * len(people), 4000)


def _greedy(order: list[Person], sizes: list[int], met: dict) -> list[list[Person]]:
    # Largest groups first, while the pool is big enough to find strangers for them.
    pool = list(order)
    groups = []
    for size in sizes:
        group = [pool.pop(0)]
        while len(group) < size:
            group.append(pool.pop(_first_stranger(pool, group, met)))
        groups.append(group)
    return groups


def _first_stranger(pool: list[Person], group: list[Person], met: dict) -> int:
    for i, candidate in enumerate(pool):
        if not any(candidate in met[m] for m in group):
            return i
    return 0  # nobody fresh is left: take anyone and let the local search sort it out


def _clashes(person: Person, others: Iterable[Person], met: dict) -> int:
    known = met[person]
    return sum(1 for other in others if other != person and other in known)


def _group_repeats(group: list[Person], met: dict) -> int:
    return sum(_clashes(p, group, met) for p in group) // 2


class _LocalSearch:
    """Min-conflicts search over swaps of two people in different groups."""

    def __init__(self, groups: list[list[Person]], met: dict, rng: random.Random):
        self.groups, self.met, self.rng = groups, met, rng
        self.people = [p for group in groups for p in group]
        self.where = {p: gi for gi, group in enumerate(groups) for p in group}
        costs = [_group_repeats(group, met) for group in groups]
        self.bad = {gi for gi, c in enumerate(costs) if c}
        self.cost = sum(costs)

    def run(self, steps: int) -> tuple[list[list[Person]], int]:
        best, best_cost = [list(g) for g in self.groups], self.cost
        for _ in range(steps if len(self.groups) > 1 else 0):
            if not self.cost:
                return self.groups, 0
            self._step()
            if self.cost < best_cost:
                best, best_cost = [list(g) for g in self.groups], self.cost
        return best, best_cost

    def _step(self) -> None:
        group = self.groups[self.rng.choice(sorted(self.bad))]
        x = self.rng.choice([p for p in group if _clashes(p, group, self.met)])
        candidates = [y for y in self._candidates() if self.where[y] != self.where[x]]
        if not candidates:
            return
        if self.rng.random() < NOISE:
            self._swap(x, self.rng.choice(candidates))
            return
        deltas = [self._delta(x, y) for y in candidates]
        least = min(deltas)
        if least <= 0:  # sideways moves too: they let the search cross plateaus
            best = [y for y, d in zip(candidates, deltas, strict=True) if d == least]
            self._swap(x, self.rng.choice(best))

    def _candidates(self) -> list[Person]:
        if len(self.people) <= SMALL_ROOM:
            return self.people
        return self.rng.sample(self.people, SAMPLE_SIZE)

    def _delta(self, x: Person, y: Person) -> int:
        # Only pairs involving x or y change when they trade places.
        met_x, met_y = self.met[x], self.met[y]
        delta = 0
        for m in self.groups[self.where[x]]:
            if m != x:
                delta += (m in met_y) - (m in met_x)
        for m in self.groups[self.where[y]]:
            if m != y:
                delta += (m in met_x) - (m in met_y)
        return delta

    def _swap(self, x: Person, y: Person) -> None:
        self.cost += self._delta(x, y)
        gi, hi = self.where[x], self.where[y]
        gx, gy = self.groups[gi], self.groups[hi]
        gx[gx.index(x)], gy[gy.index(y)] = y, x
        self.where[x], self.where[y] = hi, gi
        for index, group in ((gi, gx), (hi, gy)):
            if _group_repeats(group, self.met):
                self.bad.add(index)
            else:
                self.bad.discard(index)


class _OutOfBudget(Exception):
    pass


def _exact_improve(
    order: list[Person], sizes: list[int], met: dict, rng: random.Random, groups: list, cost: int
) -> list[list[Person]]:
    """Search exactly for a grouping with fewer repeats than `groups`, within a budget.

    Tiny rooms can afford to hunt for every repeat they can shed; bigger rooms look only for
    a repeat-free grouping, since the search widens fast once repeats are allowed.
    """
    target = cost - 1 if len(order) <= TINY_ROOM else 0
    while target >= 0:
        found = _exact(order, sizes, met, rng, target)
        if found is None:
            break
        groups = found
        target = sum(_group_repeats(group, met) for group in groups) - 1
    return groups


def _exact(
    order: list[Person], sizes: list[int], met: dict, rng: random.Random, allowed: int
) -> list[list[Person]] | None:
    """A grouping with at most `allowed` repeats, or None if none found within the budget."""
    index = {p: i for i, p in enumerate(order)}
    everyone = (1 << len(order)) - 1
    fresh = []  # fresh[i]: bitmask of the people person i has not met yet
    for i, p in enumerate(order):
        fresh.append(everyone & ~(1 << i) & ~sum(1 << index[q] for q in met[p]))
    search = _Backtrack(fresh, rng)
    try:
        found = search.solve(everyone, sizes.count(TRIOS), sizes.count(PAIRS), allowed)
    except _OutOfBudget:
        return None
    return [[order[i] for i in group] for group in found] if found is not None else None


class _Backtrack:
    """Depth-first search that always places the person with the fewest strangers left."""

    def __init__(self, fresh: list[int], rng: random.Random):
        self.fresh, self.rng, self.nodes = fresh, rng, 0

    def solve(self, free: int, trios: int, pairs: int, allowed: int) -> list[tuple] | None:
        if not free:
            return []
        self.nodes += 1
        if self.nodes > EXACT_NODE_BUDGET:
            raise _OutOfBudget
        person = min(_bits(free), key=lambda i: (self.fresh[i] & free).bit_count())
        for group in self._groups_with(person, free, trios, pairs, allowed):
            rest = free & ~sum(1 << i for i in group)
            left = allowed - self._repeats(group)
            found = self.solve(rest, trios - (len(group) == 3), pairs - (len(group) == 2), left)
            if found is not None:
                return [group, *found]
        return None

    def _groups_with(self, person: int, free: int, trios: int, pairs: int, allowed: int):
        # Fewest repeats first, so the search reaches good groupings early.
        pool = free & ~(1 << person)
        others = list(_bits(pool if allowed else pool & self.fresh[person]))
        self.rng.shuffle(others)
        for repeats in range(min(allowed, 3) + 1):
            if pairs:
                yield from (g for j in others if self._repeats(g := (person, j)) == repeats)
            if trios:
                for a, j in enumerate(others):
                    for k in others[a + 1 :]:
                        if self._repeats(group := (person, j, k)) == repeats:
                            yield group

    def _repeats(self, group: tuple[int, ...]) -> int:
        return sum(
            1 for a, i in enumerate(group) for j in group[a + 1 :] if not self.fresh[i] >> j & 1
        )


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low
