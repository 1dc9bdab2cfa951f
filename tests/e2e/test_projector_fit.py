"""Issue 12, projector part: text people type fits its box on the projector at 1920x1080 and
1280x720. Every kind's projector view is drawn with the longest allowed texts (Latin, CJK,
Arabic, emoji; tests/e2e/projector_states.py) on one real projector page per size, and the
browser checks that no text overflows its box (scroll vs client size, except a box that
ends with its ellipsis), that no text is cut by a box around it or leaves the stage (so
nothing runs under the agenda strip or the join corner), and that no two texts overlap.
Screenshots of every view land in the test's tmp path (and test-artifacts/)."""

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS
from tests.e2e import projector_states as views

pytestmark = [pytest.mark.browser, pytest.mark.server]

SIZES = [(1920, 1080), (1280, 720)]

# The browser side (tests/e2e/projector_fit.js): a function that draws a state, then one that
# checks every element with its own text in the stage.
DRAW, CHECK = (
    part.split("*/", 1)[1].strip().rstrip(";")
    for part in (Path(__file__).parent / "projector_fit.js").read_text().split("\n/* ")[1:]
)


@pytest.fixture
def projector_pages(live_server, browser):
    """One server, one projector page per size, reused for every view."""
    ev = live_server.create_event("Fit Social")
    pages, contexts = {}, []
    for w, h in SIZES:
        # Reduced motion: no fade-in caught half way in the screenshots.
        ctx = browser.new_context(viewport={"width": w, "height": h}, reduced_motion="reduce")
        contexts.append(ctx)
        page = ctx.new_page()
        page.errors = []
        page.on("pageerror", lambda e, page=page: page.errors.append(str(e)))
        page.goto(ev["display_url"])
        page.wait_for_selector("#conn[data-status=online]")
        page.wait_for_function("window.SA && SA.state")
        pages[(w, h)] = page
    yield pages
    for ctx in contexts:
        ctx.close()


def test_long_texts_fit_every_projector_view(projector_pages, tmp_path):
    failures = []
    for (w, h), page in projector_pages.items():
        base = page.evaluate("SA.state")
        for name, kind, instructions, view in views.VIEWS:
            state = views.state(base, kind, instructions, view)
            page.evaluate(DRAW, [json.loads(json.dumps(state))])
            result = page.evaluate(CHECK)
            shot = f"projector-fit-{name}-{w}x{h}"
            page.screenshot(path=str(tmp_path / f"{shot}.png"))
            ARTIFACTS.mkdir(exist_ok=True)
            shutil.copy(tmp_path / f"{shot}.png", ARTIFACTS)
            assert result["texts"] > 3, (name, result)
            failures += [f"{name} at {w}x{h}: {p}" for p in result["problems"]]
            # The floor: typed text never shrinks below 32 px at 1080p (scaled below it).
            if result["fits"]:
                assert result["smallest"] >= 32 * h / 1080 - 0.5, (name, w, h, result)
        assert page.errors == []
    assert not failures, "\n".join(failures)
    themes_reveal_pages_calmly(projector_pages[SIZES[0]])
    names_keep_their_order(projector_pages[SIZES[0]])


def names_keep_their_order(page):
    """A group whose first name is Arabic: each name is laid out in its own direction, and
    the names stay in their order from the left (the line once took the Arabic name's right
    to left and put the next name before it, splitting a CJK name around the separator)."""
    base = page.evaluate("SA.state")
    view = views.icebreaker(1)
    group = ["نور 🌙 Noor", "欧阳娜娜", "Ada Lovelace"]
    view["groups"][0][3] = group
    page.evaluate(DRAW, [json.loads(json.dumps(views.state(base, "icebreaker", "", view)))])
    names = page.locator(".ib-tile").first.locator(".ib-tile-names bdi")
    assert names.all_inner_texts() == group
    lefts = [names.nth(i).bounding_box()["x"] for i in range(len(group))]
    assert lefts == sorted(lefts), lefts


def themes_reveal_pages_calmly(page):
    """12 themes: four pages of 3 clusters, each with its count and a '+N more'."""
    base = page.evaluate("SA.state")
    state = views.state(base, "wall", "", views.wall(12, 300))
    page.evaluate(DRAW, [json.loads(json.dumps(state))])
    assert page.locator(".wr-theme").count() == 3
    foot = page.locator(".wr-foot").inner_text()
    assert re.match(r"Page [1-4] of 4 · 12 themes · 300 notes", foot), foot
    counts = page.locator(".wr-count").all_inner_texts()
    assert all(c.endswith("notes") for c in counts), counts
    more = page.locator(".wr-more").all_inner_texts()
    assert all(m.startswith("+") and m.endswith("more") for m in more), more
    # Top notes by votes first.
    first = page.locator(".wr-theme").first.locator(".wr-votes").all_inner_texts()
    votes = [int(x.lstrip("+")) for x in first]
    assert votes == sorted(votes, reverse=True)
