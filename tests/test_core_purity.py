"""socialapp.core holds pure functions of plain data: no Flask, no database, no I/O.

The import contract for issue 10 item 4, as a test so it runs in `make test` with no new tool
(import-linter would add a dependency and a config file to check one rule): every module under
socialapp/core, subpackages included, imports only the standard library, other core modules and
the numeric libraries the theme grouping computes with. The check reads imports with ast, so an
import inside a function counts too.
"""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = sorted((ROOT / "socialapp" / "core").rglob("*.py"))
# Pure rules that only one kind uses live in its folder (a kind is one folder), held to the
# same contract: the icebreaker's matching by answers, the connect kind's contact cards, and
# every kind's part of the host's report (its report.py: figures and section, rendered from a
# report kept as JSON too, with no database behind it).
KIND_PURE = [
    ROOT / "socialapp" / "kinds" / "icebreaker" / "answer_matching.py",
    ROOT / "socialapp" / "kinds" / "icebreaker" / "answer_reasons.py",
    ROOT / "socialapp" / "kinds" / "connect" / "vcard.py",
    *sorted((ROOT / "socialapp" / "kinds").glob("*/report.py")),
]
# What a core module may lean on besides the standard library: other core modules, `regex`
# (Unicode classes for the one text policy, socialapp.core.text), and the libraries of the
# theme grouping in socialapp.core.themes (plain arrays and strings in and out; the MiniLM model
# is read from a file, never fetched).
ALLOWED = (
    "socialapp.core",
    "regex",
    "numpy",
    "sklearn",
    "threadpoolctl",
    "onnxruntime",
    "tokenizers",
)


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
            else:  # "from .. import models" imports the module socialapp.models
                found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def impure(source: str, package: str) -> list[str]:
    return [
        name
        for name in sorted(imports_of(source, package))
        if name.split(".")[0] not in sys.stdlib_module_names
        and not any(name == a or name.startswith(a + ".") for a in ALLOWED)
    ]


@pytest.mark.parametrize(
    "path", CORE + KIND_PURE, ids=lambda p: str(p.relative_to(ROOT / "socialapp"))
)
def test_core_modules_import_only_the_standard_library_and_each_other(path):
    package = ".".join(path.relative_to(ROOT).parts[:-1])
    assert impure(path.read_text(), package) == []


def test_the_check_sees_flask_and_the_database():
    source = "from ..extensions import db\nimport flask\nfrom . import words\nimport json\n"
    assert impure(source, "socialapp.core") == ["flask", "socialapp.extensions"]
    assert impure("from sqlalchemy import select", "socialapp.core") == ["sqlalchemy"]
    assert impure("from . import matching\nfrom .. import models", "socialapp.core") == [
        "socialapp.models"
    ]
    assert impure("from ... import state", "socialapp.core.themes") == ["socialapp.state"]
    assert impure("def f():\n    import flask_socketio\n", "socialapp.core") == ["flask_socketio"]


def test_core_has_modules_to_check():
    found = {str(p.relative_to(ROOT / "socialapp" / "core").with_suffix("")) for p in CORE}
    assert found >= {"ballots", "counting", "ranked", "debate"}
    assert all(p.exists() for p in KIND_PURE)
    assert found >= {"clock", "matching", "bowl", "signs", "export", "themes/naming"}
