"""The wall as patches in real Chromium, with columns: the host sets three columns, phones pick
one per note, the projector shows them in columns; screens are sent patches, a phone that was
offline comes back to the whole wall, and a screen that missed a patch asks for the state."""

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]

COLUMNS = ["Strengths", "Weaknesses", "How I'd apply it"]
COUNT_MESSAGES = """() => {
  window.__got = { patch: 0, state: 0 };
  SA.socket.on("patch", () => window.__got.patch++);
  SA.socket.on("state", () => window.__got.state++);
}"""


def post(page, text, column):
    page.get_by_role("radio", name=column).click()
    page.fill("#wall-text", text)
    page.click("#wall-post")
    expect(page.locator(".wall-mine .wall-note-text", has_text=text)).to_have_count(1)


def test_wall_columns_and_patches(live_server, screens):
    ev = live_server.create_event("Reading Group")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    display = screens("display")
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")
    ada, bo = screens("phone"), screens("phone")
    join_page(ada, ev["join_url"], "Ada")
    join_page(bo, ev["join_url"], "Bo")
    host.locator(".host-agenda li", has_text="What now?").get_by_role("button").click()
    for page in (display, ada, bo):
        page.wait_for_selector("#seg-title:has-text('What now?'), #now-title:has-text('What now?')")

    host.locator(".wall-settings summary").click()
    host.fill("#wall-columns", ", ".join(COLUMNS))
    host.click("#wall-columns-save")
    expect(ada.get_by_role("radio", name="Weaknesses")).to_be_visible()
    for page in (display, ada, bo):
        page.evaluate(COUNT_MESSAGES)

    post(ada, "Clear ablations on three datasets", "Strengths")
    post(bo, "Only English benchmarks", "Weaknesses")
    post(ada, "Try the probe on our own logs", "How I'd apply it")
    expect(display.locator(".wall-display .wall-note")).to_have_count(3)
    heads = display.locator(".wall-display .wall-theme-title")
    expect(heads).to_have_count(3)
    expect(heads.nth(1)).to_contain_text("Weaknesses")
    expect(bo.locator(".wall-list .wall-group h3")).to_have_count(3)
    got = display.evaluate("window.__got")
    assert got["patch"] >= 1 and got["state"] == 0  # changes only (a busy window merges them)

    # Bo's phone goes offline; the wall changes; back online it shows the whole wall.
    bo.context.set_offline(True)
    expect(bo.locator("#conn")).to_have_attribute("data-status", "offline", timeout=15_000)
    post(ada, "Strong baselines", "Strengths")
    host.locator(".wall-note", has_text="Only English benchmarks").locator(".wall-hide").click()
    expect(display.locator(".wall-display .wall-note")).to_have_count(3)
    bo.context.set_offline(False)
    expect(bo.locator("#conn")).to_have_attribute("data-status", "online", timeout=20_000)
    expect(bo.locator(".wall-list .wall-note-text", has_text="Strong baselines")).to_have_count(1)
    expect(bo.locator(".wall-list .wall-note-text", has_text="Only English")).to_have_count(0)

    # The projector misses a patch (its state is made older): it asks and gets the whole state.
    display.evaluate("() => { SA.state = Object.assign({}, SA.state, { v: SA.state.v - 1 }); }")
    before = display.evaluate("window.__got.state")
    post(bo, "Would it hold for code?", "Weaknesses")
    expect(display.locator(".wall-note-text", has_text="Would it hold")).to_have_count(1)
    assert display.evaluate("window.__got.state") == before + 1
    post(ada, "Share the probe", "How I'd apply it")
    expect(display.locator(".wall-display .wall-note")).to_have_count(5)

    screenshot(display, "wall-columns-projector")
    screenshot(ada, "wall-columns-phone")
    screenshot(host, "wall-columns-host")
