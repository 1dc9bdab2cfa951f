"""The plain-text policy (socialapp/core/text.py), tested on its own: real names in many
scripts pass untouched, spoofs are refused with words that say what is wrong, and whatever
is accepted is NFC, tidy, bounded and hides nothing outside the places a script needs it.

The invisible-character oracle below is written independently of the module (regular
expressions over whole strings, where the module walks characters)."""

import unicodedata

import pytest
import regex
from hypothesis import assume, example, given
from hypothesis import strategies as st

from socialapp.core.text import MAX_MARKS, TextError, clean

# Names as people write them (and a few notes), in NFC.
NAMES = [
    "Ada Lovelace", "Zoë Ça", "José María Ñúñez", "O'Brien-Smith", "Ðặng Thị Ngọc Hân",
    "Łukasz Żółć", "Søren Kierkegård", "Ἀλέξανδρος", "Владимир Путилин", "Гүлнар",
    "Հայկ Մարտիրոսյան", "გიორგი", "محمد بن سلمان", "فاطمه‌زهرا", "می‌خواهم", "خانه‌ها",
    "عبدالله", "יוֹסֵף כֹּהֵן", "שָׁלוֹם", "नमस्ते", "क्‍ष", "अर्‍जुन",
    "র‍্যাচেল", "শ্রীকান্ত", "ગુજરાતી", "ਪੰਜਾਬੀ", "தமிழ்செல்வி", "తెలుగు", "ಕನ್ನಡ",
    "മലയാളം", "ന്‍", "සිංහල", "ශ්‍රී", "สมชาย ใจดี", "ກິດສະໜາ", "សុខ\u200bហេង",
    "မြို့", "ကြိုး", "བསྟན་འཛིན་རྒྱ་མཚོ", "ᠮᠣᠩᠭᠣᠯ", "ᠨᠠ\u180eᠠ", "ᠭ\u180bᠡ",
    "山田 太郎", "葛\U000e0100飾", "王小明", "김민준", "ひらがな", "カタカナ", "ꆈꌠꁱꂷ",
    "ለማ ገብረ", "ᏣᎳᎩ", "ߒߞߏ", "𞤀𞤣𞤤𞤢𞤥", "Ayşe Gül", "Nguyễn Văn A",
    "👨‍👩‍👧‍👦", "👍🏽", "👩🏾‍💻", "🧑🏻‍❤️‍💋‍🧑🏼", "🇫🇷🇯🇵",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # Scotland
    "1️⃣ #️⃣", "❤️‍🔥", "🏳️‍🌈", "🏳️‍⚧️", "🐻‍❄️", "☺︎", "🫨 🩷", "\U0001fae9",
    "Dr. Grace Hopper, PhD", "<b>not bold</b> & 'quotes'", "x²", "Σ≩\ufe00",
]  # fmt: skip

# (text, words the refusal must contain)
SPOOFS = [
    ("Ali\u200bce", "zero-width space"),
    ("Ali\u200cce", "non-joiner"),
    ("اردو\u200cزبان", "non-joiner"),  # after و, which never joins: it changes nothing
    ("Ali\u200dce", "joiner"),
    ("Ali\u2060ce", "invisible"),
    ("Ali\ufeffce", "invisible"),
    ("Ali\u00adce", "invisible"),
    ("Ali\u034fce", "invisible"),
    ("Ali\u2062ce", "invisible"),
    ("Ali\U000e0041ce", "tag"),
    ("\U0001f3f4\U000e0041\U000e007f", "tag"),
    ("Ali\ufe0fce", "variation selector"),
    ("Ali\U000e0100ce", "variation selector"),
    ("1\ufe0f", "variation selector"),
    ("Ali\u180ece", "invisible"),
    ("\u3164", "blank"),
    ("Ali\u3164ce", "blank"),
    ("\u115f\u1160", "blank"),
    ("\uffa0", "blank"),
    ("\u2800", "blank"),
    ("\U0001d159", "blank"),
    ("admin\u202egnp.exe", "direction"),
    ("\u2067Alice\u2069", "direction"),
    ("Alice\u200e", "direction"),
    ("\u061cAlice", "direction"),
    ("Al\x00ice", "control"),
    ("Al\x1bice", "control"),
    ("Al\x7fice", "control"),
    ("Al\x85ice", "control"),
    ("Al\x0bice", "control"),
    ("\ufdd0", "noncharacter"),
    ("Alice\uffff", "noncharacter"),
    ("Alice\ue000", "private-use"),
    ("\U000f0000", "private-use"),
    ("Alice\u0378", "not in Unicode"),
    ("Alice\ud800", "surrogate"),
    ("\udfffAlice", "surrogate"),
    ("\u0301Alice", "no letter"),
    ("Ali ce\u0301" + "", None),  # fine: an accent on a letter
    ("Z" + "\u0336\u0337\u0338\u0335\u0334\u0333", "too many"),
    ("H\u0315\u0321\u0322\u0327\u0328\u0334\u0335e\u0336", "too many"),
]  # fmt: skip

INVISIBLE = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u061c", "\u115f",
    "\u1160", "\u17b4", "\u17b5", "\u180b", "\u180e", "\u200e", "\u200f", "\u202a", "\u202e",
    "\u2061", "\u2062", "\u2063", "\u2064", "\u2066", "\u2069", "\u206a", "\u206f", "\u3164",
    "\ufe00", "\ufe0e", "\ufe0f", "\uffa0", "\u2800", "\U0001d173", "\U000e0001", "\U000e0020",
    "\U000e0041", "\U000e007f", "\U000e0100", "\U0001bca0",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_real_names_pass_untouched(name):
    assert unicodedata.is_normalized("NFC", name)
    assert clean(name, max_len=120, label="name") == name
    assert clean(f"  {name}\t", max_len=120, label="name") == name
    assert clean(name, max_len=120, lines=True) == name


@pytest.mark.parametrize("spoof, words", [s for s in SPOOFS if s[1]])
def test_spoofs_are_refused_with_words_that_say_what(spoof, words):
    with pytest.raises(TextError) as refused:
        clean(spoof, max_len=40, label="name")
    message = refused.value.message
    assert message.startswith("The name ") and words in message, message
    if "characters we cannot show" in message:
        assert "U+" in message  # which character, by its code


def test_where_the_character_is():
    with pytest.raises(TextError, match="U\\+200B ZERO WIDTH SPACE\\) after “Ali”"):
        clean("Ali\u200bce", max_len=40, label="name")
    with pytest.raises(TextError, match="at the start"):
        clean("\u202eAlice", max_len=40, label="name")


def test_normalised_and_tidied():
    assert clean("Zoe\u0308", max_len=10) == "Zoë"  # NFC: one code point
    assert clean("\u00a0a \t b\u3000\u2003c\n\r\n", max_len=10) == "a b c"
    assert clean("a\u2028b", max_len=10) == "a b"
    note = clean(" one  \r\n\r\n\r\n\n two\t2 \u2029three ", max_len=100, lines=True)
    assert note == "one\n\ntwo 2\nthree"


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u3000\u00a0", "\n\n\n"])
def test_blank_is_empty(blank):
    with pytest.raises(TextError, match="cannot be empty"):
        clean(blank, max_len=10, label="name")
    with pytest.raises(TextError, match="Please type"):
        clean(blank, max_len=10, empty="Please type a name.")
    assert clean(blank, max_len=10, min_len=0) == ""


def test_lengths_count_code_points_after_tidying():
    assert clean("x" * 40, max_len=40) == "x" * 40
    assert clean("  " + "x" * 40 + "  ", max_len=40) == "x" * 40
    for long in ("x" * 41, "🙂" * 41, "x" * 100_000):
        with pytest.raises(TextError, match="at most 40 characters"):
            clean(long, max_len=40)
    with pytest.raises(TextError, match="must be text"):
        clean(b"bytes", max_len=40)


# ---------- properties ----------

any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
names = st.lists(st.sampled_from(NAMES), min_size=1, max_size=3).map(" ".join)
mixed = st.one_of(
    any_text,
    names,
    st.builds(lambda a, b, c: a + b + c, names, st.sampled_from(INVISIBLE), names),
    st.text(st.sampled_from([*"ab \n\u0301\u200c\u200d\ufe0f", *INVISIBLE, *"یهخ्क🙂👍🏽"])),
    st.text(st.sampled_from("aé \n\u0300\u0301\u0323\u0328\u20dd\u0e31\u0f71\u093e")),
    st.lists(  # letters under piles of accents
        st.tuples(
            st.sampled_from("aZ\u0f40"),
            st.lists(st.sampled_from("\u0300\u0301\u0308\u0323\u0336\u0f71\u0f72"), max_size=9),
        ).map(lambda t: t[0] + "".join(t[1])),
        max_size=4,
    ).map("".join),
)

P = r"\p{Extended_Pictographic}"
ALLOWED_INVISIBLE = [
    # emoji ZWJ sequences: a pictograph (VS16 and skin tone allowed), ZWJ, a pictograph
    rf"(?<={P}[\uFE0F\p{{Emoji_Modifier}}]{{0,2}})\u200D(?={P})",
    # a virama asks for a joiner or a non-joiner; a Bengali ra-phala puts ZWJ before it
    r"(?<=\p{ccc=Virama})[\u200C\u200D]",
    r"(?<=\p{L})\u200D(?=\p{ccc=Virama})",
    # ZWNJ between letters that would join (RFC 5892, appendix A.1)
    r"(?<=[\p{jt=L}\p{jt=D}]\p{jt=T}*)\u200C(?=\p{jt=T}*[\p{jt=R}\p{jt=D}])",
    # ZWSP between words of scripts written without spaces
    r"(?<=[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tai_Tham}\p{Tai_Le}\p{New_Tai_Lue}"
    r"\p{Javanese}\p{Balinese}])\u200B(?=[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tai_Tham}"
    r"\p{Tai_Le}\p{New_Tai_Lue}\p{Javanese}\p{Balinese}])",
    # variation selectors after what they vary
    r"(?<=[0-9#*])\uFE0F(?=\u20E3)|(?<=[0-9#*])\uFE0E(?=\u20E3)",
    r"(?<=[^0-9#*\P{Emoji}]|[\p{Cn}&&\p{Extended_Pictographic}])[\uFE0E\uFE0F]",
    r"(?<=[0\p{Sm}\p{Han}\p{Myanmar}\p{Phags_Pa}\p{Manichaean}\p{Egyptian_Hieroglyphs}])"
    r"[\uFE00-\uFE0D]",
    r"(?<=\p{Unified_Ideograph})[\U000E0100-\U000E01EF]",
    r"(?<=[\p{Mongolian}&&\p{L}])[\u180B-\u180D\u180F]",
    r"(?<=[\p{Mongolian}&&\p{L}])\u180E(?=[\p{Mongolian}&&\p{L}])",
    # tags only inside a subdivision flag
    r"(?<=\U0001F3F4)[\U000E0030-\U000E0039\U000E0061-\U000E007A]{2,7}\U000E007F",
]
ALLOWED = regex.compile("(?V1)" + "|".join(f"(?:{p})" for p in ALLOWED_INVISIBLE))
HIDDEN = regex.compile(r"[\p{Cf}\p{Default_Ignorable_Code_Point}]")
NEVER = regex.compile(
    r"(?V1)[[\p{Cc}--\n]\p{Co}\p{Cs}\p{Noncharacter_Code_Point}"
    r"[\p{Cn}--\p{Extended_Pictographic}]\u2800\U0001D159\uFFFC"
    r"\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]"
)


def check_accepted(value, out, max_len, lines):
    assert unicodedata.is_normalized("NFC", out)
    assert len(out) <= max_len
    assert NEVER.search(out) is None, ascii(out)
    leftover = ALLOWED.sub("", out)
    assert HIDDEN.search(leftover) is None, ascii(out)  # nothing invisible but where allowed
    assert regex.search(r"(?:^|[ \n])\p{M}", out) is None  # every mark sits on something
    for run in regex.findall(r"(?V1)[\p{Mn}\p{Me}\p{Mc}--\p{Default_Ignorable_Code_Point}]+", out):
        assert len(regex.findall(r"(?V1)[\p{Mn}\p{Me}--\p{DI}]", run)) <= MAX_MARKS
    assert regex.search(r"[\t\r\p{Zl}\p{Zp}]|[\p{Zs}--\x20]", out, flags=regex.V1) is None
    assert "  " not in out and out == out.strip(" \n")
    if lines:
        assert "\n\n\n" not in out and " \n" not in out and "\n " not in out
    else:
        assert "\n" not in out
    assert clean(out, max_len=max_len, min_len=0, lines=lines) == out  # stable


@given(value=mixed, max_len=st.integers(1, 80), lines=st.booleans())
@example(value="Ali\u200bce", max_len=40, lines=False)
@example(value="یه\u200cخ", max_len=40, lines=False)
def test_whatever_is_accepted_is_clean(value, max_len, lines):
    try:
        out = clean(value, max_len=max_len, min_len=0, lines=lines)
    except TextError as exc:
        assert exc.message.startswith("The text ")
        return
    check_accepted(value, out, max_len, lines)


@given(value=mixed, lines=st.booleans())
def test_accepted_text_is_never_blank(value, lines):
    try:
        out = clean(value, max_len=200, lines=lines)
    except TextError:
        return
    visible = regex.sub(r"[\s\p{M}\p{Cf}\p{Default_Ignorable_Code_Point}]", "", out)
    assert visible, ascii(out)


word = st.text(
    st.characters(
        codec=None,
        categories=["Ll", "Lu", "Lo"],
        include_characters="",
    ).filter(
        lambda c: (
            regex.fullmatch(r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Hangul}\p{Hiragana}]", c)
            and not regex.fullmatch(r"\p{Default_Ignorable_Code_Point}", c)
        )
    ),
    min_size=2,
    max_size=12,
).map(lambda w: unicodedata.normalize("NFC", w))


@given(name=word, where=st.integers(1, 11), hidden=st.sampled_from(INVISIBLE))
def test_an_invisible_character_inside_a_word_is_refused(name, where, hidden):
    """ "Ali\u200bce" never passes for "Alice", whatever the letters and the invisible."""
    assume(where < len(name) and clean(name, max_len=40) == name)
    with pytest.raises(TextError, match="cannot show"):
        clean(name[:where] + hidden + name[where:], max_len=40, label="name")


@given(name=st.sampled_from(NAMES), pad=st.text(" \t\n\u00a0\u3000\u2003", max_size=4))
def test_spaces_around_a_name_change_nothing(name, pad):
    assert clean(pad + name + pad, max_len=120) == name
