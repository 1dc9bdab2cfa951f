"""The wall export renderers: themes with their notes and votes as Markdown or CSV.

Pure functions of the plain data the wall kind's export.collect returns (no Flask, no
database), so they can be tested on plain dicts. Most votes first within each theme.
"""

import csv
import io
import re
import time

EXPORT_FORMATS = ("md", "csv")
UNSORTED = "Not in a theme"


def group(themes, notes):
    """Themes in the host's order, each with its notes (most votes first), then the unsorted
    notes as a last group if there are any."""
    by_theme = {t["id"]: [] for t in themes}
    loose = []
    for note in notes:
        by_theme.get(note["theme"], loose).append(note)
    out = []
    for t in themes:
        out.append(theme_entry(t["title"], by_theme[t["id"]]))
    if loose:
        out.append(theme_entry(UNSORTED, loose, unsorted=True))
    return {"themes": out, "notes": len(notes)}


def theme_entry(title, notes, unsorted=False):
    ordered = sorted(notes, key=lambda n: (-n["votes"], n["id"]))
    return {
        "title": title,
        "unsorted": unsorted,
        "votes": sum(n["votes"] for n in notes),
        "notes": [{"text": n["text"], "votes": n["votes"]} for n in ordered],
    }


# ---------------------------------------------------------------- Markdown

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_MARKER = re.compile(r"^([#+=-])")
_MD_NUMBERED = re.compile(r"^(\d+)([.)])")


def md_text(value):
    """One line of plain text that Markdown renders as typed: no HTML, links or emphasis, and
    no heading or list marker at its start. Escapes only what needs it, so the file stays
    readable as plain text too."""
    flat = " ".join(str(value).split())
    flat = _MD_INLINE.sub(r"\\\1", flat)
    flat = _MD_MARKER.sub(r"\\\1", flat)
    return _MD_NUMBERED.sub(r"\1\\\2", flat)


def votes_words(n):
    return f"{n} vote" if n == 1 else f"{n} votes"


def to_markdown(data):
    ev = data["event"]
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(data["exported_at"]))
    lines = [f"# {md_text(ev['name'])}", "", f"Event {ev['code']}, exported {when}.", ""]
    if not data["walls"]:
        lines += ["This event has no sticky-note wall.", ""]
    for w in data["walls"]:
        lines += [f"## {md_text(w['title'])}", ""]
        if not w["notes"]:
            lines += ["No notes yet.", ""]
            continue
        themed = sum(1 for t in w["themes"] if not t["unsorted"])
        lines += [f"{w['notes']} notes, {themed} themes.", ""]
        if not w.get("columns"):
            lines += md_themes(w["themes"], "###")
            continue
        for c in w["columns"]:  # a wall with columns: each column, then its themes
            lines += [f"### {md_text(c['name'])} ({c['notes']} notes)", ""]
            lines += md_themes([t for t in c["themes"] if t["notes"]], "####")
    return "\n".join(lines).rstrip("\n") + "\n"


def md_themes(themes, level):
    lines = []
    for t in themes:
        heading = md_text(t["title"])
        lines += [f"{level} {heading} ({len(t['notes'])} notes, {votes_words(t['votes'])})", ""]
        if not t["notes"]:
            lines += ["No notes in this theme.", ""]
        for n in t["notes"]:
            lines.append(f"- {md_text(n['text'])} (+{n['votes']})")
        lines.append("")
    return lines


# ---------------------------------------------------------------- CSV


def csv_cell(value):
    """Text as a spreadsheet shows it: a leading = + - @ would start a formula, so quote it."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(data):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    # A "column" column only when some wall has columns: plain walls export as they always did.
    with_columns = any(w.get("columns") for w in data["walls"])
    writer.writerow(["wall", *(["column"] if with_columns else []), "theme", "note", "votes"])
    for w in data["walls"]:
        parts = w.get("columns") or [{"name": "", "themes": w["themes"]}]
        for c in parts:
            for t in c["themes"]:
                for n in t["notes"]:
                    writer.writerow(
                        [
                            csv_cell(w["title"]),
                            *([csv_cell(c["name"])] if with_columns else []),
                            "" if t["unsorted"] else csv_cell(t["title"]),
                            csv_cell(n["text"]),
                            n["votes"],
                        ]
                    )
    return out.getvalue()


def render(data, fmt):
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    return to_markdown(data) if fmt == "md" else to_csv(data)
