"""The host's report: plain data in, Markdown and its SVG charts out, or both in a zip.

    build(data, sections) -> {"markdown": str, "charts": {"charts/attendance.svg": svg, ...}}
    to_zip(data, sections) -> bytes   report.md and charts/*.svg, the same bytes for the same data

The core writes the head (the event, its date, how many joined), the attendance chart and the
foot; every other section is a segment kind's. `sections` are pure functions
`section(data) -> (lines, {chart path: svg})`, one per kind that reports something (its
`report_section`, in the kinds' order: socialapp/report.py passes them). A section reads its
own keys of `data` and returns no lines when they are missing, so a report kept after the
event's personal data was deleted renders with whatever kinds are installed then. A kind names
its charts after itself (charts/wall-1.svg), so two kinds never write the same file.

`data` (every key but "event" optional; a section without data is left out):
    "event":      {"name", "code", "date" (worded) or "started_at" (ts), "tz" (IANA name)}
    "attendance": [{"minute", "joined", "present"}]          figures.attendance_series
    "anonymous":  True once the event's personal data was deleted (said in the report)
    ...and each kind's keys (its report_part gives them; its report_section reads them).
Every text people typed is escaped (markdown.md_text); charts are linked as images.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Mapping

from . import charts
from .dates import date_of
from .markdown import heading, image, md_text
from .wording import figure, plural

REPORT = "report.md"

Section = Callable[[Mapping], tuple[list[str], dict[str, str]]]


def build(data: Mapping, sections: Iterable[Section] = ()) -> dict:
    lines: list[str] = []
    files: dict[str, str] = {}
    for section in (_head, _attendance, *sections, _foot):
        out, more = section(data)
        while out and not out[-1]:
            out = out[:-1]
        if out:
            lines += [*out, ""]
        files.update(more)
    return {"markdown": "\n".join(lines).rstrip("\n") + "\n", "charts": files}


def to_markdown(data: Mapping, sections: Iterable[Section] = ()) -> str:
    return build(data, sections)["markdown"]


def to_zip(data: Mapping, sections: Iterable[Section] = ()) -> bytes:
    """report.md with charts/*.svg beside it. Fixed timestamps and order: same data, same
    bytes (a zip made twice can be compared or cached)."""
    built = build(data, sections)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in [(REPORT, built["markdown"]), *sorted(built["charts"].items())]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, body.encode("utf-8"))
    return buffer.getvalue()


# ---------------------------------------------------------------- sections


def _head(data):
    event = data["event"]
    when = event.get("date") or (
        date_of(event["started_at"], event.get("tz")) if event.get("started_at") else ""
    )
    facts = [md_text(when)] if when else []
    if event.get("code"):
        facts.append(f"event {md_text(event['code'])}")
    joined = (data.get("attendance") or [{}])[-1].get("joined")
    if joined is not None:
        facts.append(f"{plural(joined, 'person', 'people')} joined")
    lines = [heading(1, event["name"])]
    if facts:
        lines += ["", " · ".join(facts)]
    return lines, {}


def _attendance(data):
    series = data.get("attendance") or []
    if not series:
        return [], {}
    path = "charts/attendance.svg"
    svg = charts.step_chart(
        [
            {"label": "Joined", "points": [[s["minute"], s["joined"]] for s in series]},
            {"label": "Present", "points": [[s["minute"], s["present"]] for s in series]},
        ],
        title="Attendance over time",
    )
    top = max(series, key=lambda s: (s["present"], -s["minute"]))
    words = (
        f"{plural(series[-1]['joined'], 'person', 'people')} joined; at most "
        f"{top['present']} were present at once (minute {figure(top['minute'])})."
    )
    return [heading(2, "Attendance"), "", image("Attendance over time", path), "", words], {
        path: svg
    }


def _foot(data):
    if data.get("anonymous"):
        note = (
            "The event's personal data was deleted: this report holds counts and the texts "
            "the host kept, no names."
        )
        return ["---", "", note], {}
    return [], {}
