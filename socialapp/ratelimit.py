"""Rate limits as token buckets: per person on sending actions, per address and per event on
joining, creating events and trying event codes.

Kept in memory: each worker limits what reaches it, which is what protects that worker (with
N workers behind a proxy a limit is up to N times looser). A bucket holds at most `burst`
tokens and gains `per_second`; every attempt takes one, and an empty bucket refuses.

Venue Wi-Fi puts a whole room behind one address, so the per-address join bucket is sized for
a QR rush (500 phones in a minute get in; a script from one address gets the same 600 and
then 2 a second), and the per-event bucket bounds what many addresses together can pour into
one event. Plain functions of (bucket, rule, now): the clock is passed in, tests drive it.
"""

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    burst: float
    per_second: float


# Per (event, role, person) on Socket.IO commands: hosts click fast under pressure.
LIMITS = {"attendee": (10, 1.0), "host": (40, 10.0), "display": (5, 0.5), "stranger": (5, 0.5)}

# Named rules for HTTP (and socket connects); an install may override any of them with
# RATE_LIMITS = {"join_address": (burst, per_second), ...} in its config.
RULES = {
    # Joining: a room behind one address, then what one event can take from everywhere.
    "join_address": Rule(600, 2.0),
    "join_event": Rule(1000, 10.0),
    # Creating events on the front page (the command line is not limited).
    "create_address": Rule(10, 1 / 60),
    "create_global": Rule(100, 1 / 6),
    # Unknown event codes and wrong room codes: typos are rare, probing is not.
    "probe_address": Rule(30, 0.5),
}

MAX_BUCKETS = 50_000
_buckets = {}
clock = time.monotonic  # tests replace it to play a minute in a moment


def refill(bucket, rule, now):
    """Tokens in a bucket at `now`; a bucket never seen is full."""
    if bucket is None:
        return float(rule.burst)
    tokens, last = bucket
    return min(float(rule.burst), tokens + max(0.0, now - last) * rule.per_second)


def take(bucket, rule, now, cost=1.0):
    """(allowed, new bucket, seconds until allowed): one attempt against a bucket."""
    tokens = refill(bucket, rule, now)
    if tokens >= cost:
        return True, (tokens - cost, now), 0.0
    wait = (cost - tokens) / rule.per_second if rule.per_second > 0 else float("inf")
    return False, (tokens, now), wait


def rule_for(name, overrides=None):
    raw = (overrides or {}).get(name)
    return Rule(*raw) if raw is not None else RULES[name]


def hit(name, key, overrides=None, cost=1.0):
    """Spend from bucket (name, key); returns seconds to wait, 0.0 when allowed."""
    rule = rule_for(name, overrides)
    now = clock()
    allowed, bucket, wait = take(_buckets.get((name, key)), rule, now, cost)
    _buckets[(name, key)] = bucket
    if len(_buckets) > MAX_BUCKETS:
        prune(now, overrides)
    return 0.0 if allowed else max(1.0, wait)


def left(name, key, overrides=None):
    """Tokens in a bucket now, without spending any."""
    return refill(_buckets.get((name, key)), rule_for(name, overrides), clock())


def prune(now, overrides=None):
    """Forget full buckets (they hold no information); if that is not enough, the oldest."""
    for key, bucket in list(_buckets.items()):
        rule = rule_for(key[0], overrides) if key[0] in RULES else None
        if rule is not None and refill(bucket, rule, now) >= rule.burst:
            del _buckets[key]
    if len(_buckets) > MAX_BUCKETS:
        for key in sorted(_buckets, key=lambda k: _buckets[k][1])[: len(_buckets) // 2]:
            del _buckets[key]


def check(event_id, role, attendee_id, name):
    """A person's Socket.IO command, or a CommandError when they are going too fast."""
    from .errors import CommandError

    burst, rate = LIMITS.get(role, (5, 0.5))
    allowed, bucket, _ = take(
        _buckets.get(("cmd", event_id, role, attendee_id)), Rule(burst, rate), clock()
    )
    _buckets[("cmd", event_id, role, attendee_id)] = bucket
    if not allowed:
        raise CommandError(
            "You're going a bit fast: wait a few seconds and try again.", "rate_limited"
        )
    if len(_buckets) > MAX_BUCKETS:
        prune(clock())


def reset():
    _buckets.clear()
