"""socialapp.core holds pure functions of plain data: no Flask, no database, no I/O."""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = sorted((ROOT / "socialapp" / "core").glob("*.py"))
# What a core module may lean on besides the standard library: itself, the icebreaker's
# matching (pure too; checked below with the same rule), and `regex` (current Unicode
# properties for the text policy; a pure library).
ALLOWED = ("socialapp.core", "socialapp.matching", "regex")


def imports_of(source: str, package: str) -> set[str]:
    """Every module `source` imports, relative imports resolved against `package`."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            found.add(node.module)
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1])
            if node.module:
                found.add(f"{base}.{node.module}")
            else:  # "from .. import matching" imports the module socialapp.matching
                found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def impure(source: str, package: str) -> list[str]:
    return [
        name
        for name in sorted(imports_of(source, package))
        if name.split(".")[0] not in sys.stdlib_module_names
        and not any(name == a or name.startswith(a + ".") for a in ALLOWED)
    ]


@pytest.mark.parametrize("path", [*CORE, ROOT / "socialapp" / "matching.py"], ids=lambda p: p.name)
def test_core_modules_import_only_the_standard_library_and_each_other(path):
    package = ".".join(path.relative_to(ROOT).parts[:-1])
    assert impure(path.read_text(), package) == []


def test_the_check_sees_flask_and_the_database():
    source = "from ..extensions import db\nimport flask\nfrom . import words\nimport json\n"
    assert impure(source, "socialapp.core") == ["flask", "socialapp.extensions"]
    assert impure("from sqlalchemy import select", "socialapp.core") == ["sqlalchemy"]
    assert impure("from .. import matching, models", "socialapp.core") == ["socialapp.models"]


def test_core_has_modules_to_check():
    assert {p.stem for p in CORE} >= {"ballots", "counting", "ranked", "debate", "answer_matching"}
