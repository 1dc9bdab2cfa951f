"""The host's report: the event's figures gathered from the database, rendered by
socialapp.core.report (Markdown + SVG charts, or a zip of both).

The core names no kind: each kind adds its part through two hooks, `report_part(event) ->
dict` (its keys of the report's data: rounds and who met how many, stories told, themes
found: whatever the kind holds) and `report_section(data) -> (lines, charts)` (the pure
function that writes them, in the kinds' ORDER). Lists from several kinds are joined; anything
else is taken from the first kind that gives it. Attendance comes from the attendees' join
and last-seen times.
"""

import json
import re
import time

from markupsafe import Markup
from sqlalchemy import select

from .core import figures, report
from .extensions import db
from .kinds import hooks
from .models import Attendee

MAX_SAMPLES = 240  # points on the attendance chart: one a minute up to 4 hours, then wider


def gather(event, now=None):
    """The plain data core.report.build takes, for this event as it is now (once its personal
    data is gone: the anonymous figures kept then)."""
    kept = stored_report(event) if event.purged_at is not None else None
    if kept is not None:
        return kept
    now = now or time.time()
    people = attendees(event)
    # From the first join or segment start (an event is often made days before), to the end.
    times = [p["joined_at"] for p in people]
    times += [s.started_at for s in event.segments if s.started_at is not None]
    start = min(times, default=event.created_at)
    end = max(start, event.ended_at or now)
    data = {
        "event": {"name": event.name, "code": event.code, "started_at": start},
        "attendance": attendance(people, start, end),
    }
    for _, hook in hooks("report_part"):
        for key, value in hook(event).items():
            if isinstance(value, list):
                data[key] = [*data.get(key, []), *value]
            else:
                data.setdefault(key, value)
    return data


def stored_report(event):
    """The anonymous figures kept at the purge, or None."""
    if not event.report_json:
        return None
    return json.loads(event.report_json)


def attendees(event):
    rows = db.session.execute(
        select(Attendee.created_at, Attendee.last_seen).where(
            Attendee.event_id == event.id, Attendee.removed_at.is_(None)
        )
    )
    return [{"joined_at": joined, "last_seen": seen} for joined, seen in rows]


def attendance(people, start, end):
    step = 60
    while (end - start) / step > MAX_SAMPLES:
        step *= 2
    return figures.attendance_series(people, start, end, step=step)


def sections():
    """The kinds' report sections, in the kinds' order."""
    return [section for _, section in hooks("report_section")]


def build(event, now=None):
    return report.build(gather(event, now), sections())


def to_zip(event, now=None):
    return report.to_zip(gather(event, now), sections())


def filename(event, ext):
    return f"{event.code.lower()}-report.{ext}"


_IMAGE = re.compile(r'<p><img src="(charts/[\w.-]+\.svg)" alt="([^"]*)" ?/?></p>')


def to_html(built):
    """The report's Markdown as HTML (CommonMark, raw HTML off: typed text stays text), each
    chart inline in a <figure> (the charts come from core.charts, which escapes every label)."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(built["markdown"])
    charts = built["charts"]

    def figure(m):
        svg = charts.get(m.group(1))
        if svg is None:
            return m.group(0)
        return f'<figure class="chart">{svg}</figure>'

    return Markup(_IMAGE.sub(figure, html))
