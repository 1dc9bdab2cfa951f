"""The rotating join code as plain functions: short, from the event alphabet, changing every
window, accepted for its window and the next, and unguessable without the secret."""

from hypothesis import given
from hypothesis import strategies as st

from socialapp import joincode
from socialapp.joincode import WINDOW_SECONDS, accepts, code_for, current

SECRET = "s3cret"


def test_codes_are_short_and_readable():
    code = code_for(SECRET, "1:ABCDEF", 42)
    assert len(code) == joincode.LENGTH and set(code) <= set(joincode.ALPHABET)
    assert not set(code) & set("01OIL")


def test_a_code_is_good_for_its_window_and_the_next_only():
    t = 1_000_000 * WINDOW_SECONDS + 10
    code, left = current(SECRET, "1:ABCDEF", t)
    assert 0 < left <= WINDOW_SECONDS
    assert accepts(SECRET, "1:ABCDEF", code, t)
    assert accepts(SECRET, "1:ABCDEF", code.lower(), t + WINDOW_SECONDS)  # scanned just before
    assert accepts(SECRET, "1:ABCDEF", f" {code[:2]} {code[2:]} ", t)  # typed with spaces
    assert not accepts(SECRET, "1:ABCDEF", code, t + 2 * WINDOW_SECONDS)  # a stale photo
    assert not accepts(SECRET, "1:ABCDEF", code, t - WINDOW_SECONDS)
    assert not accepts(SECRET, "2:ABCDEF", code, t)  # another event
    assert not accepts("other secret", "1:ABCDEF", code, t)  # another install
    for bad in (None, "", "X", code + "X", 1234, ["A"]):
        assert not accepts(SECRET, "1:ABCDEF", bad, t)


def test_codes_change_every_window():
    codes = [code_for(SECRET, "1:ABCDEF", w) for w in range(200)]
    assert sum(a != b for a, b in zip(codes, codes[1:], strict=False)) >= 195
    assert len(set(codes)) > 150


@given(st.text(max_size=8))
def test_a_guess_is_rarely_right(guess):
    t = 5_000_000.0
    right = {code_for(SECRET, "9:Q", w) for w in (joincode.window(t), joincode.window(t) - 1)}
    assert accepts(SECRET, "9:Q", guess, t) == (joincode.normalise(guess) in right)


def test_the_display_key_proves_the_projector():
    key = joincode.display_key(SECRET, "1:ABCDEF")
    assert joincode.is_display_key(SECRET, "1:ABCDEF", key)
    assert not joincode.is_display_key(SECRET, "2:ABCDEF", key)
    assert not joincode.is_display_key(SECRET, "1:ABCDEF", key[:-1] + "0")
    assert not joincode.is_display_key(SECRET, "1:ABCDEF", None)
