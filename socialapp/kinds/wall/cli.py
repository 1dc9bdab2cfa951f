"""flask commands of the sticky-note wall: export CODE, suggest-themes NOTES.json."""

import json
import sys

import click

from ...core.export import EXPORT_FORMATS, render
from ...events import find_event
from .export import collect


@click.command("export")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="md", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to a file.")
def export_command(code, fmt, output):
    """Print the wall's themes, notes and votes of event CODE as Markdown or CSV."""
    event = find_event(code)
    if event is None:
        raise click.ClickException(f"No event has the code {code.strip().upper()!r}.")
    body = render(collect(event), fmt)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(body)
        click.echo(f"Wrote {output}", err=True)
    else:
        sys.stdout.write(body)


@click.command("suggest-themes")
@click.argument("notes_file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--granularity",
    type=click.IntRange(-2, 2),
    default=0,
    show_default=True,
    help="-2 fewer, larger groups ... +2 more, smaller groups.",
)
@click.option("--engine", default=None, help="minilm or lexicon (default: the best installed).")
def suggest_themes_command(notes_file, granularity, engine):
    """Group the notes of NOTES_FILE into themes and print them as JSON:
    [{"title": ..., "notes": [index, ...]}, ...]. Labels in the file are ignored."""
    from ...core import themes

    try:
        texts = themes.load_notes_file(notes_file)
        groups = themes.suggest_themes(texts, granularity=granularity, engine=engine)
    except (ValueError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(groups, ensure_ascii=False, indent=2))


COMMANDS = (export_command, suggest_themes_command)
