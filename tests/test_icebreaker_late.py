"""Late joiners placed by themselves (socialapp/kinds/icebreaker/late.py): a few seconds after
someone starts waiting during a round, the sweeper places everyone waiting (with each other,
or a lone one into a pair); a lone one with no pair to join waits for the next arrival; the
setting turns it off and the host's "Place them" still works."""

import time

import pytest

from socialapp import sweeper
from socialapp.kinds.icebreaker.late import PLACE_WAIT_SECONDS
from tests.test_icebreaker import Ice


@pytest.fixture
def ice(app, event):
    board = Ice(app, event)
    yield board
    board.close()


def settle(now):
    """The sweeper's look once people arrived: the host's panel, and the deadline set."""
    return sweeper.tick(now)


def test_a_lone_late_joiner_joins_a_pair_within_seconds(ice):
    ice.crowd(4)
    ice.host("icebreaker.start_round")
    before = ice.groups()
    late = ice.person("Late")
    now = time.time()
    assert settle(now) == 1
    assert ice.me("Late")["status"] == "unplaced"
    assert sweeper.tick(now + 1) == 0  # the deadline is not there yet: nothing written
    assert ice.me("Late")["status"] == "unplaced"
    assert sweeper.tick(now + PLACE_WAIT_SECONDS + 0.1) == 1
    trio = next(g for g in ice.groups() if late in g)
    assert len(trio) == 3 and [a for a in trio if a != late] in before
    me = ice.me("Late")
    assert me["status"] == "grouped" and me["late"] is True and len(me["members"]) == 2
    assert ice.hosted()["waiting"] == []
    assert sweeper.tick(now + PLACE_WAIT_SECONDS + 1) == 0  # done once, not again


def test_late_joiners_who_arrive_together_are_paired_with_each_other(ice):
    ice.crowd(4)
    ice.host("icebreaker.start_round")
    before = ice.groups()
    a = ice.person("L1")
    now = time.time()
    settle(now)
    b = ice.person("L2")  # arrives within the wait: placed with the first one
    sweeper.tick(now + 1)
    sweeper.tick(now + PLACE_WAIT_SECONDS + 0.1)
    assert sorted([a, b]) in ice.groups()
    assert all(g in ice.groups() for g in before)  # nobody else was reshuffled
    assert ice.me("L1")["status"] == ice.me("L2")["status"] == "grouped"


def test_nobody_is_left_alone_when_there_is_no_pair_to_join(ice):
    ice.crowd(3)
    ice.host("icebreaker.start_round")  # one trio: no pair to join
    ice.person("L1")
    now = time.time()
    settle(now)
    assert sweeper.tick(now + PLACE_WAIT_SECONDS + 0.1) == 1  # tried; the deadline is let go
    assert ice.me("L1")["status"] == "unplaced"
    assert sweeper.tick(now + PLACE_WAIT_SECONDS + 5) == 0  # no retry loop while nothing changes
    l2 = ice.person("L2")  # someone else arrives: the two are placed together
    later = now + PLACE_WAIT_SECONDS + 6
    settle(later)
    sweeper.tick(later + PLACE_WAIT_SECONDS + 0.1)
    assert sorted([ice.person("L1"), l2]) in ice.groups()


def test_the_setting_turns_it_off_and_the_host_still_places_by_hand(ice):
    assert ice.hosted()["auto_place"] is True and ice.public()["auto_place"] is True
    assert ice.host("icebreaker.auto_place", auto_place=False)["ok"]
    assert ice.hosted()["auto_place"] is False
    ice.crowd(4)
    ice.host("icebreaker.start_round")
    ice.person("Late")
    now = time.time()
    settle(now)
    assert sweeper.tick(now + PLACE_WAIT_SECONDS + 0.1) == 0
    assert ice.me("Late")["status"] == "unplaced"
    ack = ice.host("icebreaker.place")
    assert ack["ok"] and ack["placed"] == 1
    assert ice.me("Late")["status"] == "grouped"


def test_placed_by_hand_before_the_deadline_is_not_placed_again(ice):
    ice.crowd(4)
    ice.host("icebreaker.start_round")
    ice.person("Late")
    now = time.time()
    settle(now)
    assert ice.host("icebreaker.place")["ok"]
    groups = ice.groups()
    sweeper.tick(now + PLACE_WAIT_SECONDS + 0.1)
    assert ice.groups() == groups
    assert sweeper.tick(now + PLACE_WAIT_SECONDS + 1) == 0


def test_nobody_is_placed_once_the_round_is_over(ice):
    ice.crowd(4)
    ice.host("icebreaker.start_round")
    ice.person("Late")
    after_round = time.time() + 3600  # the round's timer ran out long ago
    ice.all_here()  # still present then
    settle(after_round)
    sweeper.tick(after_round + PLACE_WAIT_SECONDS + 0.1)
    assert ice.me("Late")["status"] == "unplaced"


def test_bad_input_is_refused(ice):
    ack = ice.host("icebreaker.auto_place", auto_place="yes please")
    assert not ack["ok"]
    assert ice.hosted()["auto_place"] is True
    ack = ice.att("Late", "icebreaker.auto_place", auto_place=False)
    assert not ack["ok"] and ack["code"] == "forbidden"
