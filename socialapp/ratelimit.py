"""Per-person rate limits on sending actions: a token bucket per (event, actor).

Kept in memory: each worker limits what reaches it, which is what protects that worker.
"""

import time

# Burst size and refill rate (tokens per second) by role; hosts click fast under pressure.
LIMITS = {"attendee": (10, 1.0), "host": (40, 10.0), "display": (5, 0.5), "stranger": (5, 0.5)}
_buckets = {}


def check(event_id, role, attendee_id, name):
    from .errors import CommandError

    burst, rate = LIMITS.get(role, (5, 0.5))
    key = (event_id, role, attendee_id)
    now = time.monotonic()
    tokens, last = _buckets.get(key, (burst, now))
    tokens = min(burst, tokens + (now - last) * rate)
    if tokens < 1:
        _buckets[key] = (tokens, now)
        raise CommandError(
            "You're going a bit fast: wait a few seconds and try again.", "rate_limited"
        )
    _buckets[key] = (tokens - 1, now)
    if len(_buckets) > 50_000:
        _buckets.clear()


def reset():
    _buckets.clear()
