"""The host's report: plain data in, Markdown and its SVG charts out, or both in a zip.

    build(data) -> {"markdown": str, "charts": {"charts/attendance.svg": svg, ...}}
    to_zip(data) -> bytes          report.md and charts/*.svg, the same bytes for the same data

`data` (every key but "event" optional; a section without data is left out):
    "event":      {"name", "code", "date" (worded) or "started_at" (ts), "tz" (IANA name)}
    "attendance": [{"minute", "joined", "present"}]          figures.attendance_series
    "rounds":     [{"number", "segment", "prompt", "groups", "found", "not_found", ...}]
                                                             figures.round_figures
    "met":        figures.met_figures (new people each attendee met)
    "stories":    [{"title", "name" or None, "minutes" or None}]    figures.story_figures
    "walls":      [{"title", "notes", "themes": [{"title", "unsorted", "votes",
                   "notes": [{"text", "votes"}]}]}]          the wall kind's export.collect
    "votes":      [{"title", "result": counting.count(...)}]
    "debates":    [{"motion", "result": debate.count_debate(...)}]
    "questions":  figures.question_figures
    "anonymous":  True once the event's personal data was deleted (said in the report)
Every text people typed is escaped (markdown.md_text); charts are linked as images.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from . import charts
from .dates import date_of
from .markdown import heading, image, md_text, table
from .wording import plural

REPORT = "report.md"
NOTES_SHOWN = 20  # per theme
ANSWERS_SHOWN = 20  # open answers per question
WORDS_SHOWN = 12


def build(data: Mapping) -> dict:
    lines: list[str] = []
    files: dict[str, str] = {}
    for section in SECTIONS:
        out, more = section(data)
        while out and not out[-1]:
            out = out[:-1]
        if out:
            lines += [*out, ""]
        files.update(more)
    return {"markdown": "\n".join(lines).rstrip("\n") + "\n", "charts": files}


def to_markdown(data: Mapping) -> str:
    return build(data)["markdown"]


def to_zip(data: Mapping) -> bytes:
    """report.md with charts/*.svg beside it. Fixed timestamps and order: same data, same
    bytes (a zip made twice can be compared or cached)."""
    built = build(data)
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
        f"{top['present']} were present at once (minute {_n(top['minute'])})."
    )
    return [heading(2, "Attendance"), "", image("Attendance over time", path), "", words], {
        path: svg
    }


def _icebreaker(data):
    rounds, met = data.get("rounds") or [], data.get("met")
    if not rounds and not (met and met.get("people")):
        return [], {}
    lines, files = [heading(2, "Icebreaker"), ""], {}
    if rounds:
        groups = sum(r["groups"] for r in rounds)
        found = sum(r["found"] for r in rounds)
        lines += [
            f"{plural(len(rounds), 'round')}, {plural(groups, 'group')}: {found} reported "
            f"that they found each other, {groups - found} did not.",
            "",
        ]
        several = len({r.get("segment", "") for r in rounds}) > 1
        rows = [
            [
                f"{r['segment']} {r['number']}" if several else r["number"],
                r["prompt"],
                r["people"],
                r["groups"],
                r["found"],
                r["not_found"],
            ]
            for r in rounds
        ]
        head = ["Round", "Question", "People", "Groups", "Found each other", "Did not"]
        lines += [*table(head, rows), ""]
    if met and met.get("people"):
        path = "charts/new-people.svg"
        files[path] = charts.histogram(
            met["distribution"],
            title="New people each attendee met",
            x_label="New people met",
            y_label="Attendees",
            mean=met["mean"],
        )
        lines += [
            heading(3, "New people met"),
            "",
            image("New people each attendee met", path),
            "",
            f"On average an attendee met {_n(met['mean'])} new people (median "
            f"{_n(met['median'])}, at most {met['most']}); {met['met_nobody']} of "
            f"{met['people']} met nobody new.",
        ]
    return lines, files


def _stories(data):
    stories = data.get("stories") or []
    if not stories:
        return [], {}
    timed = [s["minutes"] for s in stories if s.get("minutes") is not None]
    lines = [heading(2, "Stories told"), ""]
    lines += [f"{plural(len(stories), 'story', 'stories')}, {_n(sum(timed))} minutes in all.", ""]
    for i, s in enumerate(stories, start=1):
        item = md_text(s.get("title") or "Untitled")
        if s.get("name"):
            item += f", told by {md_text(s['name'])}"
        if s.get("minutes") is not None:
            item += f" ({_n(s['minutes'])} min)"
        lines.append(f"{i}. {item}")
    return lines, {}


def _walls(data):
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


def _n(x) -> str:
    """A figure as the report writes it: 2, 2.5, 2.33."""
    if x is None:
        return "n/a"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _votes(data):
    votes = data.get("votes") or []
    if not votes:
        return [], {}
    lines, files = [heading(2, "Votes"), ""], {}
    for i, vote in enumerate(votes, start=1):
        result = vote["result"]
        lines += [heading(3, vote["title"]), ""]
        lines += [" ".join(md_text(sentence) for sentence in result["summary"]), ""]
        bars, unit = _result_bars(result)
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


def _result_bars(result: Mapping) -> tuple[list, tuple[str, str]]:
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
                "note": f"{_n(o['share'])}%",
                "strong": str(o["id"]) in winners,
            }
            for o in result["options"]
        ]
        return bars, unit
    if kind == "scale":
        bars = [
            {"label": str(v["value"]), "value": v["count"], "note": f"{_n(v['share'])}%"}
            for v in result["values"]
        ]
        return bars, ("ballot", "ballots")
    if kind == "words":
        bars = [{"label": w["text"], "value": w["count"]} for w in result["words"][:WORDS_SHOWN]]
        return bars, ("phone", "phones")
    return [], ("", "")


def _debates(data):
    debates = data.get("debates") or []
    if not debates:
        return [], {}
    lines, files = [heading(2, "Debates"), ""], {}
    for i, d in enumerate(debates, start=1):
        result = d["result"]
        lines += [heading(3, d["motion"]), ""]
        lines += [" ".join(md_text(sentence) for sentence in result["summary"]), ""]
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


def _questions(data):
    q = data.get("questions")
    if not q or not q.get("asked"):
        return [], {}
    lines = [heading(2, "Questions from the floor"), ""]
    lines += [f"{plural(q['asked'], 'question')} asked, {q['answered']} answered.", ""]
    for item in q["items"]:
        done = ", answered" if item["answered"] else ""
        lines.append(f"- {md_text(item['text'])} (+{item['votes']}{done})")
    return lines, {}


def _foot(data):
    if data.get("anonymous"):
        note = (
            "The event's personal data was deleted: this report holds counts and the texts "
            "the host kept, no names."
        )
        return ["---", "", note], {}
    return [], {}


SECTIONS = (_head, _attendance, _icebreaker, _stories, _walls, _votes, _debates, _questions, _foot)
