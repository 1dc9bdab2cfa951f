"""One plain-text policy for everything people type: names, notes, titles, questions, contact
lines, theme names, instructions, filter words.

The strictest rule that still lets everyone write their name in their own script: Arabic and
Persian (with the zero-width non-joiner where it really keeps letters apart), Hebrew, the
Indic scripts (with the joiners a virama asks for), Thai, Khmer and Burmese (with the
zero-width space their keyboards put between words), Mongolian (with its variation selectors),
CJK (with ideographic variation selectors), Hangul, and emoji with skin tones, ZWJ sequences,
keycaps and flags. What only hides, spoofs or breaks a screen is refused, with words that say
what and where: control characters, text-direction controls, invisible characters outside the
places a script needs them, tag characters outside a flag, blank lookalikes of a space,
noncharacters, private-use and unassigned code points, lone surrogates, accents with no letter
under them, and stacks of more than MAX_MARKS accents on one letter.

Accepted text is NFC; one-line text has single spaces only (tabs, line breaks and the many
Unicode spaces become one space); multi-line text keeps line breaks, at most one blank line in
a row. Lengths count code points after that (database columns are sized in code points).

Character data comes from the `regex` module, which follows the newest Unicode version (the
standard library's lags behind: new emoji would look unassigned).
"""

import unicodedata

import regex

MAX_MARKS = 5  # non-spacing marks on one letter: Tibetan, Burmese, Vietnamese need up to 4
WALK = 8  # how far a context rule looks for its letters, so a long run costs no more

# Text may be this much longer than its limit before it is cleaned (spaces collapse, NFC
# composes); past that it is refused unread.
SLACK = 4

BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
# Characters that show as nothing (or as a space) but are not spaces.
BLANKS = {0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x1D159, 0xFFFC}
KEYCAP_BASES = "0123456789#*"
BLACK_FLAG, CANCEL_TAG = "\U0001f3f4", "\U000e007f"


class TextError(ValueError):
    """Refused text; the message is meant for the person who typed it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _is(pattern):
    """A test of one character against a Unicode property."""
    return regex.compile(f"(?V1){pattern}").fullmatch


CONTROL = _is(r"\p{Cc}")
PRIVATE = _is(r"\p{Co}")
NONCHARACTER = _is(r"\p{Noncharacter_Code_Point}")
UNASSIGNED = _is(r"\p{Cn}")
PICTOGRAPH = _is(r"\p{Extended_Pictographic}")
EMOJI = _is(r"\p{Emoji}")
SKIN_TONE = _is(r"\p{Emoji_Modifier}")
INVISIBLE = _is(r"[\p{Cf}\p{Default_Ignorable_Code_Point}]")
MARK = _is(r"\p{M}")
VIRAMA = _is(r"\p{Canonical_Combining_Class=Virama}")
LETTER = _is(r"\p{L}")
JOINS_AFTER = _is(r"[\p{Joining_Type=Left_Joining}\p{Joining_Type=Dual_Joining}]")
JOINS_BEFORE = _is(r"[\p{Joining_Type=Right_Joining}\p{Joining_Type=Dual_Joining}]")
TRANSPARENT = _is(r"\p{Joining_Type=Transparent}")
# Scripts written without spaces between words: their keyboards type a zero-width space.
NO_SPACES = _is(
    r"[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tai_Tham}"
    r"\p{Script=Tai_Le}\p{Script=New_Tai_Lue}\p{Script=Javanese}\p{Script=Balinese}]"
)
MONGOLIAN_LETTER = _is(r"[\p{Script=Mongolian}&&\p{L}]")
IDEOGRAPH = _is(r"\p{Unified_Ideograph}")
# Bases of the standardized variants (math symbols, Han, Myanmar, Phags-pa, Manichaean,
# Egyptian) and the slashed zero.
VARIANT_BASE = _is(
    r"[0\p{Sm}\p{Script=Han}\p{Script=Myanmar}\p{Script=Phags_Pa}\p{Script=Manichaean}"
    r"\p{Script=Egyptian_Hieroglyphs}]"
)
TAG = _is(r"[\U000E0020-\U000E007F]")
TAG_LETTER = _is(r"[\U000E0030-\U000E0039\U000E0061-\U000E007A]")

SURROGATE = regex.compile(r"\p{Cs}")
# Only these need a closer look; letters, digits, punctuation and symbols pass as they are.
SUSPECT = regex.compile(r"[\p{C}\p{M}\p{Default_Ignorable_Code_Point}\u2800\U0001D159\uFFFC]")
STACK = regex.compile(r"(?V1)(?:[\p{Mn}\p{Me}--\p{Default_Ignorable_Code_Point}]|\p{Mc})+")
STACKING = regex.compile(r"(?V1)[\p{Mn}\p{Me}--\p{Default_Ignorable_Code_Point}]")
VISIBLE = regex.compile(
    r"(?V1)[^\p{Z}\p{M}\p{C}\p{Default_Ignorable_Code_Point}\t\n\r]"
    r"|[\p{Cn}&&\p{Extended_Pictographic}]"
)
SPACES = regex.compile(r"[\t\n\r\p{Zs}\p{Zl}\p{Zp}]+")
LINE_SPACES = regex.compile(r"[\t\p{Zs}]+")
LINE_BREAK = regex.compile(r"\r\n|[\r\p{Zl}\p{Zp}]")
BLANK_LINES = regex.compile(r"\n{3,}")


def clean(value, *, max_len, min_len=1, lines=False, label="text", empty=None):
    """The text as it will be stored and shown, or a TextError saying what is wrong.

    lines: keep line breaks (notes, instructions); otherwise one line. empty: the message
    for blank text, if "The <label> cannot be empty." is not the best one."""
    if not isinstance(value, str):
        raise TextError(f"The {label} must be text.")
    too_long = f"The {label} can be at most {max_len} characters."
    if len(value) > SLACK * max_len + 64:
        raise TextError(too_long)
    if (broken := SURROGATE.search(value)) is not None:
        what = "a broken character, half of a surrogate pair"
        raise TextError(refusal(label, what, value, broken.start()))
    value = unicodedata.normalize("NFC", value)
    value = tidy_lines(value) if lines else tidy_line(value)
    if len(value) > max_len:
        raise TextError(too_long)
    check(value, label)
    if len(value) < min_len or (min_len and VISIBLE.search(value) is None):
        if empty:
            raise TextError(empty)
        if min_len <= 1:
            raise TextError(f"The {label} cannot be empty.")
        raise TextError(f"The {label} needs at least {min_len} characters.")
    return value


def tidy_line(value):
    """One line: every run of spaces, tabs and line breaks becomes one space."""
    return SPACES.sub(" ", value).strip(" ")


def tidy_lines(value):
    """Line breaks kept (at most one blank line in a row); each line tidied as one line."""
    value = LINE_BREAK.sub("\n", value)
    value = "\n".join(LINE_SPACES.sub(" ", line).strip(" ") for line in value.split("\n"))
    return BLANK_LINES.sub("\n\n", value).strip("\n")


def check(value, label="text"):
    """Raise TextError at the first character the policy refuses where it stands."""
    for run in STACK.finditer(value):
        if len(STACKING.findall(run.group())) > MAX_MARKS:
            raise TextError(
                f"The {label} has too many accents or marks on one letter (at most {MAX_MARKS})."
            )
    for found in SUSPECT.finditer(value):
        what = problem(value, found.start())
        if what:
            raise TextError(refusal(label, what, value, found.start()))


def refusal(label, what, value, i):
    c = value[i]
    name = unicodedata.name(c, "")
    code = f"U+{ord(c):04X}" + (f" {name}" if name else "")
    before = value[max(0, i - 12) : i]
    where = f"after “{before}”" if before.strip() else "at the start"
    return f"The {label} has characters we cannot show: {what} ({code}) {where}."


def problem(s, i):
    """What is wrong with s[i] where it stands, or None when it may stay."""
    c = s[i]
    cp = ord(c)
    if CONTROL(c):
        return None if c == "\n" else "a control character"  # "\n" only stays in lines
    if PRIVATE(c):
        return "a private-use character, which shows differently on every phone"
    if NONCHARACTER(c):
        return "a noncharacter"
    if UNASSIGNED(c):
        return None if PICTOGRAPH(c) else "a character that is not in Unicode yet"
    if cp in BIDI:
        return "a text-direction control"
    if cp in BLANKS:
        return "a blank character that looks like a space"
    rule = CONTEXT.get(cp) or (CONTEXT[0xE0020] if TAG(c) else None)
    if rule:
        allowed, what = rule
        return None if allowed(s, i) else what
    if INVISIBLE(c):
        return "an invisible character"
    if MARK(c) and (i == 0 or s[i - 1] in " \n"):
        return "an accent or mark with no letter under it"
    return None


def _before(s, i):
    return s[i - 1] if i > 0 else ""


def _after(s, i):
    return s[i + 1] if i + 1 < len(s) else ""


def _zwj(s, i):
    """After (or, for a Bengali ra-phala, before) a virama; or inside an emoji sequence
    (a pictograph, maybe with VS16 or a skin tone, ZWJ, a pictograph)."""
    if VIRAMA(_before(s, i)) or (VIRAMA(_after(s, i)) and LETTER(_before(s, i))):
        return True
    j = i - 1
    while j >= 0 and i - j <= 2 and (s[j] == "\ufe0f" or SKIN_TONE(s[j])):
        j -= 1
    return j >= 0 and bool(PICTOGRAPH(s[j])) and bool(PICTOGRAPH(_after(s, i)))


def _zwnj(s, i):
    """RFC 5892's rule: after a virama, or between letters that would otherwise join
    (Persian "می‌خواهم"), any marks between them aside."""
    if VIRAMA(_before(s, i)):
        return True
    j = i - 1
    while j >= 0 and i - j <= WALK and TRANSPARENT(s[j]):
        j -= 1
    k = i + 1
    while k < len(s) and k - i <= WALK and TRANSPARENT(s[k]):
        k += 1
    return j >= 0 and k < len(s) and bool(JOINS_AFTER(s[j])) and bool(JOINS_BEFORE(s[k]))


def _zwsp(s, i):
    return bool(NO_SPACES(_before(s, i))) and bool(NO_SPACES(_after(s, i)))


def _mongolian_vowel_separator(s, i):
    return bool(MONGOLIAN_LETTER(_before(s, i))) and bool(MONGOLIAN_LETTER(_after(s, i)))


def _mongolian_variant(s, i):
    return bool(MONGOLIAN_LETTER(_before(s, i)))


def _emoji_variant(s, i):
    """VS15/VS16 after an emoji; after a digit, # or * only as part of a keycap."""
    base = _before(s, i)
    if base and base in KEYCAP_BASES:
        return _after(s, i) == "\u20e3"
    return bool(EMOJI(base)) or bool(UNASSIGNED(base) and PICTOGRAPH(base))


def _standard_variant(s, i):
    return bool(VARIANT_BASE(_before(s, i)))


def _ideographic_variant(s, i):
    return bool(IDEOGRAPH(_before(s, i)))


def _tag(s, i):
    """Inside a subdivision flag: black flag, 2 to 7 tag letters or digits, cancel tag."""
    j = i
    while j > 0 and i - j < WALK and TAG(s[j - 1]):
        j -= 1
    k = i
    while k < len(s) and k - i < WALK and TAG(s[k]):
        k += 1
    spec = s[j : k - 1]
    return (
        _before(s, j) == BLACK_FLAG
        and s[k - 1] == CANCEL_TAG
        and 2 <= len(spec) <= 7
        and all(TAG_LETTER(c) for c in spec)
    )


_VARIANT = (_emoji_variant, "a variation selector with nothing to vary")
CONTEXT = {
    0x200D: (_zwj, "a zero-width joiner outside an emoji or a word that needs one"),
    0x200C: (_zwnj, "a zero-width non-joiner between letters that do not join"),
    0x200B: (_zwsp, "an invisible zero-width space"),
    0x180E: (_mongolian_vowel_separator, "an invisible character"),
    0xFE0E: _VARIANT,
    0xFE0F: _VARIANT,
    **{cp: (_standard_variant, _VARIANT[1]) for cp in range(0xFE00, 0xFE0E)},
    **{cp: (_ideographic_variant, _VARIANT[1]) for cp in range(0xE0100, 0xE01F0)},
    **{cp: (_mongolian_variant, _VARIANT[1]) for cp in (0x180B, 0x180C, 0x180D, 0x180F)},
    0xE0020: (_tag, "an invisible tag character outside a flag"),
}
