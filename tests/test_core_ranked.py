"""Ranked-choice counting: Schulze (the default, a Condorcet method) and instant-runoff."""

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from socialapp.core import ranked
from socialapp.core.counting import TIE_RULE, count

LETTERS = "ABCDE"


def question(n, method="schulze"):
    return {"type": "ranked", "options": list(LETTERS[:n]), "method": method}


def ballots(profile):
    """[(how many, "ACB"), ...] -> ballots."""
    return [{"answer": list(order)} for times, order in profile for _ in range(times)]


# Wikipedia's Schulze example (45 voters, 5 options): no Condorcet winner, E wins.
WIKIPEDIA = [
    (5, "ACBED"),
    (5, "ADECB"),
    (8, "BEDAC"),
    (3, "CABED"),
    (7, "CAEBD"),
    (2, "CBADE"),
    (7, "DCEBA"),
    (8, "EBADC"),
]
# The Tennessee capital example: Nashville beats everyone head to head, IRV picks Knoxville.
TENNESSEE = [(42, "MNCK"), (26, "NCKM"), (15, "CKNM"), (17, "KCNM")]


def test_schulze_on_the_wikipedia_example():
    result = count(question(5), ballots(WIKIPEDIA))
    assert result["pairwise"] == [
        [0, 20, 26, 30, 22],
        [25, 0, 16, 33, 18],
        [19, 29, 0, 17, 24],
        [15, 12, 28, 0, 14],
        [23, 27, 21, 31, 0],
    ]
    assert result["strongest"] == [
        [0, 28, 28, 30, 24],
        [25, 0, 28, 33, 24],
        [25, 29, 0, 29, 24],
        [25, 28, 28, 0, 24],
        [25, 28, 28, 31, 0],
    ]
    assert result["ranking"] == [["E"], ["A"], ["C"], ["B"], ["D"]]
    assert result["winners"] == ["E"] and result["condorcet_winner"] is None
    assert result["method_label"] == "Schulze method"
    assert result["summary"] == [
        "Schulze method: no option beats every other head to head; E wins on the strongest "
        "chains of head-to-head wins."
    ]


def test_tennessee_schulze_and_instant_runoff_disagree_and_say_so():
    options = [
        {"id": "M", "label": "Memphis"},
        {"id": "N", "label": "Nashville"},
        {"id": "C", "label": "Chattanooga"},
        {"id": "K", "label": "Knoxville"},
    ]
    schulze = count({"type": "ranked", "options": options}, ballots(TENNESSEE))
    assert schulze["winners"] == ["N"] and schulze["condorcet_winner"] == "N"
    assert schulze["summary"] == [
        "Schulze method: Nashville beats every other option head to head."
    ]
    assert schulze["ranking"] == [["N"], ["C"], ["K"], ["M"]]
    assert [o["count"] for o in schulze["options"]] == [42, 26, 15, 17]  # first choices

    irv = count({"type": "ranked", "options": options, "method": "irv"}, ballots(TENNESSEE))
    assert irv["winners"] == ["K"] and irv["method_label"] == "Instant-runoff"
    assert [(r["eliminated"], r["elected"]) for r in irv["rounds"]] == [
        (["C"], None),
        (["N"], None),
        ([], "K"),
    ]
    assert irv["rounds"][2]["counts"] == [{"id": "M", "count": 42}, {"id": "K", "count": 58}]
    assert irv["summary"] == [
        "Instant-runoff: Knoxville wins in round 3 with 58 of 100 votes still in the count.",
        "Note: Nashville beats every other option head to head but did not win the runoff.",
    ]
    assert irv["ranking"] == [["K"], ["M"], ["N"], ["C"]]


def test_partial_rankings_prefer_ranked_options_to_the_rest():
    result = count(question(4), ballots([(3, "A"), (2, "BC")]))
    d = result["pairwise"]
    assert d[0][1] == 3 and d[1][0] == 2  # A over B on the three "A" ballots only
    assert d[1][2] == 2 and d[2][1] == 0
    assert d[2][3] == 2 and d[3][2] == 0  # C ranked, D left out
    assert d[1][3] == 2 and d[0][3] == 3  # nobody says anything between unranked options
    assert result["winners"] == ["A"]


def test_a_perfect_tie_is_reported():
    result = count(question(2), ballots([(2, "AB"), (2, "BA")]))
    assert result["winners"] == ["A", "B"] and result["tie"]
    assert result["ranking"] == [["A", "B"]]
    assert result["summary"] == [
        "Schulze method: tie between A and B: neither beats the other, even through chains "
        "of head-to-head wins.",
        TIE_RULE,
    ]


def test_a_cycle_with_equal_strengths_is_a_three_way_tie():
    result = count(question(3), ballots([(1, "ABC"), (1, "BCA"), (1, "CAB")]))
    assert result["winners"] == ["A", "B", "C"] and result["tie"]


def test_instant_runoff_tie_for_last_that_matters_is_a_tie():
    # A and B tie for fewest; if A goes, its votes elect B; if B goes, they elect A... C holds 4.
    profile = [(3, "AB"), (3, "BA"), (4, "C")]
    result = count(question(3, "irv"), ballots(profile))
    assert result["tied_for_last"] == ["A", "B"]
    assert result["winners"] == ["A", "B"] and result["tie"]
    assert result["summary"][0] == (
        "Instant-runoff: tie between A and B: the winner depends on which of A and B, tied "
        "for fewest votes in round 1, goes out first."
    )
    assert len(result["rounds"]) == 1 and result["rounds"][0]["eliminated"] == []


def test_instant_runoff_tie_for_last_that_does_not_matter_names_the_winner():
    # A and B tie for fewest; whichever goes, its votes go to C, which then has a majority.
    profile = [(3, "AC"), (3, "BC"), (4, "C")]
    result = count(question(3, "irv"), ballots(profile))
    assert result["winners"] == ["C"] and not result["tie"]
    assert result["summary"][0] == (
        "Instant-runoff: A and B tie for fewest votes in round 1; whichever goes out first, C wins."
    )


def test_instant_runoff_tie_for_last_is_broken_by_first_choices_and_says_so():
    # Round 2: B and C both have 3 votes; B had more first choices, so C goes.
    profile = [(6, "A"), (3, "B"), (2, "C"), (1, "DC")]
    result = count(question(4, "irv"), ballots(profile))
    assert [r["eliminated"] for r in result["rounds"]] == [["D"], ["C"], []]
    assert result["rounds"][1]["tie_break"] == ["B", "C"]
    assert result["winners"] == ["A"] and result["tied_for_last"] == []
    assert result["summary"][-1] == (
        "Ties for fewest votes (round 2) were broken by first choices, then head to head: "
        "the weaker option went out first."
    )


def test_instant_runoff_tie_for_last_is_broken_head_to_head_next():
    # B and C tie on votes and first choices; B beats C head to head (9 to 3), so C goes.
    profile = [(6, "ABC"), (3, "BC"), (3, "CB")]
    result = count(question(3, "irv"), ballots(profile))
    assert result["rounds"][0]["eliminated"] == ["C"]
    assert result["rounds"][0]["tie_break"] == ["B", "C"]
    # Then A and B have 6 each: everyone left is tied, a tie for the win, not broken.
    assert result["winners"] == ["A", "B"] and result["tie"]
    assert result["tied_for_last"] == ["A", "B"]
    assert result["summary"][:2] == [
        "Instant-runoff: tie between A and B (6 votes each in round 2).",
        TIE_RULE,
    ]


def test_instant_runoff_three_tied_for_the_win_share_it_by_branch():
    # A, B and C have 2 votes each. A out first elects B, B out first elects C, C out first
    # elects B: B and C tie, and A, who wins on no branch, is not in the tie.
    profile = [(2, "AB"), (2, "BC"), (2, "CB")]
    result = count(question(3, "irv"), ballots(profile))
    assert result["winners"] == ["B", "C"] and result["tie"]
    assert result["summary"][0] == (
        "Instant-runoff: tie between B and C: the winner depends on which of A, B and C, "
        "tied for fewest votes in round 1, goes out first."
    )


def test_instant_runoff_drops_hopeless_options_together():
    # D and E have one vote each: together still fewer than C's three, so both go at once.
    profile = [(5, "A"), (4, "B"), (3, "CB"), (1, "D"), (1, "EB")]
    result = count(question(5, "irv"), ballots(profile))
    assert [r["eliminated"] for r in result["rounds"]] == [["D", "E"], ["C"], []]
    assert result["tied_for_last"] == [] and result["winners"] == ["B"]
    assert result["rounds"][-1]["counts"] == [{"id": "A", "count": 5}, {"id": "B", "count": 8}]
    assert result["rounds"][-1]["exhausted"] == 1  # the D-only ballot


# --- properties -----------------------------------------------------------------------------


@st.composite
def profiles(draw, complete=False):
    n = draw(st.integers(2, 5))
    orders = st.permutations(LETTERS[:n])
    if not complete:
        orders = orders.flatmap(lambda p: st.integers(1, len(p)).map(lambda k: p[:k]))
    rankings = draw(st.lists(orders.map("".join), min_size=1, max_size=25))
    return n, [(1, r) for r in rankings]


def beats_head_to_head(d, i, j):
    return d[i][j] > d[j][i]


def brute_force_strongest(d):
    """Strongest path by trying every simple path (independent of Floyd-Warshall)."""
    n, p = len(d), [[0] * len(d) for _ in d]
    for i, j in itertools.permutations(range(n), 2):
        middle = [k for k in range(n) if k not in (i, j)]
        for size in range(len(middle) + 1):
            for via in itertools.permutations(middle, size):
                path = [i, *via, j]
                links = [d[a][b] if d[a][b] > d[b][a] else 0 for a, b in itertools.pairwise(path)]
                p[i][j] = max(p[i][j], min(links))
    return p


@settings(max_examples=200, deadline=None)
@given(profile=profiles())
def test_a_condorcet_winner_always_wins_under_schulze(profile):
    n, prof = profile
    result = count(question(n), ballots(prof))
    d = result["pairwise"]
    winner = [i for i in range(n) if all(beats_head_to_head(d, i, j) for j in range(n) if j != i)]
    if winner:
        assert result["winners"] == [LETTERS[winner[0]]] and not result["tie"]
        assert result["condorcet_winner"] == LETTERS[winner[0]]
        assert "beats every other option head to head" in result["summary"][0]
    else:
        assert result["condorcet_winner"] is None


@settings(max_examples=150, deadline=None)
@given(profile=profiles())
def test_a_condorcet_loser_never_wins_schulze(profile):
    n, prof = profile
    result = count(question(n), ballots(prof))
    d = result["pairwise"]
    for i in range(n):
        if all(beats_head_to_head(d, j, i) for j in range(n) if j != i):
            assert LETTERS[i] not in result["winners"]


@settings(max_examples=100, deadline=None)
@given(profile=profiles(complete=True))
def test_schulze_respects_unanimity(profile):
    n, prof = profile
    result = count(question(n), ballots(prof))
    for a, b in itertools.permutations(LETTERS[:n], 2):
        if all(order.index(a) < order.index(b) for _, order in prof):
            assert b not in result["winners"]


@settings(max_examples=100, deadline=None)
@given(profile=profiles())
def test_strongest_paths_match_a_brute_force_search(profile):
    n, prof = profile
    result = count(question(n), ballots(prof))
    p = brute_force_strongest(result["pairwise"])
    assert result["strongest"] == p
    unbeaten = [LETTERS[i] for i in range(n) if all(p[i][j] >= p[j][i] for j in range(n))]
    assert result["winners"] == unbeaten
    assert result["tie"] == (len(unbeaten) > 1)
    assert sorted(x for tier in result["ranking"] for x in tier) == sorted(LETTERS[:n])


@settings(max_examples=100, deadline=None)
@given(profile=profiles(), method=st.sampled_from(["schulze", "irv"]), seed=st.integers())
def test_permuting_ballots_changes_nothing(profile, method, seed):
    n, prof = profile
    raw = ballots(prof)
    shuffled = random.Random(seed).sample(raw, len(raw))
    assert count(question(n, method), raw) == count(question(n, method), shuffled)


@settings(max_examples=100, deadline=None)
@given(profile=profiles(), seed=st.integers())
def test_renaming_options_renames_the_result(profile, seed):
    # Neutrality: no option is favoured by its place in the list (ties are never broken by it).
    n, prof = profile
    letters = LETTERS[:n]
    shuffled = "".join(random.Random(seed).sample(letters, n))
    rename = dict(zip(letters, shuffled, strict=True))
    renamed = [(t, "".join(rename[c] for c in order)) for t, order in prof]
    for method in ("schulze", "irv"):
        before = count(question(n, method), ballots(prof))
        after = count(question(n, method), ballots(renamed))
        assert sorted(after["winners"]) == sorted(rename[w] for w in before["winners"])


@settings(max_examples=200, deadline=None)
@given(profile=profiles())
def test_instant_runoff_rounds_add_up(profile):
    n, prof = profile
    result = count(question(n, "irv"), ballots(prof))
    gone = set()
    for r in result["rounds"]:
        in_count = {c["id"] for c in r["counts"]}
        assert not in_count & gone  # an eliminated option never comes back
        assert sum(c["count"] for c in r["counts"]) + r["exhausted"] == len(prof)
        gone |= set(r["eliminated"])
    first = {c["id"]: c["count"] for c in result["rounds"][0]["counts"]}
    majority = [o for o, votes in first.items() if 2 * votes > len(prof)]
    if majority:
        assert result["winners"] == majority
    assert result["winners"] and result["tie"] == (len(result["winners"]) > 1)


def test_many_tied_branches_stay_bounded():
    # Every option once in first place and nothing else: a tie for last at every step, 2**16
    # ways to go. The exploration stops at MAX_BRANCHES and calls the tie it cannot settle.
    options = [f"o{i}" for i in range(16)]
    raw = [{"answer": [o]} for o in options]
    result = count({"type": "ranked", "options": options, "method": "irv"}, raw)
    assert result["winners"] == options and result["tie"]
    assert ranked.MAX_BRANCHES < 2**16
