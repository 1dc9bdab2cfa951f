"""The report's SVG charts: well-formed for any input, typed text stays text, values written."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialapp.core import charts, svg

NS = "{http://www.w3.org/2000/svg}"
CORPUS = Path(__file__).parent.joinpath("data", "xss-corpus.txt").read_text().splitlines()
# Everything a chart may contain: drawing and naming elements, never script, foreignObject,
# images, links or styles.
ALLOWED = {"svg", "title", "desc", "defs", "pattern", "rect", "path", "circle", "line", "text"}


def parse(doc: str) -> ET.Element:
    return ET.fromstring(doc)


def tags(root) -> set[str]:
    return {el.tag.removeprefix(NS) for el in root.iter()}


def texts(root) -> list[str]:
    """What a reader sees: the text of every <text> (its tooltip <title> left out)."""
    out = []
    for el in root.iter(NS + "text"):
        out.append((el.text or "") + "".join(child.tail or "" for child in el))
    return out


def tooltips(root) -> list[str]:
    return [t.text or "" for el in root.iter(NS + "text") for t in el.iter(NS + "title")]


def assert_inert(root):
    assert tags(root) <= ALLOWED
    for el in root.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), name
            assert "href" not in name
            # Only the accessible name may carry typed text (as text); drawing attributes
            # hold numbers, ids and colours.
            if name != "aria-label":
                assert "javascript:" not in value.lower() and "<" not in value
                assert "url(" not in value or value.startswith("url(#")  # our own patterns only


def steps():
    return [
        {"label": "Joined", "points": [[0, 0], [5, 12], [10, 30], [40, 30]]},
        {"label": "Present", "points": [[0, 0], [5, 10], [10, 25], [40, 18]]},
    ]


def every_chart(label: str, title: str = "Chart") -> list[str]:
    return [
        charts.step_chart([{"label": label, "points": [[0, 1], [3, 2]]}], title=title),
        charts.histogram({0: 2, 1: 3}, title=title, x_label=label, mean=0.6),
        charts.bar_chart([{"label": label, "value": 3, "note": label}], title=title),
        charts.stacked_bars(
            [
                {
                    "label": label,
                    "parts": [{"label": label, "value": 60}, {"label": "x", "value": 40}],
                }
            ],
            title=title,
        ),
    ]


@pytest.mark.parametrize("hostile", CORPUS)
def test_hostile_labels_and_titles_stay_text(hostile):
    for doc in every_chart(hostile, title=hostile):
        root = parse(doc)
        assert_inert(root)
        assert root.get("aria-label") == hostile.strip()
        seen = " ".join(texts(root) + tooltips(root))
        assert hostile.strip() in seen or hostile.strip() in root.find(NS + "desc").text


@settings(max_examples=60, deadline=None)
@given(label=st.text(max_size=80), title=st.text(max_size=80))
def test_any_text_gives_well_formed_inert_svg(label, title):
    for doc in every_chart(label, title):
        assert_inert(parse(doc))


def test_lone_surrogates_and_controls_are_dropped():
    bad = "A\ud800B\x00C\x1b\u202eD\ufffe"
    root = parse(charts.bar_chart([{"label": bad, "value": 1}], title=bad))
    assert root.get("aria-label") == "ABCD"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 600), st.integers(0, 5000)),
        min_size=1,
        max_size=40,
        unique_by=lambda p: p[0],
    )
)
def test_step_chart_of_any_series_is_well_formed(points):
    doc = charts.step_chart([{"label": "Present", "points": points}], title="Attendance")
    root = parse(doc)
    assert_inert(root)
    last = sorted(points)[-1][1]
    assert f"Present {last}" in texts(root)


def test_same_data_same_bytes():
    assert charts.step_chart(steps(), title="A") == charts.step_chart(steps(), title="A")
    shuffled = [{"label": s["label"], "points": s["points"][::-1]} for s in steps()]
    assert charts.step_chart(shuffled, title="A") == charts.step_chart(steps(), title="A")
    assert charts.histogram({1: 2, 0: 3}, title="H", x_label="x") == charts.histogram(
        {0: 3, 1: 2}, title="H", x_label="x"
    )


def test_charts_are_named_for_screen_readers_and_ids_do_not_clash():
    a = parse(charts.step_chart(steps(), title="Attendance over time"))
    b = parse(charts.bar_chart([{"label": "x", "value": 1}], title="Votes"))
    for root in (a, b):
        assert root.get("role") == "img"
        title_id, desc_id = root.get("aria-labelledby").split()
        assert root.find(NS + "title").get("id") == title_id
        assert root.find(NS + "desc").get("id") == desc_id
        assert root.find(NS + "desc").text  # the data in words
    ids = [el.get("id") for root in (a, b) for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_step_chart_lines_differ_by_dash_and_are_named_at_their_ends():
    root = parse(charts.step_chart(steps(), title="Attendance"))
    paths = [p for p in root.iter(NS + "path") if p.get("fill") == "none"]
    assert len({p.get("stroke-dasharray") for p in paths}) == 2
    assert {"Joined 30", "Present 18"} <= set(texts(root))
    desc = root.find(NS + "desc").text
    assert "Present: 18 at the end" in desc and "at most 25" in desc


def test_histogram_writes_counts_and_marks_the_mean():
    root = parse(charts.histogram({0: 4, 2: 7}, title="Met", x_label="New people met", mean=1.3))
    shown = texts(root)
    assert {"4", "7", "Mean 1.3"} <= set(shown)
    assert {"0", "1", "2"} <= set(shown)  # the empty value 1 keeps its place
    assert len([r for r in root.iter(NS + "rect") if r.get("stroke")]) == 2


def test_bar_chart_writes_values_and_keeps_long_labels_whole_in_a_tooltip():
    long = "A very long option label that cannot possibly fit in the label column of the chart"
    bars = [
        {"label": long, "value": 12, "note": "40%", "strong": True},
        {"label": "Short", "value": 1},
    ]
    root = parse(charts.bar_chart(bars, title="Votes"))
    shown = texts(root)
    assert "12 votes · 40%" in shown and "1 vote" in shown
    assert any(s.endswith("…") for s in shown)
    assert long in tooltips(root)
    assert "Short" in shown and "Short" not in tooltips(root)  # nothing cut, no tooltip


def test_bar_lengths_follow_the_values():
    root = parse(
        charts.bar_chart([{"label": "a", "value": 10}, {"label": "b", "value": 5}], title="T")
    )
    widths = [float(r.get("width")) for r in root.iter(NS + "rect") if r.get("stroke")]
    assert widths[0] == pytest.approx(2 * widths[1])


def test_stacked_bars_use_patterns_and_write_every_share():
    rows = [
        {
            "label": "Before",
            "parts": [{"label": "For", "value": 40}, {"label": "Against", "value": 60}],
        },
        {
            "label": "After",
            "parts": [{"label": "Against", "value": 30}, {"label": "For", "value": 70}],
        },
    ]
    root = parse(charts.stacked_bars(rows, title="Debate"))
    fills = {
        r.get("fill") for r in root.iter(NS + "rect") if r.get("stroke") and r.get("height") == "30"
    }
    assert len(fills) == 2 and all(f.startswith("url(#") for f in fills)
    shown = texts(root)
    assert "For 40% · Against 60%" in shown and "Against 30% · For 70%" in shown
    assert {"40%", "60%", "70%", "30%"} <= set(shown)
    # "For" keeps its pattern though it moved: one fill per name, not per position.
    by_x = sorted(
        (float(r.get("y")), float(r.get("x")), r.get("fill"))
        for r in root.iter(NS + "rect")
        if r.get("height") == "30"
    )
    assert by_x[0][2] == by_x[3][2]  # Before/For == After/For (drawn second in its row)


def test_empty_charts_say_so():
    for doc in (
        charts.step_chart([], title="A"),
        charts.histogram({}, title="B", x_label="x"),
        charts.bar_chart([], title="C"),
        charts.stacked_bars([], title="D"),
    ):
        root = parse(doc)
        assert any("yet" in t for t in texts(root))


@settings(max_examples=200, deadline=None)
@given(
    st.floats(0, 1e6, allow_nan=False),
    st.floats(0, 1e6, allow_nan=False),
    st.integers(2, 10),
)
def test_ticks_cover_the_range_evenly(a, b, count):
    lo, hi = min(a, b), max(a, b)
    t = svg.ticks(lo, hi, count)
    assert t[0] <= lo + 1e-9 and t[-1] >= hi - 1e-9
    gaps = {round(y - x, 6) for x, y in zip(t, t[1:], strict=False)}
    assert len(gaps) == 1 and gaps.pop() >= 0.01
    assert len({svg.tick_text(x) for x in t}) == len(t)  # no label written twice
    assert len(t) <= 2 * count + 2


def test_ticks_are_round_and_whole_for_counts():
    assert svg.ticks(0, 7) == [0, 2, 4, 6, 8]
    assert svg.ticks(0, 0) == [0, 1]
    assert svg.ticks(0, 3, 6) == [0, 1, 2, 3]
    assert svg.ticks(0, 95, 6, (1, 2, 5, 10, 15, 30, 60)) == [0, 20, 40, 60, 80, 100]
    assert svg.ticks(0, 2.5, 5) == [0, 0.5, 1, 1.5, 2, 2.5]


def test_ellipsis_and_wrap_never_split_a_character():
    name = "Zoë 👩‍🔬 Ñandú " * 10
    cut = svg.ellipsis(name, 120)
    assert cut.endswith("…") and svg.width(cut) <= 120
    assert "\u200d…" not in cut and not cut[:-1].endswith("\u200d")
    lines = svg.wrap("one two three four five six seven eight nine ten", 60, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(svg.width(line) <= 60 for line in lines)
