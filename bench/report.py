"""The results as Markdown tables (readable in a terminal, pasted as they are into a README)."""

NAMES = {"app": "app", "eventlet": "bare eventlet", "node": "Node"}


def num(x):
    if x is None:
        return "-"
    if isinstance(x, bool):
        return "yes" if x else "NO"
    if isinstance(x, int) or abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.1f}" if abs(x) >= 1 else f"{x:.2f}"


def trio(s):
    return " / ".join(num(s[k]) for k in ("p50", "p95", "max"))


def once(r):
    if r["exactly_once"]:
        return f"yes ({r['stored']})"
    return f"NO: {r['stored']} of {r['expected']}, {r['twice_or_more']} twice"


def refused(r):
    return ", ".join(f"{k} {v}" for k, v in r["refused"].items()) or "0"


def table(columns, rows):
    lines = ["| " + " | ".join(h for h, _ in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(get(r)) for _, get in columns) + " |" for r in rows]
    return "\n".join(lines)


LOAD = ("load CPU %", lambda r: num(r["gen_cpu_pct"]))
SERVER_PCT = ("server CPU %", lambda r: num(r["server_cpu_pct"]))

FANOUT = [
    ("phones", lambda r: r["phones"]),
    ("server", lambda r: NAMES[r["server"]]),
    ("last phone p50 / p95 / max ms", lambda r: trio(r["last_ms"])),
    ("every phone p50 ms", lambda r: num(r["every_phone_ms"]["p50"])),
    ("lost", lambda r: r["lost"]),
    ("dropped sockets", lambda r: r.get("dropped", 0)),
    ("CPU per action ms", lambda r: num(r["cpu_ms_per_action"])),
    ("CPU per message us", lambda r: num(r["cpu_us_per_msg"])),
    ("KB per phone", lambda r: num(r["kb_per_phone"])),
    LOAD,
]
ROUND = [
    ("phones", lambda r: r["phones"]),
    ("round", lambda r: r["round"]),
    ("groups", lambda r: num(r["groups"])),
    ("last phone grouped ms", lambda r: num(r["last_grouped_ms"])),
    ("not grouped", lambda r: r["not_grouped"]),
    ("dropped sockets", lambda r: r.get("dropped", 0)),
    ("host ack ms", lambda r: num(r["host_ack_ms"])),
    ("server CPU ms", lambda r: num(r["cpu_ms"])),
    LOAD,
]
RUSH = [
    ("phones", lambda r: r["phones"]),
    ("server", lambda r: NAMES[r.get("server", "app")]),
    ("over s", lambda r: num(r["over_s"])),
    ("first state p50 / p95 / max ms", lambda r: trio(r["first_state_ms"])),
    ("errors", lambda r: r["errors"]),
    ("CPU per join ms", lambda r: num(r["cpu_ms_per_join"])),
    SERVER_PCT,
    LOAD,
]
NOTES = [
    ("notes", lambda r: r["notes"]),
    ("over s", lambda r: num(r["over_s"])),
    ("to projector p50 / p95 / max ms", lambda r: trio(r["to_projector_ms"])),
    ("stored exactly once", once),
    ("never shown", lambda r: r["never_shown"]),
    ("refused", refused),
    ("KB per screen (per s)", lambda r: f"{r['kb_per_screen']} ({r['kb_per_screen_per_s']})"),
    SERVER_PCT,
    LOAD,
]
BURST = [
    ("phones x notes", lambda r: f"{r['phones']} x {r['per_phone']}"),
    ("note ack p50 / p95 / max ms", lambda r: trio(r["note_ack_ms"])),
    ("host command p50 / p95 / max ms", lambda r: trio(r["host_command_ms"])),
    ("host timeouts", lambda r: r["host_timeouts"]),
    ("dropped sockets", lambda r: r["dropped_sockets"]),
    ("stored exactly once", once),
    ("refused", refused),
    SERVER_PCT,
    ("lasted s", lambda r: num(r["wall_s"])),
]
VOTES = [
    ("phones", lambda r: r["phones"]),
    ("over s", lambda r: num(r["over_s"])),
    ("ballot ack p50 / p95 / max ms", lambda r: trio(r["ballot_ack_ms"])),
    ("host shows all, after the last ack ms", lambda r: r["host_shows_all_after_last_ack_ms"]),
    ("stored exactly once", once),
    ("reveal to the last phone ms", lambda r: r["reveal_to_last_phone_ms"]),
    ("refused", refused),
    SERVER_PCT,
]
QUESTIONS = [
    ("phones", lambda r: r["phones"]),
    ("over s", lambda r: num(r["over_s"])),
    ("questions", lambda r: r["questions"]),
    ("upvotes (per s)", lambda r: f"{r['votes']:,} ({num(r['votes_per_s'])})"),
    ("vote ack p50 / p95 / max ms", lambda r: trio(r["vote_ack_ms"])),
    ("ack to projector p50 / p95 / max ms", lambda r: trio(r["lag_ms"])),
    ("never shown", lambda r: r["never_shown"]),
    ("projector states", lambda r: num(r["states"])),
    ("final list = database's", lambda r: num(r["final_list_matches"])),
    ("stored exactly once", once),
    ("refused", refused),
    SERVER_PCT,
    LOAD,
]
SECTIONS = [
    ("fanout", "Fan-out: one public change to every phone", FANOUT),
    ("round", "Icebreaker round (app)", ROUND),
    ("rush", "Join rush (bare eventlet: the same three steps on its bare join, the floor)", RUSH),
    ("notes", "Notes on the wall, projector connected (app)", NOTES),
    ("burst", "Phones posting notes as fast as allowed, host pressing +10 s each second", BURST),
    ("votes", "A ranked vote: every phone casts one ballot (app)", VOTES),
    (
        "questions",
        "Questions from the floor: phones ask and upvote, projector connected",
        QUESTIONS,
    ),
]
RATIOS = {
    "p50": lambda r: r["last_ms"]["p50"],
    "p95": lambda r: r["last_ms"]["p95"],
    "CPU per action": lambda r: r["cpu_ms_per_action"],
    "memory per phone": lambda r: r["kb_per_phone"],
}
RUSH_RATIOS = {
    "first state p50": lambda r: r["first_state_ms"]["p50"],
    "first state p95": lambda r: r["first_state_ms"]["p95"],
    "CPU per join": lambda r: r["cpu_ms_per_join"],
}


def ratio_rows(rows, ratios):
    """app / bare eventlet and app / Node at each size."""
    by = {(r["phones"], r.get("server", "app")): r for r in rows}
    out = []
    for n in sorted({r["phones"] for r in rows}):
        for anchor in ("eventlet", "node"):
            app, other = by.get((n, "app")), by.get((n, anchor))
            if app and other:
                cells = {k: _ratio(get(app), get(other)) for k, get in ratios.items()}
                out.append({"phones": n, "ratio": f"app / {NAMES[anchor]}", **cells})
    return out


def _ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "-"


def render(results):
    out = [results["header"]]
    for key, title, columns in SECTIONS:
        if results.get(key):
            out += ["", f"### {title}", "", table(columns, results[key])]
        which = {"fanout": RATIOS, "rush": RUSH_RATIOS}.get(key)
        ratios = ratio_rows(results[key], which) if which and results.get(key) else []
        if ratios:
            heads = ["phones", "ratio", *which]
            out += ["", "Ratios (below 1: the app is cheaper or faster)", ""]
            out.append(table([(h, lambda r, h=h: r[h]) for h in heads], ratios))
    return "\n".join([*out, "", *problems(results), results.get("footer", "")])


def problems(results):
    """What went wrong setting rooms up (a few phones that could not join) or whole jobs."""
    out = []
    for key, _, _ in SECTIONS:
        for r in results.get(key, []):
            size = r.get("phones", r.get("notes"))
            out += [f"- {key} {r.get('server', 'app')} {size}: {e}" for e in r.get("setup", [])]
    return out + [f"- FAILED: {f}" for f in results.get("failures", [])]
