"""Timer arithmetic: pure functions of timestamps."""

from hypothesis import given
from hypothesis import strategies as st

from socialapp.core import clock

T0 = 1_700_000_000.0


def test_new_timer_is_idle_with_full_time():
    t = clock.new(300)
    assert t.status == "idle"
    assert clock.remaining(t, T0) == 300
    assert clock.phase(t, T0) == "idle"


def test_running_counts_down_from_the_deadline():
    t = clock.start(clock.new(300), T0)
    assert t.ends_at == T0 + 300
    assert clock.remaining(t, T0 + 100) == 200
    assert clock.phase(t, T0 + 100) == "running"
    assert clock.phase(t, T0 + 250) == "last_minute"
    assert clock.phase(t, T0 + 300) == "time_up"
    assert clock.remaining(t, T0 + 330) == -30  # overtime counts up


def test_pause_freezes_and_resume_continues():
    t = clock.start(clock.new(300), T0)
    p = clock.pause(t, T0 + 50)
    assert p.status == "paused" and p.remaining == 250
    assert clock.remaining(p, T0 + 5000) == 250
    r = clock.resume(p, T0 + 1000)
    assert r.ends_at == T0 + 1250


def test_extend_running_paused_and_never_below_zero():
    t = clock.start(clock.new(300), T0)
    assert clock.extend(t, 60, T0).ends_at == T0 + 360
    assert clock.extend(t, -60, T0).ends_at == T0 + 240
    assert clock.extend(t, -600, T0 + 10).ends_at == T0 + 10  # ends now, not in deep overtime
    p = clock.extend(clock.pause(t, T0 + 100), -60, T0 + 100)
    assert p.remaining == 140
    assert clock.extend(clock.pause(t, T0), -900, T0).remaining == 0


def test_start_is_idempotent_and_stop_keeps_remaining():
    t = clock.start(clock.new(60), T0)
    assert clock.start(t, T0 + 10) == t
    s = clock.stop(t, T0 + 20)
    assert s.status == "stopped" and s.remaining == 40
    assert not clock.is_due(s, T0 + 1000)
    assert clock.is_due(t, T0 + 60)


def test_fmt():
    assert clock.fmt(240) == "4:00"
    assert clock.fmt(239.2) == "4:00"
    assert clock.fmt(59.9) == "1:00"
    assert clock.fmt(0) == "0:00"
    assert clock.fmt(-61) == "+1:01"


durations = st.floats(min_value=1, max_value=7200)
steps = st.lists(
    st.tuples(
        st.sampled_from(["pause", "resume", "extend", "wait"]),
        st.floats(min_value=0, max_value=600),
    ),
    max_size=20,
)


@given(durations, steps)
def test_remaining_is_duration_minus_running_time(duration, ops):
    """Whatever the host clicks, time left = planned + extensions - time spent running."""
    now, t = T0, clock.start(clock.new(duration), T0)
    ran, added = 0.0, 0.0
    for op, x in ops:
        if op == "wait":
            ran += x if t.status == "running" else 0
            now += x
        elif op == "pause":
            t = clock.pause(t, now)
        elif op == "resume":
            t = clock.resume(t, now)
        else:
            before = clock.remaining(t, now)
            t = clock.extend(t, x, now)
            added += clock.remaining(t, now) - before
    expected = duration + added - ran
    assert abs(clock.remaining(t, now) - expected) < 1e-6
