"""Markdown that shows people's text as typed: no HTML, no links, no emphasis, no blocks.

Targets CommonMark and GitHub's additions (tables, strikethrough), which most blog engines
follow: every character that could start markup is backslash-escaped, an entity-like
"&name;" is written "&amp;name;", and line breaks are flattened, so a typed text can never
open a block, a link, an image, raw HTML or a table cell. Plain words stay readable.
"""

from __future__ import annotations

import re

from .typed import plain

# Backslash first (it escapes the others); then what opens emphasis, code, links, images,
# raw HTML, tables, strikethrough, math and attribute lists ({: .class} in some engines).
# "#" anywhere: a heading would drop a typed trailing " #". "!" needs nothing: an image
# needs a "[", which is escaped.
_INLINE = re.compile(r"([\\`*_\[\]<>|~${}#])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^([>+=:-])")
_NUMBERED = re.compile(r"^(\d+)([.)])")


def md_text(value: object) -> str:
    """One line of plain text that renders exactly as typed (after plain())."""
    text = _INLINE.sub(r"\\\1", plain(value))
    text = _ENTITY.sub("&amp;", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _NUMBERED.sub(r"\1\\\2", text)


def paragraph(sentences: list) -> str:
    """Sentences (a result's summary, names and options in it) as one escaped paragraph."""
    return " ".join(md_text(sentence) for sentence in sentences)


def heading(level: int, value: object) -> str:
    return f"{'#' * level} {md_text(value)}"


def table(head: list[str], rows: list[list[object]]) -> list[str]:
    """A GitHub-style table; cells are escaped here (a typed | cannot add a column)."""
    lines = ["| " + " | ".join(md_text(h) for h in head) + " |"]
    lines.append("|" + "|".join(" --- " for _ in head) + "|")
    lines += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in rows]
    return lines


def image(alt: object, path: str) -> str:
    """An image of ours (a chart file we named), its alt text escaped."""
    return f"![{md_text(alt)}]({path})"
