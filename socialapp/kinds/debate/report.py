"""The debates in the host's report, pure: each motion's result and, when the room voted
before and after, a chart of both (recap.report_part gives the data, "debates": results of
socialapp.core.debate.count_debate; socialapp.core.report calls `section`, the kind's
report_section)."""

from __future__ import annotations

from ...core import charts
from ...core.markdown import heading, image, paragraph


def section(data):
    """The "Debates" section: each motion's summary, before and after side by side."""
    debates = data.get("debates") or []
    if not debates:
        return [], {}
    lines, files = [heading(2, "Debates"), ""], {}
    for i, d in enumerate(debates, start=1):
        result = d["result"]
        lines += [heading(3, d["motion"]), ""]
        lines += [paragraph(result["summary"]), ""]
        if result["paired"]:
            path = f"charts/debate-{i}.svg"
            rows = [
                {
                    "label": when.capitalize(),
                    "parts": [
                        {"label": side.capitalize(), "value": result[when][side]["share"]}
                        for side in ("for", "against", "undecided")
                    ],
                }
                for when in ("before", "after")
            ]
            files[path] = charts.stacked_bars(rows, title=f"Before and after: {d['motion']}")
            lines += [image(f"Before and after: {d['motion']}", path), ""]
    return lines, files
