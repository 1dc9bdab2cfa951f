"""Questions from the floor in the host's report, pure: the figures from plain rows and the
section that writes them (recap.report_part reads the rows; socialapp.core.report calls
`section`, the kind's report_section, with the report's data: "questions")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ...core.markdown import heading, md_text
from ...core.wording import plural


def question_figures(questions: Iterable[Mapping], top: int = 20) -> dict:
    """{"asked", "answered", "items": the `top` most voted [{"text", "votes", "answered"}]}.
    Ties keep the order given (the kind's own order: older first)."""
    items = [
        {"text": q["text"], "votes": int(q.get("votes", 0)), "answered": bool(q.get("answered"))}
        for q in questions
    ]
    ranked = sorted(items, key=lambda q: -q["votes"])
    return {
        "asked": len(items),
        "answered": sum(1 for q in items if q["answered"]),
        "items": ranked[:top],
    }


def section(data):
    """The "Questions from the floor" section: how many asked and answered, the most voted."""
    q = data.get("questions")
    if not q or not q.get("asked"):
        return [], {}
    lines = [heading(2, "Questions from the floor"), ""]
    lines += [f"{plural(q['asked'], 'question')} asked, {q['answered']} answered.", ""]
    for item in q["items"]:
        done = ", answered" if item["answered"] else ""
        lines.append(f"- {md_text(item['text'])} (+{item['votes']}{done})")
    return lines, {}
