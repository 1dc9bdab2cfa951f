"""Every command declares its arguments, and the protocol docs say what the declarations say."""

import shutil

import pytest
from click.testing import CliRunner

from socialapp import protocol_docs
from socialapp.args import Arg


def test_every_command_declares_its_arguments():
    undeclared = [n for n, spec in protocol_docs.registry().items() if spec.args is None]
    assert undeclared == [], f"declare args=[...] (or args=()) for {undeclared}"
    for name, spec in protocol_docs.registry().items():
        assert all(isinstance(a, Arg) for a in spec.args), name
        keys = [a.key for a in spec.args]
        assert len(keys) == len(set(keys)), name


def test_protocol_tables_match_the_declarations():
    stale, missing = protocol_docs.drift()
    assert missing == [], f"commands no table in docs/ documents: {missing}"
    assert stale == [], (
        f"{[str(p) for p in stale]} differ from the declarations: "
        "run `flask --app socialapp protocol-docs`"
    )


@pytest.fixture
def docs(tmp_path):
    copy = tmp_path / "docs"
    shutil.copytree(protocol_docs.DOCS, copy)
    return copy


def test_the_command_rewrites_a_drifted_cell(docs):
    wall = docs / "protocol" / "wall.md"
    good = wall.read_text(encoding="utf-8")
    row = next(line for line in good.split("\n") if line.startswith("| `wall.max_notes`"))
    wall.write_text(good.replace(row, "| `wall.max_notes` | `max_notes` (1..500) | stale |"))
    runner = CliRunner()
    checked = runner.invoke(protocol_docs.protocol_docs_command, ["--check", "--docs", docs])
    assert checked.exit_code == 1 and "wall.md" in checked.output
    assert "1..500" in wall.read_text(encoding="utf-8")  # --check changes nothing
    written = runner.invoke(protocol_docs.protocol_docs_command, ["--docs", docs])
    assert written.exit_code == 0, written.output
    fixed = wall.read_text(encoding="utf-8")
    assert "| `wall.max_notes` | `max_notes`: whole number, 1 to 50 | stale |" in fixed
    assert protocol_docs.drift(docs) == ([], [])


def test_a_command_without_a_row_is_reported(docs):
    page = docs / "protocol" / "open_mic.md"
    text = page.read_text(encoding="utf-8")
    row = next(line for line in text.split("\n") if line.startswith("| `open_mic.close`"))
    page.write_text(text.replace(row + "\n", ""), encoding="utf-8")
    assert protocol_docs.drift(docs)[1] == ["open_mic.close"]
    result = CliRunner().invoke(protocol_docs.protocol_docs_command, ["--docs", docs])
    assert result.exit_code == 1 and "open_mic.close" in result.output
