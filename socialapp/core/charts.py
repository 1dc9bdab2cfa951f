"""Server-rendered SVG charts for the host's report: legible on screen and on paper.

    step_chart(series, title=...)      people over time (joined, present), a step line each
    histogram(counts, title=..., mean=...)   how many people per value, the mean marked
    bar_chart(bars, title=...)         horizontal bars (votes per option, notes per theme)
    stacked_bars(rows, title=...)      shares before and after (a debate), 100 % each

Each returns the SVG as a string. Printed in black and white every series stays apart
without colour: lines differ by dash and are labelled at their ends, fills are patterns,
and every value is written on or beside its bar. Each chart has a title and a description
(the data in words, or the caller's) for screen readers, no script and no web font. Labels
people typed are escaped and shortened to fit, the whole text kept in a <title> tooltip.
Same data in, same bytes out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import svg
from .svg import GRID, INK, num, text, value_text
from .typed import plain
from .wording import and_list

W = 640
# Lines: a dash pattern and a colour each (colours from the Okabe-Ito palette, told apart
# under colour-vision deficiencies; the dash alone tells them apart on paper).
LINES = (
    ("", "#000000", 3),
    ("9 5", "#0072b2", 2.5),
    ("2 4", "#d55e00", 2.5),
    ("12 4 3 4", "#009e73", 2.5),
)
BAR = "#5a86b4"  # a mid tone: grey on paper, black text beside it stays readable


def _axes_y(top: float, bottom: float, left: float, right: float, tks: list, scale) -> list:
    out = []
    for t in tks:
        y = scale(t)
        out.append(
            f'<line x1="{num(left)}" y1="{num(y)}" x2="{num(right)}" y2="{num(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(text(left - 8, y + 5, svg.tick_text(t), anchor="end"))
    out.append(
        f'<line x1="{num(left)}" y1="{num(top)}" x2="{num(left)}" y2="{num(bottom)}" '
        f'stroke="{INK}" stroke-width="1.5"/>'
    )
    out.append(
        f'<line x1="{num(left)}" y1="{num(bottom)}" x2="{num(right)}" '
        f'y2="{num(bottom)}" stroke="{INK}" stroke-width="1.5"/>'
    )
    return out


def _axis_titles(
    x_label: str, y_label: str, left: float, right: float, bottom: float, top: float
) -> list:
    return [
        text(
            (left + right) / 2,
            bottom + 44,
            svg.ellipsis(plain(x_label), right - left),
            anchor="middle",
            full=x_label,
        ),
        text(16, top - 12, svg.ellipsis(plain(y_label), W / 2), full=y_label),
    ]


def _empty(cid: str, title: str, desc: str, message: str) -> str:
    body = [text(W / 2, 100, message, anchor="middle")]
    return svg.document(cid, W, 140, title, desc, body)


# ---------------------------------------------------------------- step chart


def step_chart(
    series: Sequence[Mapping],
    *,
    title: str,
    x_label: str = "Minutes since the start",
    y_label: str = "People",
    desc: str | None = None,
) -> str:
    """`series`: [{"label": str, "points": [[x, y], ...]}], at most four, x ascending. Each
    value holds until the next point (a count sampled over time)."""
    series = [
        {"label": plain(s["label"]), "points": sorted((float(x), float(y)) for x, y in s["points"])}
        for s in list(series)[: len(LINES)]
    ]
    cid = svg.chart_id("step", title, series)
    desc = desc if desc is not None else _step_desc(series, x_label)
    points = [p for s in series for p in s["points"]]
    if not points:
        return _empty(cid, title, desc, "No data yet.")
    left, right, top, bottom = 56, W - 150, 64, 300
    xt = svg.ticks(
        min(x for x, _ in points), max(x for x, _ in points), 6, (1, 2, 5, 10, 15, 30, 60)
    )
    yt = svg.ticks(0, max(max(y for _, y in points), 1), 5)

    def sx(x):
        return left + (x - xt[0]) / (xt[-1] - xt[0]) * (right - left)

    def sy(y):
        return bottom - (y - yt[0]) / (yt[-1] - yt[0]) * (bottom - top)

    body = _axes_y(top, bottom, left, right, yt, sy)
    for t in xt:
        body.append(
            f'<line x1="{num(sx(t))}" y1="{num(bottom)}" x2="{num(sx(t))}" '
            f'y2="{num(bottom + 5)}" stroke="{INK}"/>'
        )
        body.append(text(sx(t), bottom + 22, svg.tick_text(t), anchor="middle"))
    body += _axis_titles(x_label, y_label, left, right, bottom, top)
    ends = []
    for i, s in enumerate(series):
        if not s["points"]:
            continue
        dash, colour, stroke = LINES[i]
        (x0, y0), *rest = s["points"]
        d = f"M{num(sx(x0))} {num(sy(y0))}"
        for x, y in rest:
            d += f"H{num(sx(x))}V{num(sy(y))}"
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(
            f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{stroke}"'
            f'{dash_attr} stroke-linejoin="round"/>'
        )
        ends.append([sy(s["points"][-1][1]), i, s])
    body += _end_labels(ends, right, top, bottom)
    return svg.document(cid, W, bottom + 64, title, desc, body)


def _end_labels(ends: list, right: float, top: float, bottom: float) -> list:
    """Each line named at its end (a dash sample, its label, its last value), pushed apart
    so labels never overlap."""
    ends.sort(key=lambda e: (e[0], e[1]))
    for k in range(1, len(ends)):
        ends[k][0] = max(ends[k][0], ends[k - 1][0] + 20)
    overflow = ends[-1][0] - (bottom + 8) if ends else 0
    out = []
    for y, i, s in ends:
        y = y - max(overflow, 0)
        dash, colour, stroke = LINES[i]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{num(right + 6)}" y1="{num(y)}" x2="{num(right + 30)}" '
            f'y2="{num(y)}" stroke="{colour}" stroke-width="{stroke}"{dash_attr}/>'
        )
        label = f"{s['label']} {value_text(s['points'][-1][1])}"
        out.append(text(right + 36, y + 5, svg.ellipsis(label, W - right - 40), full=label))
    return out


def _step_desc(series: list, x_label: str) -> str:
    parts = []
    for s in series:
        if not s["points"]:
            continue
        peak = max(s["points"], key=lambda p: (p[1], -p[0]))
        last = s["points"][-1]
        parts.append(
            f"{s['label']}: {value_text(last[1])} at the end ({x_label.lower()} "
            f"{value_text(last[0])}), at most {value_text(peak[1])} (at {value_text(peak[0])})"
        )
    return "; ".join(parts) + "." if parts else "No data yet."


# ---------------------------------------------------------------- histogram


def histogram(
    counts: Mapping[int, int],
    *,
    title: str,
    x_label: str,
    y_label: str = "People",
    mean: float | None = None,
    desc: str | None = None,
) -> str:
    """`counts`: {value: how many} for whole values from 0 up (new people met -> attendees);
    every value from 0 to the largest gets a bar, empty ones too. `mean` draws a dashed line
    at the mean with its value written on it."""
    counts = {int(k): int(v) for k, v in counts.items() if int(k) >= 0}
    cid = svg.chart_id("hist", title, (sorted(counts.items()), mean))
    desc = desc if desc is not None else _hist_desc(counts, mean, x_label)
    if not counts:
        return _empty(cid, title, desc, "No data yet.")
    values = range(0, max(counts) + 1)
    left, right, top, bottom = 56, W - 24, 96, 320
    yt = svg.ticks(0, max(max(counts.values()), 1), 5)
    slot = (right - left) / len(values)

    def sy(y):
        return bottom - y / yt[-1] * (bottom - top)

    body = _axes_y(top, bottom, left, right, yt, sy)
    every = max(1, -(-len(values) // 20))  # at most 20 value labels under the bars
    for i, v in enumerate(values):
        x, n = left + i * slot, counts.get(v, 0)
        if n:
            body.append(
                f'<rect x="{num(x + slot * 0.1)}" y="{num(sy(n))}" '
                f'width="{num(slot * 0.8)}" height="{num(bottom - sy(n))}" fill="{BAR}" '
                f'stroke="{INK}" stroke-width="1"/>'
            )
            if slot >= 16:
                body.append(text(x + slot / 2, sy(n) - 6, str(n), anchor="middle", size=13))
        if i % every == 0:
            body.append(text(x + slot / 2, bottom + 22, str(v), anchor="middle"))
    body += _axis_titles(x_label, y_label, left, right, bottom, top)
    if mean is not None and counts:
        mx = left + (float(mean) + 0.5) * slot
        body.append(
            f'<line x1="{num(mx)}" y1="{num(top - 40)}" x2="{num(mx)}" '
            f'y2="{num(bottom)}" stroke="{INK}" stroke-width="2" '
            f'stroke-dasharray="6 4"/>'
        )
        anchor = "end" if mx > (left + right) / 2 else "start"
        shift = -6 if anchor == "end" else 6
        body.append(text(mx + shift, top - 30, f"Mean {mean:.1f}", anchor=anchor, weight="bold"))
    return svg.document(cid, W, bottom + 64, title, desc, body)


def _hist_desc(counts: dict, mean, x_label: str) -> str:
    parts = [f"{n} with {v}" for v, n in sorted(counts.items()) if n]
    head = f"{x_label}: " + (", ".join(parts) if parts else "no data yet")
    return head + (f"; mean {mean:.1f}." if mean is not None else ".")


# ---------------------------------------------------------------- horizontal bars


def bar_chart(
    bars: Sequence[Mapping],
    *,
    title: str,
    unit: tuple[str, str] = ("vote", "votes"),
    desc: str | None = None,
) -> str:
    """`bars`: [{"label": str, "value": number, "note": str (optional, written after the
    value, e.g. "40%"), "strong": bool (optional, the label in bold: a winner)}], drawn in the
    order given. Values are written after each bar with their unit."""
    bars = [
        {
            "label": plain(b["label"]),
            "value": float(b["value"]),
            "note": plain(b.get("note", "")),
            "strong": bool(b.get("strong")),
        }
        for b in bars
    ]
    cid = svg.chart_id("bars", title, (bars, unit))
    desc = desc if desc is not None else _bar_desc(bars, unit)
    if not bars:
        return _empty(cid, title, desc, "Nothing to show yet.")
    left, top, row = 216, 52, 40
    for b in bars:
        b["words"] = f"{value_text(b['value'])} {unit[0] if b['value'] == 1 else unit[1]}"
        b["words"] += f" · {b['note']}" if b["note"] else ""
    # The longest bar leaves room for the widest value, so values are never cut.
    room = W - left - 20 - min(max(svg.width(b["words"]) for b in bars), 220)
    top_value = max(max(b["value"] for b in bars), 1)
    body = []
    for i, b in enumerate(bars):
        y = top + i * row
        lines = svg.wrap(b["label"], left - 28, 2, bold=b["strong"])
        weight = "bold" if b["strong"] else "normal"
        first = y + row / 2 + 5 - (len(lines) - 1) * 8
        for k, line in enumerate(lines):
            body.append(
                text(left - 12, first + k * 16, line, anchor="end", weight=weight, full=b["label"])
            )
        length = max(b["value"], 0) / top_value * room
        body.append(
            f'<rect x="{left}" y="{num(y + 8)}" width="{num(length)}" '
            f'height="{row - 16}" fill="{BAR}" stroke="{INK}" stroke-width="1"/>'
        )
        words = svg.ellipsis(b["words"], W - left - length - 12)
        body.append(text(left + length + 8, y + row / 2 + 5, words, full=b["words"]))
    body.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{num(top + len(bars) * row)}" '
        f'stroke="{INK}" stroke-width="1.5"/>'
    )
    return svg.document(cid, W, top + len(bars) * row + 16, title, desc, body)


def _bar_desc(bars: list, unit: tuple[str, str]) -> str:
    if not bars:
        return "Nothing to show yet."
    parts = []
    for b in bars:
        words = f"{b['label']}: {value_text(b['value'])} {unit[0] if b['value'] == 1 else unit[1]}"
        parts.append(words + (f" ({b['note']})" if b["note"] else ""))
    return "; ".join(parts) + "."


# ---------------------------------------------------------------- stacked bars


def stacked_bars(rows: Sequence[Mapping], *, title: str, desc: str | None = None) -> str:
    """`rows`: [{"label": "Before", "parts": [{"label": "For", "value": 40.0}, ...]}], the
    parts of a row being shares in percent (they are drawn as parts of their row's total).
    Part k has the same pattern in every row; each segment wide enough carries its share,
    and a line under each bar lists every part with its share."""
    rows = [
        {
            "label": plain(r["label"]),
            "parts": [
                {"label": plain(p["label"]), "value": max(float(p["value"]), 0.0)}
                for p in r["parts"]
            ],
        }
        for r in rows
    ]
    cid = svg.chart_id("stack", title, rows)
    desc = desc if desc is not None else _stack_desc(rows)
    if not rows:
        return _empty(cid, title, desc, "Nothing to show yet.")
    left, top, row, right = 120, 52, 74, W - 24
    body = []
    # A part keeps its pattern from row to row, found by its name.
    names = list(dict.fromkeys(p["label"] for r in rows for p in r["parts"]))
    for i, r in enumerate(rows):
        y = top + i * row
        body.append(
            text(
                left - 12,
                y + 27,
                svg.ellipsis(r["label"], left - 20, bold=True),
                anchor="end",
                weight="bold",
                full=r["label"],
            )
        )
        total, x = sum(p["value"] for p in r["parts"]), float(left)
        for p in r["parts"]:
            k = names.index(p["label"])
            w = p["value"] / total * (right - left) if total else 0
            if w > 0:
                body.append(
                    f'<rect x="{num(x)}" y="{y + 6}" width="{num(w)}" height="30" '
                    f'fill="{svg.fill_of(cid, k)}" stroke="{INK}" stroke-width="1"/>'
                )
                share = f"{value_text(p['value'])}%"
                if svg.width(share, 13) + 10 <= w:
                    ink = svg.PATTERN_INK[k % len(svg.PATTERN_INK)]
                    body.append(_badge(x + w / 2, y + 26, share, ink))
            x += w
        caption = " · ".join(f"{p['label']} {value_text(p['value'])}%" for p in r["parts"])
        body.append(
            text(left, y + 56, svg.ellipsis(caption, right - left, 13), size=13, full=caption)
        )
    legend, end = _legend(cid, names, top + len(rows) * row + 4)
    return svg.document(cid, W, end + 16, title, desc, body + legend, defs=svg.pattern_defs(cid))


def _badge(x: float, y: float, share: str, ink: str) -> str:
    """A share over a patterned fill: a small plain box behind it keeps it readable."""
    back = "#ffffff" if ink == INK else "#2b2b2b"
    w = svg.width(share, 13) + 6
    return (
        f'<rect x="{num(x - w / 2)}" y="{num(y - 14)}" width="{num(w)}" height="18" '
        f'fill="{back}"/>' + text(x, y, share, size=13, anchor="middle", fill=ink, weight="bold")
    )


def _legend(cid: str, names: list[str], y: float) -> tuple[list, float]:
    """Pattern swatches with their names, in as many lines as they need; returns the
    elements and where they end."""
    out, x = [], 120.0
    for k, name in enumerate(names):
        label = svg.ellipsis(name, 160)
        if x > 120 and x + 28 + svg.width(label) > W - 16:
            x, y = 120.0, y + 26
        out.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="22" height="16" '
            f'fill="{svg.fill_of(cid, k)}" stroke="{INK}" stroke-width="1"/>'
        )
        out.append(text(x + 28, y + 13, label, full=name))
        x += 28 + svg.width(label) + 20
    return out, y + 20


def _stack_desc(rows: list) -> str:
    if not rows:
        return "Nothing to show yet."
    return (
        "; ".join(
            f"{r['label']}: "
            + and_list([f"{p['label']} {value_text(p['value'])}%" for p in r["parts"]])
            for r in rows
        )
        + "."
    )
