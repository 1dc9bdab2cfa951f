"""The `args` column of the command tables in docs/, written from the commands' declared
arguments (socialapp/args.py), so the protocol docs cannot drift from the code.

`flask --app socialapp protocol-docs` rewrites the column in docs/protocol.md and
docs/protocol/*.md; `--check` only reports (tests/test_protocol_docs.py runs the same check).
Only that column is generated: the rest of each table (results, effects, refusals) is prose.
A row names its command(s) in backticks in its first cell; every command must have a row.
"""

import re
from pathlib import Path

import click

DOCS = Path(__file__).resolve().parent.parent / "docs"
CELL_BORDER = re.compile(r"(?<!\\)\|")
COMMAND_NAME = re.compile(r"`([a-z_]+\.[a-z_]+)`")


def registry():
    """Every command, by name: the core's and each kind's."""
    from .commands import CORE
    from .kinds import KINDS

    out = {name: spec for commands in CORE for name, spec in commands.items()}
    for kind in KINDS.values():
        out.update(kind.COMMANDS)
    return out


def doc_files(docs=DOCS):
    return [docs / "protocol.md", *sorted((docs / "protocol").glob("*.md"))]


def args_cell(spec):
    """What a command takes, as one table cell."""
    if spec.args is None:
        return "(not declared)"
    cell = "; ".join(a.doc() for a in spec.args) or ("none" if spec.strict else "–")
    if spec.strict:
        cell += "; no other field"
    return cell.replace("|", "\\|")


def cells_of(line):
    return [c.strip() for c in CELL_BORDER.split(line.strip())[1:-1]]


def rewrite(text, commands, seen):
    """text with the args cell of every command row written from the declarations; the
    names of the commands it documents are added to seen."""
    lines = text.split("\n")
    column = None  # the args column of the table being read; None between tables
    for i, line in enumerate(lines):
        if not line.startswith("|"):
            column = None
            continue
        cells = cells_of(line)
        if column is None:  # a header row
            column = cells.index("args") if "args" in cells else -1
            continue
        names = [n for n in COMMAND_NAME.findall(cells[0]) if n in commands]
        if column < 0 or not names:
            continue
        written = {args_cell(commands[n]) for n in names}
        if len(written) > 1:
            raise ValueError(f"{' / '.join(names)} share a row but take different arguments")
        cells[column] = written.pop()
        seen.update(names)
        lines[i] = "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"
    return "\n".join(lines)


def generate(docs=DOCS):
    """({path: text as it should be}, names of commands no table documents)."""
    commands, seen = registry(), set()
    out = {
        path: rewrite(path.read_text(encoding="utf-8"), commands, seen) for path in doc_files(docs)
    }
    return out, sorted(set(commands) - seen)


def drift(docs=DOCS):
    """The doc files whose args column differs from the declarations, and missing commands."""
    wanted, missing = generate(docs)
    stale = [p for p, text in wanted.items() if p.read_text(encoding="utf-8") != text]
    return stale, missing


@click.command("protocol-docs")
@click.option("--check", is_flag=True, help="Only report docs that differ; change nothing.")
@click.option(
    "--docs",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=DOCS,
    show_default=True,
)
def protocol_docs_command(check, folder):
    """Write the args column of the protocol tables from the commands' declarations."""
    wanted, missing = generate(folder)
    stale = [p for p, text in wanted.items() if p.read_text(encoding="utf-8") != text]
    for path in stale:
        if check:
            click.echo(f"out of date: {path}")
        else:
            path.write_text(wanted[path], encoding="utf-8")
            click.echo(f"wrote {path}")
    for name in missing:
        click.echo(f"no table documents {name}", err=True)
    if missing or (check and stale):
        raise SystemExit(1)


if __name__ == "__main__":  # python -m socialapp.protocol_docs: no app, no database
    protocol_docs_command()
