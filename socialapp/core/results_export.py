"""Results of audience questions as Markdown or CSV: counts only, never who answered what.

Pure functions of plain data: {"event": {"name", "code"}, "exported_at": t, "segments":
[{"title", "questions": [{"title", "state", "result": {"all": r, "groups"?: {g: r}}}]}]},
each r a socialapp.core.counting result. Ranked questions carry their pairwise table
(Schulze) or their rounds (instant-runoff), as the host saw them.
"""

import csv
import io
import time

from .export import csv_cell, md_text

GROUP_WORDS = {"audience": "Audience", "judges": "Judges"}


def items(r):
    """(what, label, count, share) rows of one result, in the order a reader wants them."""
    kind = r["type"]
    if kind in ("single", "approval", "ranked"):
        what = "first choices" if kind == "ranked" else "votes"
        for o in r["options"]:
            yield what, o["label"], o["count"], o["share"]
    elif kind == "scale":
        for v in r["values"]:
            yield "ballots", str(v["value"]), v["count"], v["share"]
    elif kind == "words":
        for w in r["words"]:
            yield "phones", w["text"], w["count"], ""
    elif kind == "text":
        for a in r["answers"]:
            yield "answers", a["text"], a.get("count", 1), ""
    labels = {o["id"]: o["label"] for o in r.get("options", ())}
    for rnd in r.get("rounds", ()):
        for c in rnd["counts"]:
            yield f"round {rnd['round']}", labels[c["id"]], c["count"], ""
    for i, row in enumerate(r.get("pairwise", ()) if r.get("method") == "schulze" else ()):
        for j, n in enumerate(row):
            if i != j:
                a, b = r["options"][i]["label"], r["options"][j]["label"]
                yield "prefer head to head", f"{a} over {b}", n, ""


def _results(q):
    res = q["result"]
    yield "all", res["all"]
    yield from res.get("groups", {}).items()


def to_csv(data):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["segment", "question", "type", "method", "group", "what", "item", "count", "share"]
    )
    for seg in data["segments"]:
        for q in seg["questions"]:
            for group, r in _results(q):
                for what, label, n, share in items(r):
                    writer.writerow(
                        [
                            csv_cell(seg["title"]),
                            csv_cell(q["title"]),
                            r["type"],
                            r["method_label"],
                            group,
                            what,
                            csv_cell(label),
                            n,
                            share,
                        ]
                    )
    return out.getvalue()


def _md_result(r):
    lines = [f"{md_text(s)}" for s in r["summary"]] + [""]
    lines += [f"Counted by: {r['method_label']}. Ballots: {r['ballots']}.", ""]
    rows = [x for x in items(r) if not x[0].startswith(("round", "prefer"))]
    if rows:
        lines += ["| item | count | share |", "| --- | ---: | ---: |"]
        lines += [
            f"| {md_text(label)} | {n} | {f'{share} %' if share != '' else ''} |"
            for _, label, n, share in rows
        ]
        lines.append("")
    for rnd in r.get("rounds", ()):
        labels = {o["id"]: o["label"] for o in r["options"]}
        counts = ", ".join(f"{md_text(labels[c['id']])} {c['count']}" for c in rnd["counts"])
        out = ", ".join(md_text(labels[i]) for i in rnd["eliminated"])
        lines.append(f"- Round {rnd['round']}: {counts}" + (f"; out: {out}" if out else ""))
    if r.get("method") == "schulze" and r.get("pairwise"):
        names = [md_text(o["label"]) for o in r["options"]]
        lines += ["Head to head (row preferred over column):", ""]
        lines += ["| | " + " | ".join(names) + " |", "| --- |" + " ---: |" * len(names)]
        for i, (name, row) in enumerate(zip(names, r["pairwise"], strict=True)):
            cells = ["–" if i == j else str(n) for j, n in enumerate(row)]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines + [""]


def to_markdown(data):
    ev = data["event"]
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(data["exported_at"]))
    lines = [
        f"# {md_text(ev['name'])}: votes",
        "",
        f"Event {ev['code']}, exported {when}.",
        "Counts only: nobody's ballot is in this file.",
        "",
    ]
    if not data["segments"]:
        lines += ["This event has no votes.", ""]
    for seg in data["segments"]:
        lines += [f"## {md_text(seg['title'])}", ""]
        if not seg["questions"]:
            lines += ["No questions yet.", ""]
        for q in seg["questions"]:
            lines += [f"### {md_text(q['title'])} ({q['state']})", ""]
            for group, r in _results(q):
                if group != "all":
                    lines += [f"#### {GROUP_WORDS.get(group, group)}", ""]
                lines += _md_result(r)
    return "\n".join(lines).rstrip("\n") + "\n"
