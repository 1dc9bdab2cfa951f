"""The kinds' report figures on a scripted event: known groups, stories and questions -> known
numbers (each kind's pure report module)."""

from socialapp.kinds.icebreaker import report as icebreaker
from socialapp.kinds.open_mic import report as open_mic
from socialapp.kinds.questions import report as questions

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
    pairs = icebreaker.pairs_in_groups(g["members"] for r in rounds for g in r["groups"])
    return icebreaker.met_counts(PEOPLE, pairs)


def test_new_people_met_per_attendee():
    assert scripted_counts() == {1: 3, 2: 2, 3: 3, 4: 2, 5: 3, 6: 1, 7: 0}


def test_met_figures():
    assert icebreaker.met_figures(scripted_counts().values()) == {
        "people": 7,
        "mean": 2.0,
        "median": 2,
        "met_nobody": 1,
        "met_someone": 6,
        "most": 3,
        "distribution": {0: 1, 1: 1, 2: 2, 3: 3},
    }
    assert icebreaker.met_figures([])["mean"] is None


def test_meeting_again_is_not_a_new_person():
    again = [*ROUNDS, {"number": 3, "groups": [{"members": [1, 2], "found": True}]}]
    assert scripted_counts(again) == scripted_counts()
    assert icebreaker.met_counts([1, 2], [(1, 2), (2, 1), (1, 1), (1, 99)]) == {1: 1, 2: 1}


def test_groups_found_and_not_found_per_round():
    assert icebreaker.round_figures(ROUNDS) == [
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
    assert icebreaker.round_figures(anonymous) == icebreaker.round_figures(ROUNDS)


def test_stories_in_the_order_told_with_their_minutes():
    entries = [
        {"title": "Second", "name": "Bo", "started_at": 500, "ended_at": 650},
        {"title": "First", "name": "Ada", "started_at": 100, "ended_at": 370},
        {"title": "In the bowl", "name": "Cy", "started_at": None, "ended_at": None},
        {"title": "Running", "name": None, "started_at": 700, "ended_at": None},
    ]
    assert open_mic.story_figures(entries) == [
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
    got = questions.question_figures(qs, top=2)
    assert (got["asked"], got["answered"]) == (3, 1)
    assert [q["text"] for q in got["items"]] == ["b", "a"]  # ties keep their order
