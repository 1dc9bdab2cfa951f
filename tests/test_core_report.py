"""The core's part of the host's report: the head, attendance and foot it writes itself, and
the kinds' sections it is given, in the order given, with their charts."""

import io
import zipfile

from socialapp.core import figures, report

EVENT = {"name": "Reading group", "code": "RG1", "date": "3 May 2026"}


def section(title, chart=None):
    """A kind's section as core.report takes it: its lines (trailing blanks are trimmed) and
    charts, or nothing when the data has none of its key."""

    def write(data):
        if title not in data:
            return [], {}
        files = {chart: f"<svg>{data[title]}</svg>"} if chart else {}
        return [f"## {title}", "", str(data[title]), "", ""], files

    return write


def test_the_core_writes_head_attendance_and_foot():
    joins = [{"joined_at": 0, "last_seen": 120}, {"joined_at": 60, "last_seen": 600}]
    data = {
        "event": EVENT,
        "attendance": figures.attendance_series(joins, 0, 600),
        "anonymous": True,
    }
    md = report.to_markdown(data)
    assert md.startswith("# Reading group\n\n3 May 2026 · event RG1 · 2 people joined\n")
    assert "![Attendance over time](charts/attendance.svg)" in md
    assert "2 people joined; at most 2 were present at once (minute 1)." in md
    assert md.endswith("---\n\nThe event's personal data was deleted: this report holds "
                       "counts and the texts the host kept, no names.\n")  # fmt: skip
    assert list(report.build(data)["charts"]) == ["charts/attendance.svg"]


def test_sections_come_between_attendance_and_foot_in_the_order_given():
    data = {"event": EVENT, "Stories": 2, "Votes": 3, "anonymous": True}
    parts = [section("Votes", "charts/vote-1.svg"), section("Stories")]
    md = report.to_markdown(data, parts)
    assert md.index("## Votes") < md.index("## Stories") < md.index("---")
    assert "## Votes\n\n3\n\n## Stories\n\n2\n\n---" in md  # one blank line between sections
    assert report.build(data, parts)["charts"] == {"charts/vote-1.svg": "<svg>3</svg>"}


def test_a_section_without_its_data_is_left_out():
    assert report.to_markdown({"event": {"name": "Quiet night"}}, [section("Votes")]) == (
        "# Quiet night\n"
    )


def test_the_zip_is_the_markdown_and_the_charts_the_same_bytes_every_time():
    data = {"event": EVENT, "Votes": 3}
    parts = [section("Votes", "charts/vote-1.svg")]
    blob = report.to_zip(data, parts)
    assert blob == report.to_zip(dict(data), parts)
    archive = zipfile.ZipFile(io.BytesIO(blob))
    assert archive.namelist() == ["report.md", "charts/vote-1.svg"]
    assert archive.read("report.md").decode() == report.to_markdown(data, parts)
