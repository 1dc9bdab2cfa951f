"""Pure timer arithmetic on timestamps: no threads count down, screens compute from deadlines.

A timer is idle (never started), running (has a deadline), paused (has a remainder) or
stopped (ended by the host). All times are seconds since the epoch, as floats.
"""

from dataclasses import dataclass, replace

LAST_MINUTE = 60.0


@dataclass(frozen=True)
class Timer:
    status: str = "idle"  # idle | running | paused | stopped
    duration: float = 0.0  # planned length, for progress bars and "extend" arithmetic
    ends_at: float | None = None  # deadline while running
    remaining: float | None = None  # seconds left while paused or idle

    def to_dict(self):
        return {
            "status": self.status,
            "duration": self.duration,
            "ends_at": self.ends_at,
            "remaining": self.remaining,
        }


def new(duration):
    return Timer("idle", float(duration), None, float(duration))


def start(timer, now):
    """Start (or restart from its remainder) an idle or stopped timer."""
    if timer.status == "running":
        return timer
    left = timer.remaining if timer.status == "paused" else timer.duration
    return Timer("running", timer.duration, now + left, None)


def pause(timer, now):
    if timer.status != "running":
        return timer
    return Timer("paused", timer.duration, None, timer.ends_at - now)


def resume(timer, now):
    if timer.status != "paused":
        return timer
    return Timer("running", timer.duration, now + timer.remaining, None)


def stop(timer, now):
    return Timer("stopped", timer.duration, None, remaining(timer, now))


def extend(timer, seconds, now):
    """Add (or with a negative number take away) time, whatever the state.

    Taking away never goes below zero remaining, so "-1 min" on a nearly done timer ends it
    rather than sending it deep into overtime.
    """
    duration = max(0.0, timer.duration + seconds)
    if timer.status == "running":
        ends_at = max(now, timer.ends_at + seconds) if seconds < 0 else timer.ends_at + seconds
        return Timer("running", duration, ends_at, None)
    left = max(0.0, (timer.remaining if timer.remaining is not None else timer.duration) + seconds)
    return replace(timer, duration=duration, remaining=left)


def remaining(timer, now):
    """Seconds left; negative while running into overtime."""
    if timer.status == "running":
        return timer.ends_at - now
    return timer.remaining if timer.remaining is not None else timer.duration


def phase(timer, now):
    """What the screens colour by: idle, running, last_minute, time_up, paused, stopped."""
    if timer.status != "running":
        return timer.status
    left = remaining(timer, now)
    if left <= 0:
        return "time_up"
    return "last_minute" if left <= LAST_MINUTE else "running"


def is_due(timer, now):
    """A running timer whose deadline has passed: the sweeper acts on these."""
    return timer.status == "running" and timer.ends_at <= now


def fmt(seconds):
    """m:ss for the terminal and tests; overtime as +m:ss."""
    sign = "+" if seconds < 0 else ""
    s = int(abs(seconds) + (0 if seconds < 0 else 0.999))
    return f"{sign}{s // 60}:{s % 60:02d}"
