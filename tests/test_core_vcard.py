"""vCard 4.0 for "Save all", read back with vobject (a vCard library kept by others)."""

from pathlib import Path

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from socialapp.core.typed import plain
from socialapp.kinds.connect import vcard

CORPUS = Path(__file__).parent.joinpath("data", "xss-corpus.txt").read_text().splitlines()
EVENT = "ICLR 2026 Social"
NAMES = [
    "Ada Lovelace",
    "Zoë Ñandú-Ångström",
    "李小龙",
    "さくら 山田",
    "김민준",
    "محمد بن موسى",
    "שרה כהן",
    "Ελένη Παπαδοπούλου",
    "Влади́мир",
    "अनन्या शर्मा",
    "Nguyễn Thị Minh Khai",
    "O'Brien, Jr.; \\ the 2nd",
    "👩‍🔬 Dr. Emoji 🇫🇷",
    "Ada (2)",
]


def parse(text: str) -> list:
    return list(vobject.readComponents(text))


def one(person: dict, **kw) -> vobject.base.Component:
    (card,) = parse(vcard.card(person, event=EVENT, code="ABCD", **kw))
    return card


def values(card, name: str) -> list[str]:
    return [line.value for line in card.contents.get(name, [])]


@pytest.mark.parametrize("name", NAMES + CORPUS)
def test_names_in_any_script_and_hostile_text_come_back_whole(name):
    card = one({"label": name, "round": 1, "prompt": name})
    assert card.version.value == "4.0"
    assert card.fn.value == name
    assert card.n.value.given == name and card.n.value.family == ""
    assert card.note.value == f"{EVENT}, icebreaker round 1: {name}"


def test_the_note_says_where_you_met():
    card = one({"label": "Ada", "round": 2, "prompt": "Which paper excited you?"})
    assert card.note.value == "ICLR 2026 Social, icebreaker round 2: Which paper excited you?"
    card = one({"label": "Ada", "round": 3, "segment": "Speed mixer", "prompt": "Why ML?"})
    assert card.note.value == "ICLR 2026 Social, Speed mixer round 3: Why ML?"
    assert one({"label": "Ada"}).note.value == EVENT


CONTACTS = [
    ("ada@example.org", "email", "ada@example.org", None),
    ("mailto:ada@example.org", "email", "ada@example.org", None),
    ("@ada@mastodon.social", "social", "https://mastodon.social/@ada", "mastodon"),
    ("mastodon: ada@sigmoid.social", "social", "https://sigmoid.social/@ada", "mastodon"),
    ("@ada.bsky.social", "social", "https://bsky.app/profile/ada.bsky.social", "bluesky"),
    ("bsky: ada", "social", "https://bsky.app/profile/ada.bsky.social", "bluesky"),
    ("x: @ada_l", "social", "https://x.com/ada_l", "twitter"),
    ("Twitter @ada", "social", "https://x.com/ada", "twitter"),
    ("GitHub: ada-l", "social", "https://github.com/ada-l", "github"),
    ("linkedin: ada-lovelace", "social", "https://www.linkedin.com/in/ada-lovelace", "linkedin"),
    ("hf: ada", "social", "https://huggingface.co/ada", "huggingface"),
    ("github.com/ada", "social", "https://github.com/ada", "github"),
    ("https://www.linkedin.com/in/ada/", "social", "https://www.linkedin.com/in/ada/", "linkedin"),
    ("https://ada.dev/cv", "url", "https://ada.dev/cv", None),
    ("ada.dev", "url", "https://ada.dev", None),
    ("https://ex.org/a,b;c", "url", "https://ex.org/a%2Cb%3Bc", None),
    ("https://github.com", "url", "https://github.com", None),  # a home page, no profile
    ("+33 1 23 45 67 89", "tel", "+33 1 23 45 67 89", None),
    ("(555) 123-4567", "tel", "(555) 123-4567", None),
    ("@ada", "note", "@ada", None),  # X? Telegram? Instagram? not guessed
    ("ada.lovelace", "note", "ada.lovelace", None),
    ("discord ada#1234", "note", "discord ada#1234", None),
    ("javascript:alert(1)", "note", "javascript:alert(1)", None),
    ("find me at the bar", "note", "find me at the bar", None),
    ("2026", "note", "2026", None),
]


@pytest.mark.parametrize(("line", "kind", "value", "service"), CONTACTS)
def test_contact_lines_are_sorted_into_the_right_property(line, kind, value, service):
    found = vcard.contact_kind(line)
    assert (found["kind"], found["value"], found["service"]) == (kind, value, service)
    card = one({"label": "Ada", "contact": line})
    if kind == "email":
        assert values(card, "email") == [value]
    elif kind in ("url", "social"):
        assert values(card, "url") == [value]
        expected = [value] if service else []
        assert values(card, "x-socialprofile") == expected
        if service:
            assert card.contents["x-socialprofile"][0].params["TYPE"] == [service]
    elif kind == "tel":
        assert len(values(card, "tel")) == 1
    else:
        assert card.note.value == f"{EVENT}\nContact: {value}"
    others = {"email", "url", "tel", "x-socialprofile"} - {
        {"email": "email", "url": "url", "social": "url", "tel": "tel"}.get(kind, ""),
        "x-socialprofile" if service else "",
    }
    assert not others & set(card.contents)


def test_phone_numbers():
    assert values(one({"label": "A", "contact": "+33 1 23 45 67 89"}), "tel") == [
        "tel:+33-1-23-45-67-89"
    ]
    card = one({"label": "A", "contact": "0612 345 678"})
    assert values(card, "tel") == ["0612 345 678"]
    assert "VALUE" not in card.tel.params


def test_no_contact_no_contact_property():
    card = one({"label": "Ada", "contact": None, "round": 1, "prompt": "Hi?"})
    assert not {"email", "url", "tel"} & set(card.contents)


def test_escaping_and_folding_on_the_wire():
    text = vcard.card(
        {"label": "A,B;C\\D", "contact": "x", "prompt": "é" * 100, "round": 1},
        event=EVENT,
    )
    assert "FN:A\\,B\\;C\\\\D\r\n" in text
    assert "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode()) for line in physical) == 75
    assert any(line.startswith(" é") for line in physical)  # é is 2 octets: never cut


def test_fold_keeps_utf8_sequences_whole():
    line = "NOTE:" + "a" + "€" * 60 + "👩‍🔬" * 10
    folded = vcard.fold(line)
    parts = folded.split("\r\n")[:-1]
    for part in parts:
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")  # each line is valid UTF-8 on its own
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_uids_are_stable_and_apart():
    a = one({"label": "Ada", "key": 1}).uid.value
    assert a == one({"label": "Someone else now", "key": 1}).uid.value  # the person, not the name
    assert a != one({"label": "Ada", "key": 2}).uid.value
    assert a.startswith("urn:uuid:")
    other_event = vcard.card({"label": "Ada", "key": 1}, event=EVENT, code="WXYZ")
    assert parse(other_event)[0].uid.value != a


def test_a_file_holds_one_card_per_person_in_order():
    people = [{"label": n, "contact": f"p{i}@example.org", "key": i} for i, n in enumerate(NAMES)]
    cards = parse(vcard.cards(people, event=EVENT, code="ABCD"))
    assert [c.fn.value for c in cards] == NAMES
    assert [c.email.value for c in cards] == [f"p{i}@example.org" for i in range(len(NAMES))]
    assert len({c.uid.value for c in cards}) == len(NAMES)
    assert vcard.cards([], event=EVENT) == ""


def test_filename():
    assert vcard.filename("ICLR 2026 Social!") == "iclr-2026-social-contacts.vcf"
    assert vcard.filename("李小龙") == "event-contacts.vcf"


@settings(max_examples=150, deadline=None)
@given(label=st.text(max_size=60), contact=st.text(max_size=120), prompt=st.text(max_size=200))
def test_any_card_parses_back(label, contact, prompt):
    text = vcard.card(
        {"label": label, "contact": contact, "round": 2, "prompt": prompt, "key": 5}, event=EVENT
    )
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75
    (card,) = parse(text)
    assert card.fn.value == (plain(label) or "Someone")
    note = card.note.value.split("\n")
    assert note[0] == vcard.met_note(EVENT, {"round": 2, "prompt": prompt})
    found = vcard.contact_kind(contact) if plain(contact) else None
    if found and found["kind"] == "note":
        assert note[1] == f"Contact: {plain(contact)}"
    elif found and found["kind"] == "email":
        assert card.email.value == found["value"]
