"""Meeting signs: distinct, readable, and distinguishable under colour-vision deficiencies."""

import itertools
import math
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialapp.core.signs import (
    COLOURS,
    EMOJI,
    MAX_DISTINCT_SIGNS,
    ink_for,
    relative_luminance,
    sign_for,
    signs_for_round,
)

KEYS = {"number", "colour", "hex", "ink", "emoji", "emoji_name", "label"}

# Machado, Oliveira & Fernandes (2009) simulation matrices for full (severity 1.0)
# deficiency, applied to linear RGB.
CVD = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def simulated_lab(hex_code, matrix):
    """CIELAB (D65) of a colour as seen with the given deficiency."""
    srgb = [int(hex_code[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
    r, g, b = (
        min(1, max(0, sum(m * c for m, c in zip(row, linear, strict=True)))) for row in matrix
    )
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_sign_for_first_group():
    sign = sign_for(0)
    assert set(sign) == KEYS
    assert sign["number"] == 1
    assert (sign["colour"], sign["hex"]) == COLOURS[0]
    assert (sign["emoji_name"], sign["emoji"]) == EMOJI[0]
    assert sign["label"] == f"{sign['colour']} {sign['emoji_name']} 1"


def test_sign_numbers_are_index_plus_one():
    assert [sign_for(i)["number"] for i in range(50)] == list(range(1, 51))


def test_negative_index_is_rejected():
    with pytest.raises(ValueError):
        sign_for(-1)


def test_neighbouring_signs_differ_in_colour_and_emoji():
    for i in range(200):
        a, b = sign_for(i), sign_for(i + 1)
        assert a["colour"] != b["colour"] and a["emoji"] != b["emoji"]


def test_every_combination_is_used_before_any_repeats():
    assert math.gcd(len(COLOURS), len(EMOJI)) == 1
    combos = {(sign_for(i)["colour"], sign_for(i)["emoji"]) for i in range(MAX_DISTINCT_SIGNS)}
    assert len(combos) == MAX_DISTINCT_SIGNS
    # Enough for the largest room benchmarked: 2,000 people in pairs.
    assert MAX_DISTINCT_SIGNS >= 1000


def test_palette_is_well_formed():
    names = [name for name, _ in COLOURS]
    hexes = [hex_code for _, hex_code in COLOURS]
    assert len(set(names)) == len(names) and len(set(hexes)) == len(hexes)
    assert all(re.fullmatch(r"#[0-9A-F]{6}", h) for h in hexes)


def test_emoji_are_distinct_single_symbols_with_distinct_names():
    names = [name for name, _ in EMOJI]
    symbols = [symbol for _, symbol in EMOJI]
    assert len(set(names)) == len(names)
    assert len(set(symbols)) == len(symbols)
    # One code point each: no variation selectors or joiners that some phones render apart.
    assert all(len(symbol) == 1 for symbol in symbols)
    # "orange orange" would be confusing to say aloud.
    assert not set(names) & {name for name, _ in COLOURS}


@pytest.mark.parametrize("vision", sorted(CVD))
def test_colours_stay_distinguishable_under_colour_vision_deficiency(vision):
    labs = {name: simulated_lab(hex_code, CVD[vision]) for name, hex_code in COLOURS}
    closest = min(
        (math.dist(labs[a], labs[b]), a, b) for a, b in itertools.combinations(sorted(labs), 2)
    )
    # CIE76 distance of 15 is a clearly visible difference at sign size.
    assert closest[0] >= 15, closest


@pytest.mark.parametrize("name_hex", COLOURS, ids=[name for name, _ in COLOURS])
def test_ink_is_readable_on_every_colour(name_hex):
    _, hex_code = name_hex
    ink = ink_for(hex_code)
    light, dark = sorted([relative_luminance(hex_code), relative_luminance(ink)])
    assert (dark + 0.05) / (light + 0.05) >= 4.5  # WCAG AA for normal text


def test_relative_luminance_extremes():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#FFFFFF") == pytest.approx(1)


@settings(max_examples=100, deadline=None)
@given(n_groups=st.integers(0, MAX_DISTINCT_SIGNS), seed=st.integers(0, 2**32 - 1))
def test_signs_for_round_are_distinct(n_groups, seed):
    signs = signs_for_round(n_groups, random.Random(seed))
    assert [s["number"] for s in signs] == list(range(1, n_groups + 1))
    assert len({(s["colour"], s["emoji"]) for s in signs}) == n_groups
    assert all(set(s) == KEYS for s in signs)


def test_signs_for_round_follow_the_seed():
    first = signs_for_round(20, random.Random(3))
    assert first == signs_for_round(20, random.Random(3))
    assert first != signs_for_round(20, random.Random(4))


def test_more_groups_than_combinations_still_get_unique_numbers():
    signs = signs_for_round(MAX_DISTINCT_SIGNS + 5, random.Random(1))
    assert len({s["number"] for s in signs}) == MAX_DISTINCT_SIGNS + 5
