"""Questions from the floor, the pure part: the order of the list and merging duplicates."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialapp.core.questions import (
    ALLOWED,
    STATUSES,
    Question,
    allowed,
    merge,
    ordered,
    toggle_vote,
)

phones = st.frozensets(st.integers(1, 30), max_size=12)


@st.composite
def questions(draw, min_size=0, max_size=12):
    n = draw(st.integers(min_size, max_size))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=n, max_size=n, unique=True))
    return [
        Question(
            id=i,
            created_at=float(draw(st.integers(0, 5))),  # few distinct times: ties happen
            voters=draw(phones),
            askers=draw(st.frozensets(st.integers(1, 30), min_size=1, max_size=2)),
        )
        for i in ids
    ]


def q(qid, at, voters=(), askers=(1,)):
    return Question(qid, float(at), frozenset(voters), frozenset(askers))


def test_votes_first_then_the_newest():
    old_popular = q(1, 0, {1, 2, 3})
    old_quiet = q(2, 0, {1})
    new_quiet = q(3, 10, {2})
    new_silent = q(4, 20)
    assert [x.id for x in ordered([new_silent, old_quiet, new_quiet, old_popular])] == [1, 3, 2, 4]


def test_same_votes_same_instant_the_later_id_first():
    assert [x.id for x in ordered([q(5, 1), q(9, 1), q(7, 1)])] == [9, 7, 5]


@given(questions())
def test_the_order_is_by_votes_then_recency_and_loses_nothing(qs):
    out = ordered(qs)
    assert sorted(x.id for x in out) == sorted(x.id for x in qs)
    for a, b in zip(out, out[1:], strict=False):
        assert a.votes >= b.votes
        if a.votes == b.votes:
            assert (a.created_at, a.id) > (b.created_at, b.id)


@given(questions())
def test_the_order_does_not_depend_on_the_input_order(qs):
    assert ordered(qs) == ordered(list(reversed(qs)))


def test_merging_adds_votes_as_a_union_and_keeps_every_asker():
    target = q(1, 0, {1, 2}, askers={10})
    dup_a = q(2, 5, {2, 3}, askers={11})
    dup_b = q(3, 6, {4}, askers={12})
    merged = merge(target, [dup_a, dup_b])
    assert merged.voters == {1, 2, 3, 4} and merged.votes == 4  # phone 2 counts once
    assert merged.askers == {10, 11, 12}
    assert (merged.id, merged.created_at) == (1, 0.0)


def test_a_question_is_not_merged_into_itself():
    with pytest.raises(ValueError):
        merge(q(1, 0), [q(1, 0)])


@given(questions(min_size=1), st.data())
def test_merged_votes_are_the_union(qs, data):
    target, dups = qs[0], qs[1:]
    merged = merge(target, dups)
    every = [target, *dups]
    assert merged.voters == frozenset().union(*(x.voters for x in every))
    assert max(x.votes for x in every) <= merged.votes <= sum(x.votes for x in every)
    assert merged.askers == frozenset().union(*(x.askers for x in every))
    # The order of the duplicates, or merging them one at a time, does not matter.
    shuffled = data.draw(st.permutations(dups))
    step = target
    for d in shuffled:
        step = merge(step, [d])
    assert step == merged == merge(target, shuffled)


@given(phones, st.integers(1, 30))
def test_a_second_tap_takes_the_vote_back(voters, phone):
    once, on = toggle_vote(voters, phone)
    twice, again = toggle_vote(once, phone)
    assert on == (phone not in voters) and again == (not on)
    assert (phone in once) == on
    assert twice == voters
    assert len(once) == len(voters) + (1 if on else -1)


def test_every_action_names_known_statuses():
    for action, statuses in ALLOWED.items():
        assert statuses <= set(STATUSES), action
    assert allowed("vote", "open") and not allowed("vote", "pending")
