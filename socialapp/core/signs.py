"""Meeting signs: how a group finds each other in a crowded room.

Each group's members see the same sign on their phones: a big number, a colour and an
emoji, so "green fox 12" can be held up and spotted across the room. The number alone is
unique within a round; colour and emoji give a second, faster cue.

Colours are the Okabe-Ito palette, chosen because it stays distinguishable under the common
colour-vision deficiencies, plus black and white. Grey was left out: under deuteranopia it
is nearly indistinguishable from the reddish purple (tests/test_signs.py checks this).
"""

from __future__ import annotations

import functools
import random

# (spoken name, hex). Names are what people say aloud, so plain words ("red", "pink")
# rather than Okabe-Ito's "vermillion" and "reddish purple".
COLOURS: tuple[tuple[str, str], ...] = (
    ("orange", "#E69F00"),
    ("sky blue", "#56B4E9"),
    ("green", "#009E73"),
    ("yellow", "#F0E442"),
    ("blue", "#0072B2"),
    ("red", "#D55E00"),
    ("pink", "#CC79A7"),
    ("black", "#000000"),
    ("white", "#FFFFFF"),
)

# Animals and things that are easy to name aloud, look unlike each other, and are single
# code points shown as emoji by default (no variation selectors, skin tones or flags).
# fmt: off
EMOJI: tuple[tuple[str, str], ...] = (
    ("fox", "🦊"), ("cat", "🐱"), ("dog", "🐶"), ("mouse", "🐭"), ("rabbit", "🐰"),
    ("bear", "🐻"), ("panda", "🐼"), ("koala", "🐨"), ("tiger", "🐯"), ("lion", "🦁"),
    ("cow", "🐮"), ("frog", "🐸"), ("monkey", "🐵"), ("chicken", "🐔"), ("penguin", "🐧"),
    ("duck", "🦆"), ("eagle", "🦅"), ("owl", "🦉"), ("bat", "🦇"), ("wolf", "🐺"),
    ("horse", "🐴"), ("unicorn", "🦄"), ("bee", "🐝"), ("butterfly", "🦋"), ("snail", "🐌"),
    ("ladybird", "🐞"), ("ant", "🐜"), ("crab", "🦀"), ("snake", "🐍"), ("lizard", "🦎"),
    ("turtle", "🐢"), ("octopus", "🐙"), ("fish", "🐟"), ("dolphin", "🐬"), ("whale", "🐳"),
    ("shark", "🦈"), ("crocodile", "🐊"), ("zebra", "🦓"), ("giraffe", "🦒"), ("elephant", "🐘"),
    ("rhino", "🦏"), ("camel", "🐪"), ("kangaroo", "🦘"), ("sheep", "🐑"), ("goat", "🐐"),
    ("deer", "🦌"), ("turkey", "🦃"), ("peacock", "🦚"), ("parrot", "🦜"), ("flamingo", "🦩"),
    ("hedgehog", "🦔"), ("sloth", "🦥"), ("otter", "🦦"), ("llama", "🦙"), ("hippo", "🦛"),
    ("dinosaur", "🦕"), ("apple", "🍎"), ("pear", "🍐"), ("lemon", "🍋"), ("banana", "🍌"),
    ("watermelon", "🍉"), ("grapes", "🍇"), ("strawberry", "🍓"), ("pineapple", "🍍"),
    ("avocado", "🥑"), ("carrot", "🥕"), ("corn", "🌽"), ("mushroom", "🍄"), ("bread", "🍞"),
    ("cheese", "🧀"), ("pizza", "🍕"), ("burger", "🍔"), ("cookie", "🍪"), ("cake", "🎂"),
    ("ice cream", "🍦"), ("popcorn", "🍿"), ("cactus", "🌵"), ("sunflower", "🌻"),
    ("rose", "🌹"), ("clover", "🍀"), ("maple leaf", "🍁"), ("palm tree", "🌴"), ("moon", "🌙"),
    ("star", "⭐"), ("rainbow", "🌈"), ("fire", "🔥"), ("lightning", "⚡"), ("snowman", "⛄"),
    ("balloon", "🎈"), ("gift", "🎁"), ("guitar", "🎸"), ("trumpet", "🎺"), ("football", "⚽"),
    ("basketball", "🏀"), ("dice", "🎲"), ("rocket", "🚀"), ("bicycle", "🚲"), ("car", "🚗"),
    ("train", "🚂"), ("sailboat", "⛵"), ("crown", "👑"), ("key", "🔑"), ("bell", "🔔"),
    ("light bulb", "💡"), ("camera", "📷"), ("alarm clock", "⏰"), ("umbrella", "☔"),
    ("anchor", "⚓"), ("pumpkin", "🎃"), ("house", "🏠"), ("tent", "⛺"), ("globe", "🌍"),
)
# fmt: on

# Colour and emoji counts are coprime, so index -> (index % colours, index % emoji) never
# repeats a combination before every one has been used (Chinese remainder theorem).
MAX_DISTINCT_SIGNS = len(COLOURS) * len(EMOJI)


def sign_for(index: int) -> dict:
    """The sign of the group at position `index` (0-based) in a round; number = index + 1."""
    return _sign(index, COLOURS, EMOJI)


def signs_for_round(n_groups: int, rng: random.Random) -> list[dict]:
    """Signs for a round of `n_groups` groups: numbers 1..n, colour+emoji all different.

    The palette order is shuffled each round so nobody hunts for last round's sign.
    Combinations stay distinct up to MAX_DISTINCT_SIGNS groups; numbers always do.
    """
    colours, emoji = list(COLOURS), list(EMOJI)
    rng.shuffle(colours)
    rng.shuffle(emoji)
    return [_sign(i, colours, emoji) for i in range(n_groups)]


def _sign(index: int, colours, emoji) -> dict:
    if index < 0:
        raise ValueError(f"sign index must be >= 0, not {index}")
    colour, hex_code = colours[index % len(colours)]
    emoji_name, symbol = emoji[index % len(emoji)]
    number = index + 1
    return {
        "number": number,
        "colour": colour,
        "hex": hex_code,
        "ink": ink_for(hex_code),
        "emoji": symbol,
        "emoji_name": emoji_name,
        "label": f"{colour} {emoji_name} {number}",
    }


@functools.cache  # eight colours, asked once per group: a round for 2,000 asked 1,000 times
def ink_for(hex_code: str) -> str:
    """Black or white, whichever reads better on `hex_code` (higher WCAG contrast)."""
    light = relative_luminance(hex_code)
    return "#000000" if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) else "#FFFFFF"


def relative_luminance(hex_code: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour given as #RRGGBB."""
    channels = [int(hex_code[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
