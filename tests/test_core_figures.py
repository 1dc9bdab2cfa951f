"""The core's report figures: attendance minute by minute from join and last-seen times."""

from hypothesis import given, settings
from hypothesis import strategies as st

from socialapp.core import figures


def test_attendance_minute_by_minute():
    people = [
        {"joined_at": 1000, "last_seen": 1300},
        {"joined_at": 1060, "last_seen": 1300},
        {"joined_at": 1120, "last_seen": 1130},  # left early
    ]
    series = figures.attendance_series(people, 1000, 1300)
    assert [s["minute"] for s in series] == [0, 1, 2, 3, 4, 5]
    assert [s["joined"] for s in series] == [1, 2, 3, 3, 3, 3]
    assert [s["present"] for s in series] == [1, 2, 3, 3, 2, 2]  # seen + 90 s covers minute 3
    assert figures.peak(series) == {"minute": 2, "joined": 3, "present": 3}
    tail = figures.attendance_series(people, 1000, 1330)
    assert tail[-1] == {"minute": 5.5, "joined": 3, "present": 2}
    assert figures.attendance_series(people, 1000, 900) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3600), st.integers(0, 3600)).map(sorted), max_size=30))
def test_present_never_exceeds_joined_and_joined_never_falls(rows):
    people = [{"joined_at": a, "last_seen": b} for a, b in rows]
    series = figures.attendance_series(people, 0, 3600, 120)
    assert all(s["present"] <= s["joined"] for s in series)
    joined = [s["joined"] for s in series]
    assert joined == sorted(joined) and joined[-1] == len(rows)
