"""The small pieces the charts are drawn with: escaping, text fitting, ticks, the document.

Charts are strings built here by hand (no library): every piece of text goes through esc(),
every number through num(), so the same data always gives the same bytes and no typed name
can become markup.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections.abc import Sequence

from .typed import clusters, plain

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
INK = "#111111"
GRID = "#bbbbbb"
SIZE = 14  # label text, px; titles are larger

# Fills that stay apart in black and white: a hatch, a solid dark, dots on light, a
# crosshatch; each series also has its own label, so none is told by its colour alone.
PATTERNS = (
    (
        "hatch",
        "#ffffff",
        '<path d="M0 8L8 0M-2 2L2 -2M6 10L10 6" stroke="#111111" stroke-width="1.6"/>',
    ),
    ("solid", "#2b2b2b", ""),
    ("dots", "#e8e8e8", '<circle cx="4" cy="4" r="1.4" fill="#111111"/>'),
    ("cross", "#ffffff", '<path d="M0 4H8M4 0V8" stroke="#111111" stroke-width="1"/>'),
)
# Text drawn over each pattern: light on the solid fill, dark on the others.
PATTERN_INK = ("#111111", "#ffffff", "#111111", "#111111")


def esc(value: object) -> str:
    """Text for an SVG element or attribute: typed text stays text, whatever it holds."""
    text = plain(value)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def num(x: float) -> str:
    """A coordinate or value: at most two decimals, no trailing zeros, never '-0'."""
    text = f"{round(float(x), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def value_text(x: float) -> str:
    """A data value as a label: integers without decimals, others with one."""
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def tick_text(t: float) -> str:
    """A tick as written under an axis: 5, 2.5, 0.25 (steps are multiples of 0.01)."""
    return num(t)


def char_width(c: str) -> float:
    """Rough advance of a character in ems, measured on the widest common sans-serif (DejaVu
    Sans, what Linux browsers fall back to). Errs wide, so a label measured to fit does fit."""
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return 1.0
    if unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0.0
    if c in "ijl.,:;'|!":
        return 0.32
    if c in "ftr()[]{} -":
        return 0.44
    if c in "mwMW@%&…":
        return 1.0
    return 0.78 if c.isupper() else 0.64


def width(text: str, size: float = SIZE, bold: bool = False) -> float:
    return sum(char_width(c) for c in text) * size * (1.1 if bold else 1.0)


def ellipsis(text: str, room: float, size: float = SIZE, bold: bool = False) -> str:
    """`text` cut (between clusters) with '…' so that it fits in `room` px."""
    if width(text, size, bold) <= room:
        return text
    out, used = "", width("…", size, bold)
    for part in clusters(text):
        used += width(part, size, bold)
        if used > room:
            break
        out += part
    return out.rstrip() + "…"


def wrap(
    text: str, room: float, lines: int = 2, size: float = SIZE, bold: bool = False
) -> list[str]:
    """`text` in at most `lines` lines of at most `room` px, cut at spaces; a word too long
    for a line, or what is left after the last line, ends with '…'."""
    words, out = plain(text).split(" "), []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and width(line + " " + words[0], size, bold) <= room:
            line += " " + words.pop(0)
        if len(out) == lines - 1 and words:
            line = ellipsis(line + " " + " ".join(words), room, size, bold)
            words = []
        out.append(ellipsis(line, room, size, bold))
    return out or [""]


def ticks(lo: float, hi: float, count: int = 5, steps: Sequence[float] = (1, 2, 5)) -> list:
    """Round-numbered ticks from at most `lo` to at least `hi`, about `count` of them. Steps
    are a step from `steps` times a power of ten (counts: 1, 2, 5; minutes could add 15, 30);
    integer data never gets a fractional step."""
    lo = lo if math.isfinite(lo) else 0
    if not math.isfinite(hi) or hi - lo < 1e-6:  # nothing to spread: one step of 1
        hi = lo + 1
    raw = (hi - lo) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    candidates = sorted({s * p for p in (power / 10, power, power * 10) for s in steps})
    # Labels are written with at most two decimals: a finer step would repeat them.
    step = max(next(s for s in candidates if s >= raw), 0.01)
    if lo == int(lo) and hi == int(hi) and step < 1:
        step = 1
    first, last = math.floor(lo / step), math.ceil(hi / step)
    return [_clean(k * step) for k in range(first, last + 1)]


def _clean(x: float):
    x = round(x, 9)
    return int(x) if x == int(x) else x


def chart_id(kind: str, title: str, data: object) -> str:
    """A stable id prefix for a chart, so several charts inlined in one page keep their
    titles and patterns apart; the same chart always gets the same id."""
    digest = hashlib.sha256(repr((kind, title, data)).encode("utf-8", "replace")).hexdigest()
    return f"{kind}-{digest[:8]}"


def pattern_defs(cid: str) -> str:
    out = []
    for name, fill, mark in PATTERNS:
        out.append(
            f'<pattern id="{cid}-{name}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{fill}"/>{mark}</pattern>'
        )
    return "<defs>" + "".join(out) + "</defs>"


def fill_of(cid: str, index: int) -> str:
    return f"url(#{cid}-{PATTERNS[index % len(PATTERNS)][0]})"


def text(
    x: float,
    y: float,
    body: str,
    *,
    size: float = SIZE,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = INK,
    full: str | None = None,
) -> str:
    """One line of text; `full` (the whole label, when `body` was shortened) becomes its
    <title>, which browsers show on hover and screen readers can read."""
    attrs = f'x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{fill}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if weight != "normal":
        attrs += f' font-weight="{weight}"'
    tip = f"<title>{esc(full)}</title>" if full is not None and plain(full) != body else ""
    return f"<text {attrs}>{tip}{esc(body)}</text>"


def document(
    cid: str, w: float, h: float, title: str, desc: str, body: list[str], defs: str = ""
) -> str:
    """The whole SVG: named for screen readers (role, aria-label, title, desc), a white
    background (legible inlined in a dark page), the system font, no script."""
    label = esc(title)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(w)}" height="{num(h)}" '
        f'viewBox="0 0 {num(w)} {num(h)}" role="img" aria-label="{label}" '
        f'aria-labelledby="{cid}-title {cid}-desc" font-family="{FONT}">'
    )
    parts = [
        head,
        f'<title id="{cid}-title">{label}</title>',
        f'<desc id="{cid}-desc">{esc(desc)}</desc>',
        defs,
        f'<rect width="{num(w)}" height="{num(h)}" fill="#ffffff"/>',
        text(16, 28, ellipsis(plain(title), w - 32, 18, True), size=18, weight="bold", full=title),
        *body,
        "</svg>",
    ]
    return "\n".join(p for p in parts if p) + "\n"
