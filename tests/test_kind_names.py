"""Outside socialapp/kinds/ no module names a particular kind: the core learns about kinds from
the registry (socialapp.kinds.KINDS) and their descriptors only, so adding or removing a kind
touches its own folder and nothing else (docs/segment-kinds.md).

Checked in every Python module of socialapp/ outside kinds/ (imports, string literals, the
kinds' model classes), and in the core's templates, scripts and styles (quoted names, asset
paths, SA.kinds.<name>). Prose in comments and docstrings may still mention a kind by way of
example. Agenda templates (agenda_templates/*.json) are data and are not checked."""

import ast
import re
from pathlib import Path

import pytest

from socialapp.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "socialapp"
KIND_DIR = APP / "kinds"
NAMES = sorted(KINDS)
# Where a kind's name is another library's word, or a word of a pure renderer's output.
ALLOWED = {
    ("realtime.py", "connect"): "Socket.IO's own connect event",
    ("database.py", "connect"): "SQLAlchemy's connect event",
    ("core/export.py", "wall"): "a column heading of the CSV export",
    ("static/js/core.js", "connect"): "Socket.IO's own connect event",
    ("core/charts.py", "vote"): "the unit a bar chart counts in",
    ("core/counting.py", "vote"): "the unit of a result's summary",
    ("core/questions.py", "vote"): "an upvote on a question, one of its actions",
    ("core/results_export.py", "questions"): "a vote segment's questions, the export's rows",
}


def model_classes():
    """Class names defined in every kind's models module."""
    found = set()
    for path in KIND_DIR.glob("*/models.py"):
        tree = ast.parse(path.read_text())
        found |= {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    return found


MODELS = model_classes()


def core_files(*patterns):
    for pattern in patterns:
        for path in sorted(APP.rglob(pattern)):
            rel = path.relative_to(APP)
            if rel.parts[0] not in ("kinds",) and "vendor" not in rel.parts:
                yield path


def names_in_python(source, package):
    """(kind name or model class, line) for each place the module names a kind."""
    hits = []
    pattern = re.compile(rf"({'|'.join(NAMES)})([._][A-Za-z_]\w*)?")
    for node in ast.walk(ast.parse(source)):
        modules = []
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            mod = ".".join(p for p in (base, node.module or "") if p)
            modules = [mod] + [f"{mod}.{a.name}" for a in node.names]
        named = {
            parts[parts.index("kinds") + 1]
            for parts in (mod.split(".") for mod in modules)
            if "kinds" in parts[:-1] and parts[parts.index("kinds") + 1] in NAMES
        }
        if isinstance(node, ast.Import | ast.ImportFrom):
            named |= {a.name for a in node.names if a.name in MODELS}
        hits += [(name, node.lineno) for name in named]
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and (m := pattern.fullmatch(text)):
            hits.append((m.group(1), node.lineno))
        if isinstance(node, ast.Name) and node.id in MODELS:
            hits.append((node.id, node.lineno))
        if isinstance(node, ast.Attribute) and node.attr in MODELS:
            hits.append((node.attr, node.lineno))
    return hits


def names_in_front_end(text):
    alternatives = "|".join(NAMES)
    pattern = re.compile(
        rf"""(["'])({alternatives})\1|kinds/({alternatives})\b|SA\.kinds\.({alternatives})\b"""
        rf"""|kind-({alternatives})\b"""
    )
    hits = []
    for number, line in enumerate(text.splitlines(), start=1):
        for m in pattern.finditer(line):
            hits.append((next(g for g in m.groups()[1:] if g), number))
    return hits


def allowed(path, hits):
    rel = str(path.relative_to(APP))
    return [(name, line) for name, line in hits if (rel, name) not in ALLOWED]


@pytest.mark.parametrize("path", list(core_files("*.py")), ids=lambda p: str(p.relative_to(APP)))
def test_core_python_names_no_kind(path):
    package = ".".join(path.relative_to(ROOT).parts[:-1])
    if path.name == "__init__.py":
        package = ".".join(path.relative_to(ROOT).parent.parts)
    assert allowed(path, names_in_python(path.read_text(), package)) == []


@pytest.mark.parametrize(
    "path", list(core_files("*.html", "*.js", "*.css")), ids=lambda p: str(p.relative_to(APP))
)
def test_core_pages_and_scripts_name_no_kind(path):
    assert allowed(path, names_in_front_end(path.read_text())) == []


def test_the_check_finds_what_it_looks_for():
    wall, ice = ("wall", "icebreaker") if {"wall", "icebreaker"} <= set(NAMES) else NAMES[:2]
    source = (
        f"from .kinds import {wall}\n"
        f"from ..kinds.{ice}.models import X\n"
        f"import socialapp.kinds.{wall}\n"
        f"if seg.kind == '{ice}': pass\n"
        f"run('{wall}.vote')\n"
        f"'{wall}_note'\n"
        "'a wall of text'\n"
        "from .kinds import KINDS\n"
    )
    found = names_in_python(source, "socialapp")
    assert sorted(found) == sorted([(wall, 1), (ice, 2), (wall, 3), (ice, 4), (wall, 5), (wall, 6)])
    if MODELS:
        model = sorted(MODELS)[0]
        assert names_in_python(f"select({model})", "socialapp") == [(model, 1)]
    page = f"{{% if seg.kind == '{ice}' %}}\n<script src=\"/kinds/{wall}/x.js\">\nSA.kinds.{ice}.x"
    assert names_in_front_end(page) == [(ice, 1), (wall, 2), (ice, 3)]
    assert names_in_front_end("the wall of a building") == []


def test_the_allowed_exceptions_are_still_needed():
    for rel, name in ALLOWED:
        path = APP / rel
        hits = (names_in_python if rel.endswith(".py") else names_in_front_end)(
            path.read_text(), *(["socialapp"] if rel.endswith(".py") else [])
        )
        assert name in {n for n, _ in hits}, (rel, name)


@pytest.mark.parametrize("name", NAMES)
def test_no_kind_imports_another(name):
    """Kinds talk through hooks the registry finds (e.g. encounters, stories), never by import,
    so any one of them can be removed by deleting its folder."""
    others = set(NAMES) - {name}
    for path in sorted((KIND_DIR / name).rglob("*.py")):
        package = ".".join(path.relative_to(ROOT).parts[:-1])
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = package.rsplit(".", node.level - 1)[0] if node.level else ""
                mod = ".".join(p for p in (base, node.module or "") if p)
                found = [mod, *(f"{mod}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                found = [a.name for a in node.names]
            else:
                continue
            named = {m.split(".")[2] for m in found if m.startswith("socialapp.kinds.")}
            assert not named & others, (str(path.relative_to(ROOT)), node.lineno)
