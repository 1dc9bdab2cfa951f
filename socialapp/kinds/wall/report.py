"""The wall's part of the host's report, pure: each wall's themes, a chart of notes per theme
and the notes themselves (export.collect gives the data, "walls"; socialapp.core.report calls
`section`, the kind's report_section)."""

from __future__ import annotations

from ...core import charts
from ...core.markdown import heading, image, md_text
from ...core.wording import plural

NOTES_SHOWN = 20  # per theme


def section(data):
    """One section per wall: its notes grouped by theme, a chart of notes per theme."""
    lines, files = [], {}
    for w, wall in enumerate(data.get("walls") or [], start=1):
        themes = [t for t in wall["themes"] if not t.get("unsorted")]
        lines += [heading(2, wall["title"]), ""]
        if not wall.get("notes"):
            lines += ["No notes.", ""]
            continue
        lines += [f"{plural(wall['notes'], 'note')}, {plural(len(themes), 'theme')}.", ""]
        if themes:
            path = f"charts/wall-{w}.svg"
            bars = [
                {"label": t["title"], "value": len(t["notes"]), "note": _vote_words(t["votes"])}
                for t in themes
            ]
            title = f"Notes per theme: {wall['title']}"
            files[path] = charts.bar_chart(bars, title=title, unit=("note", "notes"))
            lines += [image(f"Notes per theme: {wall['title']}", path), ""]
        for t in wall["themes"]:
            lines += [
                f"{heading(3, t['title'])} ({plural(len(t['notes']), 'note')}, "
                f"{_vote_words(t['votes'])})",
                "",
            ]
            lines += [f"- {md_text(n['text'])} (+{n['votes']})" for n in t["notes"][:NOTES_SHOWN]]
            if len(t["notes"]) > NOTES_SHOWN:
                lines.append(f"- and {plural(len(t['notes']) - NOTES_SHOWN, 'more note')}")
            lines.append("")
    return lines, files


def _vote_words(n: int) -> str:
    return plural(n, "vote")
