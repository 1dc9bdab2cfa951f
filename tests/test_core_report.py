"""The host's report on a scripted event: known groups, stories and votes -> known Markdown,
charts that match its links, and a zip with both."""

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from socialapp.core import counting, debate, figures, report
from tests.test_core_figures import PEOPLE, ROUNDS

CORPUS = Path(__file__).parent.joinpath("data", "xss-corpus.txt").read_text().splitlines()
RENDER = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
BEST_PAPER = {
    "type": "single",
    "options": [{"id": "a", "label": "Attention Is All You Need"}, {"id": "b", "label": "Adam"}],
}


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
    pairs = figures.pairs_in_groups(g["members"] for r in rounds for g in r["groups"])
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
        "rounds": figures.round_figures(rounds),
        "met": figures.met_figures(figures.met_counts(PEOPLE, pairs).values()),
        "stories": figures.story_figures(
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
        "questions": figures.question_figures(
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
