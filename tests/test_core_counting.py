"""Counting every question type (socialapp.core.counting), judges and audience apart."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialapp.core.ballots import QuestionError, clean_ballot, clean_question
from socialapp.core.counting import TIE_RULE, count, count_by_group

OPTIONS = [{"id": "a", "label": "Attention"}, {"id": "b", "label": "Bert"}, "Cats"]
SINGLE = {"type": "single", "options": OPTIONS}
APPROVAL = {"type": "approval", "options": OPTIONS, "max_approvals": 2}
SCALE = {"type": "scale", "scale_max": 5}
WORDS = {"type": "words", "max_answers": 3}
TEXT = {"type": "text"}
RANKED = {"type": "ranked", "options": OPTIONS}
IRV = {"type": "ranked", "options": OPTIONS, "method": "irv"}


def ballots(*answers, group="audience"):
    return [{"answer": a, "group": group} for a in answers]


def test_single_choice():
    result = count(SINGLE, ballots("a", "a", "b", "Cats"))
    assert result["type"] == "single" and result["method_label"] == "Most votes"
    assert [(o["id"], o["count"], o["share"]) for o in result["options"]] == [
        ("a", 2, 50.0),
        ("b", 1, 25.0),
        ("Cats", 1, 25.0),
    ]
    assert result["winners"] == ["a"] and not result["tie"]
    assert result["summary"] == ["Attention wins with 2 votes from 4 ballots."]
    assert result["ballots"] == 4 and result["invalid"] == 0


def test_a_tie_is_reported_with_the_tie_rule_not_broken():
    result = count(SINGLE, ballots("a", "b", "Cats", "b", "a"))
    assert result["winners"] == ["a", "b"] and result["tie"]
    assert result["summary"] == ["Tie between Attention and Bert (2 votes each).", TIE_RULE]


def test_approval_counts_every_tick():
    result = count(APPROVAL, ballots(["a", "b"], ["b"], ["b", "Cats"]))
    assert [(o["count"], o["share"]) for o in result["options"]] == [
        (1, 33.3),
        (3, 100.0),
        (1, 33.3),
    ]
    assert result["winners"] == ["b"] and result["max_approvals"] == 2
    assert result["summary"] == ["Bert wins with 3 approvals from 3 ballots."]


def test_scale_counts_mean_and_median():
    result = count(SCALE, ballots(1, 4, 4, 5))
    assert [v["count"] for v in result["values"]] == [1, 0, 0, 2, 1]
    assert result["mean"] == 3.5 and result["median"] == 4.0
    assert result["method_label"] == "Scale 1 to 5"
    assert result["summary"] == ["Mean 3.5 out of 5 (median 4.0) from 4 ballots."]
    assert count(SCALE, ballots(2, 5))["median"] == 3.5
    empty = count(SCALE, [])
    assert empty["mean"] is None and empty["summary"] == ["No ballots yet."]


def test_word_cloud_counts_phones_per_answer():
    result = count(WORDS, ballots(["RLHF", "DPO"], ["rlhf "], ["RLHF!"], ["dpo"]))
    assert [(w["text"], w["count"]) for w in result["words"]] == [("RLHF", 3), ("DPO", 2)]
    assert result["answers"] == 5 and result["winners"] == ["rlhf"]
    assert result["summary"] == ["Most common: RLHF (3 phones)."]
    tie = count(WORDS, ballots(["RLHF"], ["DPO"]))
    assert tie["tie"] and tie["summary"] == ["Tie for most common: DPO and RLHF (1 phone each)."]


def test_open_text_is_a_sorted_list_with_repeats_merged():
    result = count(TEXT, ballots("why  scale?", "Data?", "why scale?"))
    assert result["answers"] == [{"text": "Data?", "count": 1}, {"text": "why scale?", "count": 2}]
    assert result["summary"] == ["3 answers"] and result["winners"] == []


def test_no_ballots_yet():
    for question in (SINGLE, APPROVAL, RANKED, IRV, WORDS, TEXT):
        result = count(question, [])
        assert result["winners"] == [] and not result["tie"] and result["ballots"] == 0
        assert result["summary"][0].startswith("No")


def test_invalid_ballots_are_left_out_and_said_so():
    bad = [
        {"answer": "zzz"},
        {"answer": ["a", "b", "Cats"]},
        {"answer": "a", "group": "speakers"},
        "not a ballot",
        {},
    ]
    result = count(SINGLE, ballots("b") + bad)
    assert result["ballots"] == 1 and result["invalid"] == 5
    assert [o["count"] for o in result["options"]] == [0, 1, 0]
    assert result["summary"][-1] == "5 ballots could not be counted."


def test_judges_and_audience_are_counted_apart():
    mixed = ballots("a", "a", "b") + ballots("b", "b", group="judges")
    groups = count_by_group(SINGLE, mixed)
    assert list(groups) == ["audience", "judges"]
    assert groups["audience"]["winners"] == ["a"] and groups["audience"]["ballots"] == 3
    assert groups["judges"]["winners"] == ["b"] and groups["judges"]["ballots"] == 2
    assert count(SINGLE, mixed)["winners"] == ["b"]  # all together: 3 to 2
    assert list(count_by_group(SINGLE, ballots("a"))) == ["audience"]
    assert count_by_group(SINGLE, []) == {}


def test_results_hold_counts_never_voters():
    mixed = [{"answer": "a", "group": "judges", "attendee": 41}, {"answer": "b", "who": "Ann"}]
    assert "41" not in repr(count(SINGLE, mixed)) and "Ann" not in repr(count(SINGLE, mixed))


def test_a_bad_question_is_an_error_not_a_result():
    with pytest.raises(QuestionError):
        count({"type": "single", "options": ["only one"]}, ballots("only one"))


# --- properties -----------------------------------------------------------------------------

QUESTIONS = [SINGLE, APPROVAL, SCALE, WORDS, TEXT, RANKED, IRV]
ids = st.sampled_from(["a", "b", "Cats"])
ANSWERS = {
    "single": ids,
    "approval": st.lists(ids, min_size=1, max_size=2, unique=True),
    "scale": st.integers(1, 5),
    "words": st.lists(st.sampled_from(["RLHF", "rlhf!", "DPO", "scaling", "Ｄpo"]), max_size=3),
    "text": st.sampled_from(["yes", "no", "Why?", "why?"]),
    "ranked": st.permutations(["a", "b", "Cats"]).flatmap(
        lambda p: st.integers(1, 3).map(lambda k: p[:k])
    ),
}
garbage = st.one_of(
    st.none(),
    st.just("zzz"),
    st.integers(-3, 12),
    st.lists(st.sampled_from(["a", "a", "q", None]), max_size=5),
    st.text(max_size=3),
)


@st.composite
def profiles(draw):
    question = draw(st.sampled_from(QUESTIONS))
    answer = ANSWERS[question["type"]]
    group = st.sampled_from(["audience", "judges"])
    good = draw(st.lists(st.builds(lambda a, g: {"answer": a, "group": g}, answer, group)))
    return question, good


def valid_only(question, raw):
    clean = clean_question(question)
    keep = []
    for ballot in raw:
        try:
            clean_ballot(clean, ballot["answer"])
        except ValueError:
            continue
        keep.append(ballot)
    return keep


def without_invalid(result):
    return {k: v for k, v in result.items() if k != "invalid"} | {
        "summary": [s for s in result["summary"] if "could not be counted" not in s]
    }


@settings(max_examples=200, deadline=None)
@given(profile=profiles(), seed=st.integers())
def test_ballot_order_never_matters(profile, seed):
    question, raw = profile
    shuffled = random.Random(seed).sample(raw, len(raw))
    assert count(question, raw) == count(question, shuffled)
    assert count_by_group(question, raw) == count_by_group(question, shuffled)


@settings(max_examples=200, deadline=None)
@given(profile=profiles(), junk=st.lists(garbage, max_size=8), seed=st.integers())
def test_counts_never_include_invalid_ballots(profile, junk, seed):
    question, raw = profile
    good = valid_only(question, raw)  # word lists may be empty or repeat: those are invalid
    bad = [{"answer": j} for j in junk]
    bad = [b for b in bad if b not in valid_only(question, bad)]
    mixed = random.Random(seed).sample(good + bad, len(good) + len(bad))
    assert without_invalid(count(question, mixed)) == without_invalid(count(question, good))
    assert count(question, mixed)["invalid"] == len(bad) + count(question, good)["invalid"]
    assert count(question, mixed)["ballots"] == len(good)


@settings(max_examples=150, deadline=None)
@given(profile=profiles())
def test_each_group_is_its_own_count(profile):
    question, raw = profile
    for group, result in count_by_group(question, raw).items():
        assert result == count(question, [b for b in raw if b["group"] == group])
    assert sum(r["ballots"] for r in count_by_group(question, raw).values()) == len(
        valid_only(question, raw)
    )


@settings(max_examples=150, deadline=None)
@given(profile=profiles())
def test_ties_are_always_stated(profile):
    question, raw = profile
    result = count(question, raw)
    assert result["tie"] == (len(result["winners"]) > 1)
    if result["tie"]:
        headline = result["summary"][0]
        assert "tie" in headline.lower()
        labels = {o["id"]: o["label"] for o in result.get("options", [])}
        words = {w["key"]: w["text"] for w in result.get("words", [])}
        for winner in result["winners"]:
            assert (labels | words)[winner] in headline
