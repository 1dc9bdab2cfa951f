"""Oxford-style debate counting: paired ballots, swings, the winner and the dead heat."""

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialapp.core.debate import SIDES, MarginError, count_debate


def room(before, after):
    """Votes as strings, one letter per phone: f(or), a(gainst), u(ndecided), - (no vote)."""
    side = {"f": "for", "a": "against", "u": "undecided"}
    votes_before = {i: side[c] for i, c in enumerate(before) if c != "-"}
    votes_after = {i: side[c] for i, c in enumerate(after) if c != "-"}
    return votes_before, votes_after


def test_the_side_that_gains_most_wins():
    # 10 paired phones: for 3 -> 5 (+20 points), against 5 -> 4 (-10), undecided 2 -> 1.
    result = count_debate(*room("fffaaaaauu", "fffffaaaau"))
    assert result["paired"] == 10
    assert result["before"]["for"] == {"count": 3, "share": 30.0}
    assert result["after"]["for"] == {"count": 5, "share": 50.0}
    assert result["swing"] == {"for": 20.0, "against": -10.0, "undecided": -10.0}
    assert result["winner"] == "for" and not result["dead_heat"]
    assert result["moves"] == [
        {"from": "against", "to": "for", "count": 2},
        {"from": "undecided", "to": "against", "count": 1},
    ]
    assert result["summary"] == [
        "For wins the debate: For +20 points, Against -10 points.",
        "Counted: 10 phones that voted before and after.",
    ]


def test_the_winner_can_be_the_side_that_lost_least():
    # Both sides shrink as people become undecided: against loses less.
    result = count_debate(*room("ffffaaaauu", "ffuuaaauuu"))
    assert result["swing"]["for"] == -20.0 and result["swing"]["against"] == -10.0
    assert result["winner"] == "against"


def test_only_paired_ballots_count_and_the_rest_are_reported():
    before, after = room("ffaa--u", "ffff--")
    before[90] = "for"  # voted only before
    after[91] = "against"  # voted only after
    after[92] = "against"
    result = count_debate(before, after)
    assert result["paired"] == 4
    assert result["unpaired"] == {"before_only": 2, "after_only": 2, "total": 4}  # u at 6, 90
    assert result["before"]["against"]["count"] == 2 and result["after"]["against"]["count"] == 0
    assert result["summary"][-1] == "Left out: 4 ballots from phones that voted once."


def test_invalid_ballots_are_left_out_and_unpair_their_phone():
    before, after = room("fa", "ff")
    before[5], after[5] = "maybe", "for"
    result = count_debate(before, after)
    assert result["paired"] == 2 and result["invalid"] == 1
    assert result["unpaired"]["after_only"] == 1


def test_nothing_to_count():
    result = count_debate({1: "for"}, {2: "for"})
    assert result["paired"] == 0 and result["winner"] is None and not result["dead_heat"]
    assert result["summary"][0] == "No phone voted both times: there is nothing to count yet."
    assert count_debate({}, {})["unpaired"]["total"] == 0


# --- the dead-heat boundary -----------------------------------------------------------------
# 20 paired phones: every phone is 5 points of share. 40 phones: 2.5 points.


def test_gains_differing_by_exactly_the_margin_is_a_win():
    # for +10 (2 phones), against +5 (1 phone): 5 points apart, margin 5.
    result = count_debate(*room("ffff" + "aaaa" + "u" * 12, "ffffff" + "aaaaa" + "u" * 9))
    assert result["swing"]["for"] == 10.0 and result["swing"]["against"] == 5.0
    assert result["winner"] == "for" and not result["dead_heat"]


def test_gains_differing_by_less_than_the_margin_is_a_dead_heat():
    # 40 phones: for +5 (2 phones), against +2.5 (1 phone): 2.5 points apart.
    result = count_debate(*room("f" * 8 + "a" * 8 + "u" * 24, "f" * 10 + "a" * 9 + "u" * 21))
    assert result["dead_heat"] and result["winner"] is None
    assert result["summary"][0] == (
        "Dead heat: the gains differ by less than 5 points (For +5 points, Against +2.5 points)."
    )
    assert (
        count_debate(*room("f" * 8 + "a" * 8 + "u" * 24, "f" * 10 + "a" * 9 + "u" * 21), 2.5)[
            "winner"
        ]
        == "for"
    )


def test_equal_gains_are_a_dead_heat_even_with_no_margin():
    result = count_debate(*room("uu", "fa"), margin=0)
    assert result["swing"]["for"] == result["swing"]["against"]
    assert result["dead_heat"] and result["summary"][0].startswith("Dead heat: both sides moved")


def test_thirds_are_compared_exactly():
    # 3 phones: for +33.33..., against -33.33...: 66.66... apart; margin 66.7 is just above.
    votes = room("auu", "fuu")
    assert count_debate(*votes, margin=66.6)["winner"] == "for"
    assert count_debate(*votes, margin=66.7)["dead_heat"]


@pytest.mark.parametrize("margin", [-1, 101, "5", None, True, float("nan")])
def test_a_bad_margin_is_refused(margin):
    with pytest.raises(MarginError):
        count_debate({}, {}, margin)


# --- properties -----------------------------------------------------------------------------

sides = st.sampled_from(SIDES)
votes = st.dictionaries(st.integers(0, 60), sides, max_size=40)


def expected_verdict(before, after, margin):
    paired = before.keys() & after.keys()
    n = len(paired)
    if not n:
        return None, False

    def gain(side):
        return Fraction(100 * sum(after[v] == side for v in paired), n) - Fraction(
            100 * sum(before[v] == side for v in paired), n
        )

    gap = gain("for") - gain("against")
    if gap == 0 or abs(gap) < Fraction(str(margin)):
        return None, True
    return ("for" if gap > 0 else "against"), False


@settings(max_examples=150, deadline=None)
@given(
    before=votes,
    after=votes,
    margin=st.sampled_from([0, 2.5, 5, 10]),
)
def test_verdict_follows_the_rule(before, after, margin):
    result = count_debate(before, after, margin)
    assert (result["winner"], result["dead_heat"]) == expected_verdict(before, after, margin)
    total = len(before) + len(after)
    assert 2 * result["paired"] + result["unpaired"]["total"] + result["invalid"] == total
    if result["paired"]:
        assert abs(sum(result["swing"].values())) < 0.2  # shares move between the sides
        assert sum(m["count"] for m in result["moves"]) <= result["paired"]


@settings(max_examples=100, deadline=None)
@given(
    before=votes,
    after=votes,
    extra_before=st.dictionaries(st.integers(100, 200), sides, max_size=20),
    extra_after=st.dictionaries(st.integers(300, 400), sides, max_size=20),
    junk=st.dictionaries(st.integers(500, 600), st.sampled_from(["yes", "", None, 1]), max_size=5),
)
def test_unpaired_and_invalid_ballots_change_nothing_but_their_counts(
    before, after, extra_before, extra_after, junk
):
    plain = count_debate(before, after)
    padded = count_debate({**before, **extra_before, **junk}, {**after, **extra_after})
    for key in ("paired", "before", "after", "swing", "moves", "winner", "dead_heat"):
        assert padded[key] == plain[key]
    assert padded["unpaired"]["total"] == plain["unpaired"]["total"] + len(extra_before) + len(
        extra_after
    )
    assert padded["invalid"] == len(junk)


@settings(max_examples=100, deadline=None)
@given(before=votes, after=votes, seed=st.integers())
def test_who_is_who_does_not_matter(before, after, seed):
    # Relabel the phones: same pairs, new keys, new order.
    keys = sorted(before.keys() | after.keys())
    new = dict(zip(keys, random.Random(seed).sample(range(1000, 2000), len(keys)), strict=True))
    moved_before = {new[k]: v for k, v in reversed(before.items())}
    moved_after = {new[k]: v for k, v in after.items()}
    assert count_debate(moved_before, moved_after) == count_debate(before, after)
