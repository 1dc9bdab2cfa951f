"""Agenda templates as plain files a host can edit: JSON or TOML, checked when loaded.

Two places: the built-in socialapp/agenda_templates/ and the instance folder's templates/
(saved from an event by the host: save-template, the host panel). A template is
{"name", "about"?, "segments": [{"kind", "title", "minutes", "instructions"?, "settings"?}]};
every field is checked, the settings through each kind's own clean_settings, and an error
names the file and the field ("mlc-social.json: segments[2].minutes: ..."), so a hand-edited
file that is wrong creates nothing at all. Saved templates are written as JSON (tomllib only
reads TOML; JSON needs no extra library to write).
"""

import json
import re
import tomllib
from importlib import resources
from pathlib import Path

from .agenda import MAX_SEGMENTS
from .args import Text
from .errors import CommandError
from .kinds import KINDS

MINUTES = (1, 600)  # as agenda.add's minutes
SUFFIXES = (".json", ".toml")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")
TOP_KEYS = {"name", "about", "segments"}
SEGMENT_KEYS = {"kind", "title", "minutes", "instructions", "settings"}
TITLE = Text("title", 120)
INSTRUCTIONS = Text("instructions", 2000, min_len=0, lines=True)
LABEL = Text("name", 120)
ABOUT = Text("about", 400, min_len=0, lines=True)


class TemplateError(CommandError):
    """A template file that cannot be used: the message names the file and the field."""


def builtin_folder():
    return Path(str(resources.files("socialapp") / "agenda_templates"))


def saved_folder(app=None):
    from flask import current_app

    return Path((app or current_app).instance_path) / "templates"


def template_name(raw):
    """A saved template's name: lower case, digits and dashes, 2 to 40 characters."""
    name = re.sub(r"[^a-z0-9]+", "-", str(raw or "").strip().lower()).strip("-")
    if not NAME_RE.match(name):
        raise CommandError(
            "A template name needs 2 to 40 letters, digits or dashes (e.g. paper-club-weekly)."
        )
    return name


def files(folder):
    """{name: path} of the template files in a folder (a .json wins over a .toml)."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.iterdir(), key=lambda p: (p.stem, p.suffix != ".json")):
        if path.suffix in SUFFIXES and path.is_file():
            found.setdefault(path.stem, path)
    return found


def available(app=None):
    """{name: (path, "built-in" | "saved")}: the built-in ones first; a saved file cannot
    take a built-in name (save refuses it; one put there by hand is left out)."""
    out = {n: (p, "built-in") for n, p in files(builtin_folder()).items()}
    for name, path in files(saved_folder(app)).items():
        out.setdefault(name, (path, "saved"))
    return out


def choices(app=None):
    """The front page's picker: {group label: [(name, label)]}, built-in first; a saved file
    that does not load is left out of the list (loading it by name says what is wrong)."""
    groups = {"built-in": [], "saved": []}
    for name, (path, where) in available(app).items():
        try:
            label = read_file(path)["name"]
        except CommandError:
            continue
        groups[where].append((name, label if where == "built-in" else f"{label} ({name})"))
    titles = {"built-in": "Ready agendas", "saved": "Saved by hosts"}
    return {
        titles[g]: sorted(items, key=lambda c: c[1].lower()) for g, items in groups.items() if items
    }


def load(name, app=None):
    """The checked plan of the template called name; CommandError if unknown or invalid."""
    found = available(app).get(name) if isinstance(name, str) else None
    if found is None:
        known = ", ".join(sorted(available(app)))
        raise CommandError(f"Unknown template {str(name)[:40]!r} (there are: {known}).")
    return read_file(found[0])


def read_file(path):
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw) if path.suffix == ".toml" else json.loads(raw)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        # JSONDecodeError and TOMLDecodeError are ValueErrors, with the line in the message.
        raise TemplateError(f"{path.name}: cannot be read: {exc}") from None
    return check(data, path.name)


def check(data, filename):
    """The plan, cleaned: {"name", "about", "segments": [...]} or a TemplateError."""

    def fail(field, message):
        raise TemplateError(f"{filename}: {field}: {message}")

    if not isinstance(data, dict):
        fail("(top)", "must be an object with name and segments")
    if extra := sorted(set(data) - TOP_KEYS):
        fail(extra[0], f"unknown field (known: {', '.join(sorted(TOP_KEYS))})")
    plan = {
        "name": read(LABEL, data.get("name", Path(filename).stem), "name", fail),
        "about": read(ABOUT, data.get("about", ""), "about", fail),
    }
    segs = data.get("segments")
    if not isinstance(segs, list) or not 1 <= len(segs) <= MAX_SEGMENTS:
        fail("segments", f"must be a list of 1 to {MAX_SEGMENTS} segments")
    plan["segments"] = [check_segment(s, f"segments[{i}]", fail) for i, s in enumerate(segs)]
    return plan


def check_segment(seg, at, fail):
    if not isinstance(seg, dict):
        fail(at, "must be an object with kind, title and minutes")
    if extra := sorted(set(seg) - SEGMENT_KEYS):
        fail(f"{at}.{extra[0]}", f"unknown field (known: {', '.join(sorted(SEGMENT_KEYS))})")
    kind_name = seg.get("kind")
    if not isinstance(kind_name, str) or kind_name not in KINDS:
        fail(f"{at}.kind", f"must be one of {', '.join(KINDS)}")
    minutes = seg.get("minutes")
    lo, hi = MINUTES
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not lo <= minutes <= hi:
        fail(f"{at}.minutes", f"must be a whole number {lo}-{hi}")
    return {
        "kind": kind_name,
        "title": read(TITLE, seg.get("title"), f"{at}.title", fail),
        "minutes": minutes,
        "instructions": read(INSTRUCTIONS, seg.get("instructions", ""), f"{at}.instructions", fail),
        "settings": check_settings(KINDS[kind_name], seg.get("settings", {}), at, fail),
    }


def check_settings(kind, settings, at, fail):
    """Through the kind's declared settings: its default_settings names the keys it takes,
    its clean_settings says what a value may be."""
    if not isinstance(settings, dict):
        fail(f"{at}.settings", "must be an object")
    known = kind.default_settings()
    try:
        cleaned = kind.clean_settings(known | settings)
    except CommandError as exc:
        fail(f"{at}.settings", exc.message)
    # A kind takes the keys it keeps: some are stored only once chosen (the open mic's mode,
    # the wall's columns), so its defaults do not list them all.
    if extra := sorted(set(settings) - set(known) - set(cleaned)):
        listed = ", ".join(sorted(set(known) | set(cleaned))) or "none"
        fail(f"{at}.settings.{extra[0]}", f"unknown setting of {kind.KIND} (known: {listed})")
    return cleaned


def read(arg, value, field, fail):
    try:
        return arg.read(value)
    except CommandError as exc:
        fail(field, exc.message)


def plan_of(event):
    """An event's agenda as a template plan (what save writes and a new session copies)."""
    return {
        "name": event.name,
        "about": f"Saved from {event.name}.",
        "segments": [
            {
                "kind": s.kind,
                "title": s.title,
                "minutes": max(MINUTES[0], min(MINUTES[1], round(s.minutes))),
                "instructions": s.instructions or "",
                "settings": s.settings,
            }
            for s in event.segments
        ],
    }


def save(event, raw_name, app=None):
    """Write the event's agenda to the instance folder's templates/<name>.json; returns the
    path. Refuses a built-in's name; overwrites the host's own file of that name."""
    name = template_name(raw_name)
    if name in files(builtin_folder()):
        raise CommandError(f"{name!r} is a built-in template: choose another name.")
    plan = check(plan_of(event), f"{name}.json")  # what we write must load again
    folder = saved_folder(app)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(plan, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)  # a reader never sees half a file
    return path
