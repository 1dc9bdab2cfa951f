"""Ranked-choice counting: the pairwise table, Schulze, and instant-runoff.

Everything works on option indexes 0..n-1 and on rankings as tuples of indexes, most
preferred first. A ranking may leave options out: it prefers every option it ranks to every
option it leaves out and says nothing between the left-out ones. Identical rankings are
counted together (a Counter of rankings), which is also why ballot order cannot matter.

Ties are never broken here: Schulze reports every unbeaten option as a winner, and
instant-runoff explores each way a tie for elimination could go (see `instant_runoff`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

Ranking = tuple[int, ...]
# Instant-runoff tie branches explored before giving up and calling a tie among all the
# options still in the count: bounds the work (each branch is a tally of every ballot) a
# pathological profile can cause.
MAX_BRANCHES = 500


def pairwise(n: int, rankings: Mapping[Ranking, int]) -> list[list[int]]:
    """d[i][j]: how many ballots rank option i above option j."""
    above = [[0] * n for _ in range(n)]  # both ranked, i higher
    ranked = [0] * n  # ballots that rank i at all
    for ranking, weight in rankings.items():
        for a, i in enumerate(ranking):
            ranked[i] += weight
            row = above[i]
            for j in ranking[a + 1 :]:
                row[j] += weight
    # A ballot that ranks i puts it above j unless it ranks j higher still, so the options a
    # ballot leaves out never need a visit: d[i][j] = ranked[i] - above[j][i].
    return [[ranked[i] - above[j][i] if i != j else 0 for j in range(n)] for i in range(n)]


def condorcet_winner(d: list[list[int]]) -> int | None:
    """The option that beats every other option head to head, if there is one."""
    n = len(d)
    for i in range(n):
        if all(d[i][j] > d[j][i] for j in range(n) if j != i):
            return i
    return None


def schulze(d: list[list[int]]) -> dict:
    """Strongest paths (winning votes), winners and the full ranking in tiers.

    p[i][j] is the strength of the strongest chain of head-to-head wins from i to j, a
    chain being as strong as its weakest link; i beats j when p[i][j] > p[j][i]. That
    relation is transitive (Schulze 2011), so the ranking peels off the unbeaten options
    tier by tier. Options in one tier share a place: neither beats the other.
    """
    n = len(d)
    p = [[d[i][j] if i != j and d[i][j] > d[j][i] else 0 for j in range(n)] for i in range(n)]
    for k in range(n):
        pk = p[k]
        for i in range(n):
            pik = p[i][k]
            if i == k or not pik:
                continue
            pi = p[i]
            for j in range(n):
                if j != i and j != k and (via := min(pik, pk[j])) > pi[j]:
                    pi[j] = via
    ranking = _tiers(n, lambda i, j: p[i][j] > p[j][i])
    return {"strongest": p, "ranking": ranking, "winners": ranking[0] if ranking else []}


def _tiers(n: int, beats) -> list[list[int]]:
    left, tiers = list(range(n)), []
    while left:
        top = [i for i in left if not any(beats(j, i) for j in left if j != i)]
        tiers.append(top)
        left = [i for i in left if i not in top]
    return tiers


def instant_runoff(
    n: int, rankings: Mapping[Ranking, int], d: list[list[int]] | None = None
) -> dict:
    """Rounds, winners and a ranking by instant-runoff.

    Each round counts every ballot for its highest-ranked option still in the count; an
    option with more than half of the ballots not yet exhausted wins. Otherwise the option
    with the fewest votes goes out. The tie rule, when several tie for fewest:
    1. if their votes together are fewer than the next option's, none of them could
       overtake it: they go out together (no tie to break);
    2. otherwise, unless every option left is in the tie (a tie for the win, see 3), the
       one with the fewest first choices goes out; if that ties too, the one
       that each of the others beats head to head (`d`, the pairwise table). The round
       says so in `tie_break`. Both are rules of counts, blind to names and ballot order,
       and neither depends on the rounds before, so every branch below is well defined;
    3. if that still ties, the count is run once for each of them going out first, and
       the winners of every branch win together (a tie when they differ). `rounds` shows
       the count up to that point; `tied_for_last` names the options whose tie was explored.
    """
    runoff = _Runoff(n, rankings, d if d is not None else pairwise(n, rankings))
    rounds, winners, ranking, tied = runoff.play(tuple(range(n)))
    return {"rounds": rounds, "winners": winners, "ranking": ranking, "tied_for_last": tied}


class _Runoff:
    def __init__(self, n: int, rankings: Mapping[Ranking, int], d: list[list[int]]):
        self.rankings, self.d = rankings, d
        self.branches: dict[frozenset, frozenset] = {}
        # The tie-break depends on first choices only, never on the path taken, so a branch
        # is known by the options still in the count and can be remembered that way.
        self.firsts, _ = self.tally(tuple(range(n)))

    def tally(self, continuing: tuple[int, ...]) -> tuple[Counter, int]:
        still = set(continuing)
        votes = dict.fromkeys(continuing, 0)
        exhausted = 0
        for ranking, weight in self.rankings.items():
            for i in ranking:
                if i in still:
                    votes[i] += weight
                    break
            else:
                exhausted += weight
        return Counter(votes), exhausted

    def play(self, continuing: tuple[int, ...]):
        """The displayed line of rounds, then the winners (exploring ties if needed)."""
        rounds, out = [], []  # out: tiers of options, in the order they went out
        while continuing:
            votes, exhausted = self.tally(continuing)
            step = self.step(continuing, votes)
            rounds.append(
                {
                    "counts": [(i, votes[i]) for i in continuing],
                    "exhausted": exhausted,
                    "elected": step.get("elected"),
                    "eliminated": step.get("eliminated", []),
                    "tie_break": step.get("tie_break", []),
                }
            )
            if "eliminated" not in step:
                winners = sorted(self.winners(continuing))
                rest = [i for i in continuing if i not in winners]
                ranking = [winners, *_by_votes(rest, votes), *out[::-1]]
                return rounds, winners, ranking, step.get("tied", [])
            out.append(step["eliminated"])
            continuing = _without(continuing, step["eliminated"])
        return rounds, [], [], []  # no options: nothing to rank

    def step(self, continuing: tuple[int, ...], votes: Counter) -> dict:
        active = sum(votes.values())
        leader = max(continuing, key=lambda i: votes[i])
        if len(continuing) == 1 or votes[leader] * 2 > active:
            return {"elected": leader}
        fewest = min(votes[i] for i in continuing)
        last = [i for i in continuing if votes[i] == fewest]
        others = [votes[i] for i in continuing if votes[i] > fewest]
        if len(last) == 1 or (others and fewest * len(last) < min(others)):
            return {"eliminated": last}
        if not others:  # everyone left is tied: a tie for the win, not one to break
            return {"tied": last}
        least = min(self.firsts[i] for i in last)
        going = [i for i in last if self.firsts[i] == least]
        if len(going) > 1:  # still tied: the one the others all beat head to head, if any
            d = self.d
            going = [i for i in going if all(d[j][i] > d[i][j] for j in going if j != i)] or going
        if len(going) == 1:
            return {"eliminated": going, "tie_break": last}
        return {"tied": going}

    def winners(self, continuing: tuple[int, ...]) -> frozenset:
        """Everyone who wins on some branch of the ties for last place."""
        key = frozenset(continuing)
        if key in self.branches:
            return self.branches[key]
        if len(self.branches) >= MAX_BRANCHES:
            return key  # too many ways to go: every option still in shares the tie
        votes, _ = self.tally(continuing)
        step = self.step(continuing, votes)
        if "elected" in step:
            found = frozenset([step["elected"]])
        elif "eliminated" in step:
            found = self.winners(_without(continuing, step["eliminated"]))
        else:
            found = frozenset().union(
                *(self.winners(_without(continuing, [loser])) for loser in step["tied"])
            )
        self.branches[key] = found
        return found


def _without(continuing: tuple[int, ...], leaving) -> tuple[int, ...]:
    return tuple(i for i in continuing if i not in leaving)


def _by_votes(options: list[int], votes: Counter) -> list[list[int]]:
    """Options still in the count when it ended, in tiers of equal votes, most first."""
    levels = sorted({votes[i] for i in options}, reverse=True)
    return [[i for i in options if votes[i] == level] for level in levels]
