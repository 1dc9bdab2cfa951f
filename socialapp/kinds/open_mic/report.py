"""The open mic's part of the host's report, pure: the stories told, from plain rows, and the
section that lists them (recap.report_part reads the rows; socialapp.core.report calls
`section`, the kind's report_section, with the report's data: "stories")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ...core.markdown import heading, md_text
from ...core.wording import figure, plural


def story_figures(entries: Iterable[Mapping]) -> list[dict]:
    """The stories told, in the order told: [{"title", "name", "minutes"}]. An entry:
    {"title", "name" (None once personal data is gone), "started_at", "ended_at"}; one never
    started was not told. Minutes have one decimal; a story still running has None."""
    told = [e for e in entries if e.get("started_at") is not None]
    told.sort(key=lambda e: e["started_at"])
    return [
        {
            "title": e.get("title") or "",
            "name": e.get("name"),
            "minutes": (
                round((e["ended_at"] - e["started_at"]) / 60, 1)
                if e.get("ended_at") is not None
                else None
            ),
        }
        for e in told
    ]


def section(data):
    """The "Stories told" section: each story, its teller and minutes, in the order told."""
    stories = data.get("stories") or []
    if not stories:
        return [], {}
    timed = [s["minutes"] for s in stories if s.get("minutes") is not None]
    lines = [heading(2, "Stories told"), ""]
    lines += [
        f"{plural(len(stories), 'story', 'stories')}, {figure(sum(timed))} minutes in all.",
        "",
    ]
    for i, s in enumerate(stories, start=1):
        item = md_text(s.get("title") or "Untitled")
        if s.get("name"):
            item += f", told by {md_text(s['name'])}"
        if s.get("minutes") is not None:
            item += f" ({figure(s['minutes'])} min)"
        lines.append(f"{i}. {item}")
    return lines, {}
