"""The report's figures on a scripted event: known groups, joins, stories -> known numbers."""

from hypothesis import given, settings
from hypothesis import strategies as st

from socialapp.core import figures

# Seven people; 7 is an observer, never grouped. Round 2: 6 sits out.
ROUNDS = [
    {
        "number": 1,
        "prompt": "Which paper excited you?",
        "groups": [
            {"members": [1, 2], "found": True},
            {"members": [3, 4], "found": True},
            {"members": [5, 6], "found": False},
        ],
    },
    {
        "number": 2,
        "prompt": "What would you build?",
        "groups": [{"members": [1, 3, 5], "found": True}, {"members": [2, 4], "found": False}],
    },
]
PEOPLE = range(1, 8)


def scripted_counts(rounds=ROUNDS):
    pairs = figures.pairs_in_groups(g["members"] for r in rounds for g in r["groups"])
    return figures.met_counts(PEOPLE, pairs)


def test_new_people_met_per_attendee():
    assert scripted_counts() == {1: 3, 2: 2, 3: 3, 4: 2, 5: 3, 6: 1, 7: 0}


def test_met_figures():
    assert figures.met_figures(scripted_counts().values()) == {
        "people": 7,
        "mean": 2.0,
        "median": 2,
        "met_nobody": 1,
        "met_someone": 6,
        "most": 3,
        "distribution": {0: 1, 1: 1, 2: 2, 3: 3},
    }
    assert figures.met_figures([])["mean"] is None


def test_meeting_again_is_not_a_new_person():
    again = [*ROUNDS, {"number": 3, "groups": [{"members": [1, 2], "found": True}]}]
    assert scripted_counts(again) == scripted_counts()
    assert figures.met_counts([1, 2], [(1, 2), (2, 1), (1, 1), (1, 99)]) == {1: 1, 2: 1}


def test_groups_found_and_not_found_per_round():
    assert figures.round_figures(ROUNDS) == [
        {
            "number": 1,
            "segment": "",
            "prompt": "Which paper excited you?",
            "groups": 3,
            "found": 2,
            "not_found": 1,
            "found_share": 66.7,
            "people": 6,
        },
        {
            "number": 2,
            "segment": "",
            "prompt": "What would you build?",
            "groups": 2,
            "found": 1,
            "not_found": 1,
            "found_share": 50.0,
            "people": 5,
        },
    ]
    # After deletion only sizes are left: the same figures.
    anonymous = [
        {**r, "groups": [{"size": len(g["members"]), "found": g["found"]} for g in r["groups"]]}
        for r in ROUNDS
    ]
    assert figures.round_figures(anonymous) == figures.round_figures(ROUNDS)


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


def test_stories_in_the_order_told_with_their_minutes():
    entries = [
        {"title": "Second", "name": "Bo", "started_at": 500, "ended_at": 650},
        {"title": "First", "name": "Ada", "started_at": 100, "ended_at": 370},
        {"title": "In the bowl", "name": "Cy", "started_at": None, "ended_at": None},
        {"title": "Running", "name": None, "started_at": 700, "ended_at": None},
    ]
    assert figures.story_figures(entries) == [
        {"title": "First", "name": "Ada", "minutes": 4.5},
        {"title": "Second", "name": "Bo", "minutes": 2.5},
        {"title": "Running", "name": None, "minutes": None},
    ]


def test_questions_asked_and_answered():
    qs = [
        {"text": "a", "votes": 1, "answered": True},
        {"text": "b", "votes": 5},
        {"text": "c", "votes": 1},
    ]
    got = figures.question_figures(qs, top=2)
    assert (got["asked"], got["answered"]) == (3, 1)
    assert [q["text"] for q in got["items"]] == ["b", "a"]  # ties keep their order
