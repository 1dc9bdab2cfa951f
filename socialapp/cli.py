"""flask commands: create-event, save-template, demo, protocol-docs (and each kind's own,
e.g. the wall's)."""

import json

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from . import address, privacy, protocol_docs, series, template_files, urls
from .errors import CommandError
from .events import create_event, find_event
from .extensions import db
from .kinds import KINDS
from .models import Event

DEMO_NAME = "Demo: Open Collaboration social"


def use_server_address():
    """Links printed by a command match the running server's, or say what they assume."""
    url, note = address.public_url_for_cli(current_app)
    current_app.config["PUBLIC_URL"] = url
    if note:
        click.echo(note, err=True)


def event_links(event):
    with current_app.test_request_context(base_url=urls.base_url()):
        return {
            "code": event.code,
            "name": event.name,
            "join_url": urls.join_url(event.code),
            "host_url": urls.host_url(event),
            "display_url": urls.display_url(event.code),
        }


def terminal_qr(url):
    import io

    import qrcode

    qr = qrcode.QRCode(border=1)
    qr.add_data(url)
    out = io.StringIO()
    qr.print_ascii(out=out, invert=True)
    return out.getvalue()


def print_links(links, qr=True):
    click.echo(f"Event {links['name']!r}  code {links['code']}")
    click.echo(f"  join    (phones)    {links['join_url']}")
    click.echo(f"  host    (keep secret) {links['host_url']}")
    click.echo(f"  display (projector) {links['display_url']}")
    if qr:
        click.echo(terminal_qr(links["join_url"]))


@click.command("create-event")
@click.argument("name")
@click.option(
    "--template",
    default=None,
    help="A built-in template or one saved in the instance folder's templates/ "
    "(default: mlc-social; in a series: the last session's agenda).",
)
@click.option("--series", "series_name", default=None, help="Make it the next session of this "
              "series (a new series if none has this name).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@with_appcontext
def create_event_command(name, template, series_name, as_json):
    """Create an event from an agenda template and print its links."""
    use_server_address()
    try:
        event = new_event(name, template, series_name)
    except CommandError as exc:
        raise click.ClickException(exc.message) from exc
    links = event_links(event)
    if as_json:
        click.echo(
            json.dumps({k: links[k] for k in ("code", "join_url", "host_url", "display_url")})
        )
    else:
        print_links(links)


def new_event(name, template, series_name):
    if series_name is None:
        return create_event(name, template or "mlc-social")
    club = series.by_name(series_name)
    if club is None:  # the first session: a template, then the series around it
        event = create_event(name, template or "mlc-social", commit=False)
        db.session.flush()
        series.start(event, series_name)
        db.session.commit()
        return event
    return series.new_session(club, name, template)


@click.command("save-template")
@click.argument("code")
@click.argument("name")
@with_appcontext
def save_template_command(code, name):
    """Save event CODE's agenda as template NAME (a JSON file in the instance folder's
    templates/, to edit by hand and start new events from)."""
    event = find_event(code)
    if event is None:
        raise click.ClickException(f"No event has the code {code.strip().upper()[:12]!r}.")
    try:
        path = template_files.save(event, name)
    except CommandError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Saved {path} (create-event --template {path.stem})")


def demo_event():
    """The demo event, created once and reused on every start."""
    event = db.session.scalar(
        select(Event).where(Event.name == DEMO_NAME, Event.ended_at.is_(None)).limit(1)
    )
    return event or create_event(DEMO_NAME, "mlc-social")


@click.command("demo")
def demo_command():
    """Create (or reuse) the demo event and print its links."""
    use_server_address()
    print_links(event_links(demo_event()))


@click.command("report")
@click.argument("code")
@click.option(
    "--out", "-o", type=click.Path(dir_okay=False), help="Write report.md and charts/ as a zip."
)
@with_appcontext
def report_command(code, out):
    """The host's report of event CODE: Markdown on stdout, or with --out a zip of report.md
    and its charts/*.svg."""
    from . import report

    event = find_event(code)
    if event is None:
        raise click.ClickException(f"No event has the code {code.strip().upper()[:12]!r}.")
    if out:
        with open(out, "wb") as fh:
            fh.write(report.to_zip(event))
        click.echo(f"Wrote {out}", err=True)
    else:
        click.echo(report.build(event)["markdown"], nl=False)


def init_app(app):
    commands = (
        create_event_command,
        demo_command,
        report_command,
        save_template_command,
        privacy.purge_command,
        privacy.purge_due_command,
        protocol_docs.protocol_docs_command,
    )
    for cmd in commands:
        app.cli.add_command(cmd)
    for kind in KINDS.values():  # a kind's own commands, e.g. the wall's export
        for cmd in kind.cli_commands() if hasattr(kind, "cli_commands") else ():
            app.cli.add_command(cmd)
