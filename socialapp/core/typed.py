"""Text people typed, made fit to write into a file (SVG, Markdown, vCard) as plain text.

People's names, titles and notes reach reports, charts and contact cards. Whatever they hold
must come out as text: the writers escape their own syntax, and this module removes what no
format should carry: control characters, lone surrogates (not encodable), the code points XML
1.0 forbids, and the bidirectional controls that could reorder the text around a name (the
connect kind refuses the same ones in contact lines).
"""

from __future__ import annotations

import unicodedata

BIDI = frozenset({*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C})
# Joiners and variation selectors stick to the character before them: never cut there.
_STICKY = frozenset({0x200D, *range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400), 0x20E3})


def _keep(c: str) -> bool:
    o = ord(c)
    if o in BIDI or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF):
        return False
    return unicodedata.category(c) != "Cc"


def plain(value: object) -> str:
    """One line of text: line breaks and tabs become spaces, runs of spaces one space, and
    the characters no file should carry are dropped."""
    text = "".join(c if _keep(c) else " " if c in "\t\n\r" else "" for c in str(value))
    return " ".join(text.split())


def plain_lines(value: object) -> list[str]:
    """Like plain(), but keeps the line breaks: one string per line (no empty lines)."""
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line for line in (plain(line) for line in lines) if line]


def clusters(text: str) -> list[str]:
    """The text cut into user-perceived characters (an approximation of grapheme clusters):
    a combining mark, joiner, variation selector or skin tone stays with what it modifies, so
    shortening a label never splits an accent or an emoji."""
    out: list[str] = []
    for c in text:
        sticky = ord(c) in _STICKY or unicodedata.category(c) in ("Mn", "Mc", "Me")
        if out and (sticky or out[-1].endswith("\u200d")):
            out[-1] += c
        else:
            out.append(c)
    return out


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters (clusters), with an ellipsis if anything was cut."""
    parts = clusters(text)
    if len(parts) <= limit:
        return text
    return "".join(parts[: max(limit - 1, 0)]).rstrip() + "…"
