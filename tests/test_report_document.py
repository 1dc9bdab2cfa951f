"""The host's report on a scripted event, with every kind's section (socialapp.report.sections,
in the kinds' order): known groups, stories and votes -> known Markdown, charts that match its
links, and a zip with both."""

import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from socialapp.core import counting, debate, figures
from socialapp.core import report as core_report
from socialapp.kinds.icebreaker import report as icebreaker
from socialapp.kinds.open_mic import report as open_mic
from socialapp.kinds.questions import report as questions
from socialapp.report import sections
from tests.test_report_figures import PEOPLE, ROUNDS

CORPUS = Path(__file__).parent.joinpath("data", "xss-corpus.txt").read_text().splitlines()
RENDER = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
BEST_PAPER = {
    "type": "single",
    "options": [{"id": "a", "label": "Attention Is All You Need"}, {"id": "b", "label": "Adam"}],
}


class report:
    """core.report with every installed kind's section, as socialapp.report renders it."""

    @staticmethod
    def build(data):
        return core_report.build(data, sections())

    @staticmethod
    def to_markdown(data):
        return core_report.to_markdown(data, sections())

    @staticmethod
    def to_zip(data):
        return core_report.to_zip(data, sections())


def scripted(**typed):
    """The scripted evening; `typed` replaces what people typed (names, titles, notes)."""
    t = {
        "name": "ICLR 2026 Social",
        "prompt": "Which paper excited you?",
        "title": "My first rejection",
        "teller": "Ada",
        "note": "A better vCard",
        "theme": "Tools",
        "option": "Adam",
        "motion": "Scaling is all you need",
        "question": "Why now?",
        **typed,
    }
    rounds = [dict(r) for r in ROUNDS]
    rounds[0]["prompt"] = t["prompt"]
    pairs = icebreaker.pairs_in_groups(g["members"] for r in rounds for g in r["groups"])
    joins = [{"joined_at": 60 * i, "last_seen": 1800} for i in range(7)]
    question = {
        **BEST_PAPER,
        "options": [BEST_PAPER["options"][0], {"id": "b", "label": t["option"]}],
    }
    ballots = [{"answer": "b"}] * 5 + [{"answer": "a"}] * 3
    before = {i: "for" if i < 4 else "against" for i in range(10)}
    after = {i: "for" if i < 7 else "undecided" for i in range(10)}
    return {
        "event": {"name": t["name"], "code": "ICLR26", "started_at": 1777140000, "tz": "UTC"},
        "attendance": figures.attendance_series(joins, 0, 1800, 60),
        "rounds": icebreaker.round_figures(rounds),
        "met": icebreaker.met_figures(icebreaker.met_counts(PEOPLE, pairs).values()),
        "stories": open_mic.story_figures(
            [
                {"title": t["title"], "name": t["teller"], "started_at": 100, "ended_at": 370},
                {"title": "Second", "name": None, "started_at": 400, "ended_at": 520},
            ]
        ),
        "walls": [
            {
                "title": "What should we build?",
                "notes": 3,
                "themes": [
                    {
                        "title": t["theme"],
                        "unsorted": False,
                        "votes": 5,
                        "notes": [{"text": t["note"], "votes": 3}, {"text": "Timers", "votes": 2}],
                    },
                    {
                        "title": "Not in a theme",
                        "unsorted": True,
                        "votes": 0,
                        "notes": [{"text": "misc", "votes": 0}],
                    },
                ],
            }
        ],
        "votes": [{"title": "Best paper", "result": counting.count(question, ballots)}],
        "debates": [{"motion": t["motion"], "result": debate.count_debate(before, after)}],
        "questions": questions.question_figures(
            [{"text": t["question"], "votes": 4, "answered": True}, {"text": "How?", "votes": 1}]
        ),
    }


def test_the_figures_of_the_scripted_event_are_in_the_report():
    md = report.to_markdown(scripted())
    assert md.startswith("# ICLR 2026 Social\n\n25 April 2026 · event ICLR26 · 7 people joined\n")
    assert "7 people joined; at most 7 were present at once (minute 6)." in md
    assert "2 rounds, 5 groups: 3 reported that they found each other, 2 did not." in md
    assert "| 1 | Which paper excited you? | 6 | 3 | 2 | 1 |" in md
    assert "| 2 | What would you build? | 5 | 2 | 1 | 1 |" in md
    assert (
        "On average an attendee met 2 new people (median 2, at most 3); 1 of 7 met nobody new."
        in md
    )
    assert "2 stories, 6.5 minutes in all." in md
    assert "1. My first rejection, told by Ada (4.5 min)\n2. Second (2 min)" in md
    assert "### Tools (2 notes, 5 votes)\n\n- A better vCard (+3)\n- Timers (+2)" in md
    assert "Adam wins with 5 votes from 8 ballots." in md
    assert "For wins the debate: For +30 points, Against -60 points." in md
    assert "2 questions asked, 1 answered.\n\n- Why now? (+4, answered)\n- How? (+1)" in md


# The whole scripted evening: the core's head and attendance, then each kind's section in the
# kinds' order (icebreaker, open mic, questions, wall, vote, debate), the core's foot last.
WHOLE = (
    "# ICLR 2026 Social\n"
    "\n"
    "25 April 2026 · event ICLR26 · 7 people joined\n"
    "\n"
    "## Attendance\n"
    "\n"
    "![Attendance over time](charts/attendance.svg)\n"
    "\n"
    "7 people joined; at most 7 were present at once (minute 6).\n"
    "\n"
    "## Icebreaker\n"
    "\n"
    "2 rounds, 5 groups: 3 reported that they found each other, 2 did not.\n"
    "\n"
    "| Round | Question | People | Groups | Found each other | Did not |\n"
    "| --- | --- | --- | --- | --- | --- |\n"
    "| 1 | Which paper excited you? | 6 | 3 | 2 | 1 |\n"
    "| 2 | What would you build? | 5 | 2 | 1 | 1 |\n"
    "\n"
    "### New people met\n"
    "\n"
    "![New people each attendee met](charts/new-people.svg)\n"
    "\n"
    "On average an attendee met 2 new people (median 2, at most 3); 1 of 7 met nobody new.\n"
    "\n"
    "## Stories told\n"
    "\n"
    "2 stories, 6.5 minutes in all.\n"
    "\n"
    "1. My first rejection, told by Ada (4.5 min)\n"
    "2. Second (2 min)\n"
    "\n"
    "## Questions from the floor\n"
    "\n"
    "2 questions asked, 1 answered.\n"
    "\n"
    "- Why now? (+4, answered)\n"
    "- How? (+1)\n"
    "\n"
    "## What should we build?\n"
    "\n"
    "3 notes, 1 theme.\n"
    "\n"
    "![Notes per theme: What should we build?](charts/wall-1.svg)\n"
    "\n"
    "### Tools (2 notes, 5 votes)\n"
    "\n"
    "- A better vCard (+3)\n"
    "- Timers (+2)\n"
    "\n"
    "### Not in a theme (1 note, 0 votes)\n"
    "\n"
    "- misc (+0)\n"
    "\n"
    "## Votes\n"
    "\n"
    "### Best paper\n"
    "\n"
    "Adam wins with 5 votes from 8 ballots.\n"
    "\n"
    "![Best paper](charts/vote-1.svg)\n"
    "\n"
    "Most votes; 8 ballots counted.\n"
    "\n"
    "## Debates\n"
    "\n"
    "### Scaling is all you need\n"
    "\n"
    "For wins the debate: For +30 points, Against -60 points. "
    "Counted: 10 phones that voted before and after.\n"
    "\n"
    "![Before and after: Scaling is all you need](charts/debate-1.svg)\n"
)


def test_the_whole_document_in_the_kinds_order():
    assert report.to_markdown(scripted()) == WHOLE


def test_a_report_kept_as_json_renders_the_same():
    """At the purge the report's data is kept as JSON (socialapp.privacy), and every later
    report is rendered from it: JSON makes number keys strings, lists of tuples lists."""
    data = scripted()
    kept = json.loads(json.dumps(data))
    assert report.build(kept) == report.build(data)


def test_every_chart_linked_is_built_and_every_chart_built_is_linked():
    built = report.build(scripted())
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", built["markdown"])
    assert links == list(built["charts"])
    assert links == [
        "charts/attendance.svg",
        "charts/new-people.svg",
        "charts/wall-1.svg",
        "charts/vote-1.svg",
        "charts/debate-1.svg",
    ]
    for svg in built["charts"].values():
        ET.fromstring(svg)
    vote = built["charts"]["charts/vote-1.svg"]
    assert "5 votes · 62.5%" in vote and "3 votes · 37.5%" in vote


def test_the_zip_holds_the_report_and_its_charts_and_is_the_same_every_time():
    data = scripted()
    blob = report.to_zip(data)
    assert blob == report.to_zip(scripted())
    archive = zipfile.ZipFile(io.BytesIO(blob))
    assert archive.testzip() is None
    built = report.build(data)
    assert archive.namelist() == ["report.md", *sorted(built["charts"])]
    assert archive.read("report.md").decode() == built["markdown"]
    for name, svg in built["charts"].items():
        assert archive.read(name).decode() == svg


def test_sections_without_data_are_left_out():
    md = report.to_markdown({"event": {"name": "Quiet night"}})
    assert md == "# Quiet night\n"
    anonymous = {**scripted(), "anonymous": True}
    assert "no names" in report.to_markdown(anonymous)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.images, self.text = set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs["src"])
        assert not any(name.startswith("on") for name in attrs)

    def handle_data(self, data):
        self.text.append(data)


SAFE_TAGS = {
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "ol",
    "li",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}


@pytest.mark.parametrize("hostile", CORPUS + ["[x](javascript:alert(1))", "# Title #", "1. a"])
def test_people_s_text_cannot_become_markup(hostile):
    fields = ["name", "prompt", "title", "teller", "note", "theme", "option", "motion", "question"]
    data = scripted(**dict.fromkeys(fields, hostile))
    html = RENDER.render(report.to_markdown(data))
    seen = Tags()
    seen.feed(html)
    assert seen.tags <= SAFE_TAGS
    assert all(src.startswith("charts/") for src in seen.images)
    assert "".join(seen.text).count(hostile.strip()) >= len(fields)


def test_every_kind_of_vote_gets_its_summary_and_a_fitting_chart():
    options = ["Schulze", "IRV", "Plurality"]
    votes = [
        ("Ranked", {"type": "ranked", "options": options},
         [{"answer": ["Schulze", "IRV"]}] * 3 + [{"answer": ["IRV"]}] * 2),
        ("Scale", {"type": "scale", "scale_max": 5}, [{"answer": 4}] * 3 + [{"answer": 2}]),
        ("Words", {"type": "words"}, [{"answer": ["RLHF"]}, {"answer": ["rlhf", "data"]}]),
        ("Open", {"type": "text"}, [{"answer": "More time"}, {"answer": "More time"}]),
    ]  # fmt: skip
    data = {
        "event": {"name": "Votes"},
        "votes": [{"title": t, "result": counting.count(q, b)} for t, q, b in votes],
    }
    built = report.build(data)
    md, files = built["markdown"], built["charts"]
    assert "Schulze method: Schulze beats every other option head to head." in md
    assert "3 first choices · 60%" in files["charts/vote-1.svg"]
    assert "3 ballots · 75%" in files["charts/vote-2.svg"]
    assert "2 phones" in files["charts/vote-3.svg"]
    assert "charts/vote-4.svg" not in files
    assert "- More time (×2)" in md
    assert "Open answers; 2 ballots counted." in md
