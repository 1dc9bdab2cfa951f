"""The votes in the host's report, pure: each question's summary, a chart fitting its type and
the open answers (export.report_part gives the data, "votes": counting results;
socialapp.core.report calls `section`, the kind's report_section)."""

from __future__ import annotations

from collections.abc import Mapping

from ...core import charts
from ...core.markdown import heading, image, md_text, paragraph
from ...core.wording import figure, plural

ANSWERS_SHOWN = 20  # open answers per question
WORDS_SHOWN = 12


def section(data):
    """The "Votes" section: every question with ballots, its summary and chart."""
    votes = data.get("votes") or []
    if not votes:
        return [], {}
    lines, files = [heading(2, "Votes"), ""], {}
    for i, vote in enumerate(votes, start=1):
        result = vote["result"]
        lines += [heading(3, vote["title"]), ""]
        lines += [paragraph(result["summary"]), ""]
        bars, unit = result_bars(result)
        if bars:
            path = f"charts/vote-{i}.svg"
            files[path] = charts.bar_chart(bars, title=vote["title"], unit=unit)
            lines += [image(vote["title"], path), ""]
        if result["type"] == "text":
            lines += [
                f"- {md_text(a['text'])}" + (f" (×{a['count']})" if a["count"] > 1 else "")
                for a in result["answers"][:ANSWERS_SHOWN]
            ] + [""]
        lines.append(f"{result['method_label']}; {plural(result['ballots'], 'ballot')} counted.")
        lines.append("")
    return lines, files


def result_bars(result: Mapping) -> tuple[list, tuple[str, str]]:
    """A counting result as bars: options (first choices when ranked), scale values, or the
    most common words; open answers have none."""
    kind = result["type"]
    winners = set(map(str, result.get("winners", ())))
    if kind in ("single", "approval", "ranked"):
        unit = ("first choice", "first choices") if kind == "ranked" else ("vote", "votes")
        bars = [
            {
                "label": o["label"],
                "value": o["count"],
                "note": f"{figure(o['share'])}%",
                "strong": str(o["id"]) in winners,
            }
            for o in result["options"]
        ]
        return bars, unit
    if kind == "scale":
        bars = [
            {"label": str(v["value"]), "value": v["count"], "note": f"{figure(v['share'])}%"}
            for v in result["values"]
        ]
        return bars, ("ballot", "ballots")
    if kind == "words":
        bars = [{"label": w["text"], "value": w["count"]} for w in result["words"][:WORDS_SHOWN]]
        return bars, ("phone", "phones")
    return [], ("", "")
