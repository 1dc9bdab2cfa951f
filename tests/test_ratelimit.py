"""The rate limits as plain functions: token buckets, the named rules sized for a venue, and
the memory they keep."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialapp import ratelimit
from socialapp.errors import CommandError
from socialapp.ratelimit import RULES, Rule, take


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    ratelimit.reset()
    clock = {"t": 1000.0}
    monkeypatch.setattr(ratelimit, "clock", lambda: clock["t"])
    yield clock
    ratelimit.reset()


def test_a_bucket_allows_its_burst_then_its_rate():
    rule = Rule(3, 0.5)
    bucket, allowed = None, []
    for _ in range(5):
        ok, bucket, wait = take(bucket, rule, 0.0)
        allowed.append(ok)
    assert allowed == [True, True, True, False, False]
    assert wait == pytest.approx(2.0)  # one token every two seconds
    assert take(bucket, rule, 1.9)[0] is False
    assert take(bucket, rule, 2.0)[0] is True


@given(
    burst=st.integers(1, 50),
    rate=st.floats(0.01, 20),
    gaps=st.lists(st.floats(0, 5), min_size=1, max_size=200),
)
def test_never_more_than_burst_plus_refill(burst, rate, gaps):
    """Over any run of attempts, what got through is at most burst + rate * elapsed."""
    rule, bucket, now, allowed = Rule(burst, rate), None, 0.0, 0
    for gap in gaps:
        now += gap
        ok, bucket, _ = take(bucket, rule, now)
        allowed += ok
    assert allowed <= burst + rate * now + 1e-6


def test_five_hundred_phones_behind_one_address_join_within_a_minute(clean):
    """A QR rush through venue Wi-Fi: one address, one event, 500 joins in 60 s."""
    for i in range(500):
        clean["t"] = 1000 + i * 60 / 500
        assert ratelimit.hit("join_address", "10.0.0.1") == 0
        assert ratelimit.hit("join_event", 7) == 0


def test_a_script_from_one_address_is_slowed_down(clean):
    """2,000 joins in 40 s from one client: the room's allowance, then two a second."""
    allowed = 0
    for i in range(2000):
        clean["t"] = 1000 + i * 40 / 2000
        allowed += ratelimit.hit("join_address", "6.6.6.6") == 0
    burst, rate = RULES["join_address"].burst, RULES["join_address"].per_second
    assert allowed <= burst + rate * 40 + 1
    assert allowed < 2000 / 2
    # Another address (mobile data) is not affected.
    assert ratelimit.hit("join_address", "10.0.0.2") == 0


def test_waits_are_whole_seconds_at_least_and_config_overrides():
    assert ratelimit.hit("probe_address", "a", {"probe_address": (1, 0.1)}) == 0
    wait = ratelimit.hit("probe_address", "a", {"probe_address": (1, 0.1)})
    assert wait == pytest.approx(10.0)
    assert ratelimit.left("probe_address", "b") == RULES["probe_address"].burst


def test_commands_keep_their_per_person_limit():
    burst = ratelimit.LIMITS["attendee"][0]
    for _ in range(burst):
        ratelimit.check(1, "attendee", 5, "wall.post")
    with pytest.raises(CommandError) as err:
        ratelimit.check(1, "attendee", 5, "wall.post")
    assert err.value.code == "rate_limited"
    ratelimit.check(1, "attendee", 6, "wall.post")  # someone else


def test_memory_is_bounded_and_full_buckets_go_first(clean, monkeypatch):
    monkeypatch.setattr(ratelimit, "MAX_BUCKETS", 100)
    for i in range(300):
        clean["t"] += 1  # one-off joins refill within a second: they hold nothing
        ratelimit.hit("join_address", f"a{i}")
        ratelimit.hit("probe_address", "busy")  # a prober keeps its bucket low
    assert len(ratelimit._buckets) <= 100
    assert ratelimit.left("probe_address", "busy") < 1
