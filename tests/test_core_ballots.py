"""Vote questions and ballots (socialapp.core.ballots), and word-cloud normalisation."""

import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialapp.core.ballots import (
    MAX_OPTIONS,
    BallotError,
    QuestionError,
    answer_key,
    ballot_error,
    clean_ballot,
    clean_question,
)
from socialapp.core.words import count_words, display_form, spelling, word_key

SINGLE = clean_question({"type": "single", "options": ["A", "B", "C"]})
APPROVAL_2 = clean_question({"type": "approval", "options": ["A", "B", "C"], "max_approvals": 2})
RANKED = clean_question({"type": "ranked", "options": ["A", "B", "C", "D"]})
RANKED_ALL = clean_question({"type": "ranked", "options": ["A", "B", "C"], "rank_all": True})
SCALE_10 = clean_question({"type": "scale", "scale_max": 10})
WORDS = clean_question({"type": "words"})
TEXT = clean_question({"type": "text"})

# JSON-ish payloads a phone could send, well formed or not.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=60),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=12,
)


# --- questions ------------------------------------------------------------------------------


def test_question_defaults():
    assert clean_question({"type": "ranked", "options": ["A", "B"]}) == {
        "type": "ranked",
        "options": [{"id": "A", "label": "A"}, {"id": "B", "label": "B"}],
        "method": "schulze",
        "rank_all": False,
    }
    assert clean_question({"type": "scale"}) == {"type": "scale", "scale_max": 5}
    assert clean_question({"type": "words"}) == {"type": "words", "max_answers": 3}
    assert APPROVAL_2["max_approvals"] == 2
    assert clean_question({"type": "approval", "options": ["A", "B"]})["max_approvals"] is None


def test_options_with_ids_and_labels_are_kept_and_tidied():
    question = clean_question(
        {
            "type": "single",
            "options": [{"id": 7, "label": "  Best   paper "}, {"id": 9, "label": "X"}],
        }
    )
    assert question["options"] == [{"id": 7, "label": "Best paper"}, {"id": 9, "label": "X"}]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (None, "must be an object"),
        ({"type": "poll"}, "Question type must be one of"),
        ({"type": "single", "options": ["A"]}, "2 to 50 options"),
        ({"type": "single", "options": [f"o{i}" for i in range(MAX_OPTIONS + 1)]}, "2 to 50"),
        ({"type": "single", "options": ["A", "a"]}, "Two options are the same"),
        ({"type": "single", "options": [{"id": 1, "label": "A"}, {"id": 1, "label": "B"}]}, "same"),
        ({"type": "single", "options": [{"id": True, "label": "A"}, "B"]}, "needs an id"),
        ({"type": "single", "options": [{"id": 1, "label": "  "}, "B"]}, "label of 1 to 120"),
        ({"type": "approval", "options": ["A", "B"], "max_approvals": 3}, "between 1 and 2"),
        ({"type": "approval", "options": ["A", "B"], "max_approvals": 0}, "between 1 and 2"),
        ({"type": "ranked", "options": ["A", "B"], "method": "borda"}, "schulze or irv"),
        ({"type": "ranked", "options": ["A", "B"], "rank_all": "yes"}, "true or false"),
        ({"type": "scale", "scale_max": 7}, "1 to 5 or from 1 to 10"),
        ({"type": "scale", "scale_max": True}, "1 to 5 or from 1 to 10"),
        ({"type": "words", "max_answers": 4}, "1 to 3 answers"),
    ],
)
def test_bad_questions_are_refused_in_words(raw, words):
    with pytest.raises(QuestionError, match=words):
        clean_question(raw)


# --- ballots --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer", "words"),
    [
        (SINGLE, "Z", "There is no option 'Z' in this question."),
        (SINGLE, ["A"], "Pick one option."),
        (SINGLE, None, "no option"),
        (SINGLE, True, "no option"),
        (APPROVAL_2, ["A", "B", "C"], "Tick at most 2 options (you ticked 3)."),
        (APPROVAL_2, [], "Tick at least one option."),
        (APPROVAL_2, ["A", "A"], "A appears more than once."),
        (APPROVAL_2, "A", "Send your ticks as a list of options."),
        (RANKED, ["A", "B", "A"], "A appears more than once."),
        (RANKED, ["A", "B", "A", "B"], "A and B appear more than once."),
        (RANKED, ["A", None, "B"], "An entry of the list is empty."),
        (RANKED, ["A", ""], "An entry of the list is empty."),
        (RANKED, ["A", "Q"], "There is no option 'Q'"),
        (RANKED, [], "Rank at least one option."),
        (RANKED, ["A"] * 50, "There are only 4 options"),
        (RANKED, ["A", ["B"]], "no option"),
        (RANKED_ALL, ["B"], "Rank every option: A and C still missing."),
        (SCALE_10, 11, "Pick a whole number from 1 to 10."),
        (SCALE_10, 0, "from 1 to 10"),
        (SCALE_10, 3.0, "whole number"),
        (SCALE_10, True, "whole number"),
        (WORDS, [], "Give 1 to 3 answers."),
        (WORDS, ["a", "b", "c", "d"], "Give 1 to 3 answers."),
        (WORDS, ["RLHF", "rlhf!"], "'RLHF' and 'rlhf' are the same answer."),
        (WORDS, ["!!!"], "at least one letter, digit or symbol"),
        (WORDS, ["x" * 41], "Keep each answer to 40 characters."),
        (WORDS, ["x" * 10_000], "Keep each answer to 40 characters."),
        (WORDS, [3], "as a list of words"),
        (TEXT, "   ", "Write something first."),
        (TEXT, "x" * 281, "Keep it to 280 characters (this is 281)."),
        (TEXT, "x" * 100_000, "Keep it to 280 characters"),
        (TEXT, 5, "Send your answer as text."),
    ],
)
def test_bad_ballots_get_a_readable_error(question, answer, words):
    with pytest.raises(BallotError) as refused:
        clean_ballot(question, answer)
    assert words in str(refused.value)
    assert ballot_error(question, answer) == str(refused.value)


def test_good_ballots_come_back_canonical():
    assert clean_ballot(SINGLE, "B") == "B"
    assert clean_ballot(APPROVAL_2, ["C", "A"]) == ["A", "C"]  # ticks: question order
    assert clean_ballot(RANKED, ["C", "A"]) == ["C", "A"]  # partial rankings are allowed
    assert clean_ballot(RANKED_ALL, ["C", "A", "B"]) == ["C", "A", "B"]
    assert clean_ballot(SCALE_10, 10) == 10
    assert clean_ballot(WORDS, ["  RLHF! ", "fine  tuning"]) == ["RLHF", "fine tuning"]
    assert clean_ballot(WORDS, "DPO") == ["DPO"]  # one word alone is fine too
    assert clean_ballot(TEXT, " What\nabout\tscale?\x00 ") == "What about scale?"
    assert ballot_error(SINGLE, "A") is None


def test_answer_keys_for_matching_by_answers():
    assert answer_key(SINGLE, "B") == "B"
    assert answer_key(APPROVAL_2, clean_ballot(APPROVAL_2, ["C", "A"])) == ("A", "C")
    assert answer_key(RANKED, ["C", "A"]) == "C"
    assert answer_key(SCALE_10, 7) == 7
    assert answer_key(WORDS, clean_ballot(WORDS, ["RLHF!", "DPO"])) == "rlhf"
    assert answer_key(TEXT, "anything") is None


def test_int_option_ids_are_not_confused_with_floats_or_text():
    question = clean_question({"type": "single", "options": [{"id": 1, "label": "A"}, "B"]})
    assert clean_ballot(question, 1) == 1
    for lookalike in (1.0, "1", True):
        with pytest.raises(BallotError):
            clean_ballot(question, lookalike)


@settings(max_examples=300, deadline=None)
@given(
    question=st.sampled_from([SINGLE, APPROVAL_2, RANKED, RANKED_ALL, SCALE_10, WORDS, TEXT]),
    answer=json_values,
)
def test_any_payload_is_either_clean_or_refused_in_words(question, answer):
    try:
        cleaned = clean_ballot(question, answer)
    except BallotError as error:
        assert str(error) and len(str(error)) < 200
    else:
        assert clean_ballot(question, cleaned) == cleaned  # canonical: cleaning is stable


# --- word-cloud normalisation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "same",
    [
        ["RLHF", "rlhf ", "RLHF!", " (rlhf)", "ＲＬＨＦ", "'RLHF'", "RLHF\u200b", "RLHF ."],
        ["fine-tuning", "Fine tuning", "finetuning", "FINE_TUNING", "fine – tuning"],
        ["Straße", "STRASSE", "strasse"],
        ["café", "cafe\u0301", "CAFÉ"],
        ["❤", "❤️"],
        ["¡Hola!", "hola", "HOLA?"],
    ],
)
def test_spellings_that_count_together(same):
    assert len({word_key(s) for s in same}) == 1
    assert [w["count"] for w in count_words([[s] for s in same])] == [len(same)]


@pytest.mark.parametrize("apart", [["C", "C#", "C++"], ["cafe", "café"], ["node.js", "nodejs"]])
def test_spellings_that_stay_apart(apart):
    assert len({word_key(s) for s in apart}) == len(apart)


def test_cloud_counts_shows_the_most_common_spelling_and_sizes():
    ballots = [["rlhf"], ["RLHF!"], ["RLHF"], ["DPO", "rlhf "], ["dpo"], ["Scaling"]]
    words = count_words(ballots)
    assert [(w["text"], w["count"], w["spellings"]) for w in words] == [
        ("RLHF", 4, 2),  # "rlhf" twice, "RLHF" twice (once with "!"): capitals win the tie
        ("DPO", 2, 2),
        ("Scaling", 1, 1),
    ]
    assert [w["size"] for w in words] == [5, 4, 2]
    assert count_words(ballots, limit=1)[0]["key"] == "rlhf"
    assert count_words([*ballots, ["rlhf"]])[0]["text"] == "rlhf"  # now the most common


def test_equally_common_spellings_prefer_the_first_in_code_point_order():
    assert display_form({"rlhf": 2, "RLHF": 2, "Rlhf": 1}) == "RLHF"
    assert display_form({"rlhf": 3, "RLHF": 2}) == "rlhf"


texts = st.text(st.characters(codec="utf-8"), max_size=30)


@pytest.mark.parametrize("text", ["＃", "‗", "﹫x", "C＃!"])
def test_the_shown_spelling_keys_like_the_answer(text):
    # Found by CI: spelling trimmed a full-width "＃" that the key keeps as "#".
    assert word_key(spelling(text)) == word_key(text) != ""


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_word_key_is_stable(text):
    key = word_key(text)
    assert word_key(key) == key
    assert word_key(spelling(text)) == key
    assert key == key.strip() and unicodedata.normalize("NFKC", key) == key


@settings(max_examples=200, deadline=None)
@given(ballots=st.lists(st.lists(texts, min_size=1, max_size=3), max_size=20), seed=st.integers())
def test_cloud_ignores_ballot_order(ballots, seed):
    shuffled = random.Random(seed).sample(ballots, len(ballots))
    assert count_words(ballots) == count_words(shuffled)
    counted = sum(w["count"] for w in count_words(ballots))
    assert counted == sum(1 for b in ballots for a in b if word_key(a))
