"""The sticky-note wall in real Chromium: phones post notes (one while offline), the projector
shows them live, the host hides one (gone everywhere), suggests themes, accepts, and the
projector groups the notes; the Markdown export holds the themes."""

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]

NOTES = {
    "Ada": [
        "Weekly sync call, even if it is only 15 minutes",
        "Agree on authorship order before writing the paper",
        "Pin package versions so results can be reproduced",
        "Assume good intent when a message sounds harsh",
    ],
    "Grace": [
        "Post async updates in a shared channel",
        "Credit everyone who contributed, including engineers",
        "One shared git repository from day one",
        "Be kind in code review",
    ],
    "Linus <img src=x onerror=alert(1)>": [
        "Write down decisions and who made them",
        "Talk about first and last authorship early",
        "Share data and code with a clear licence",
        "<b>Never</b> shame people for questions",
    ],
}
RUDE = "Meetings are a waste of time, skip them all"


def post(page, text):
    page.fill("#wall-text", text)
    page.click("#wall-post")
    expect(page.locator(".wall-mine .wall-note-text", has_text=text)).to_have_count(1)


def test_wall_phones_projector_host(live_server, screens):
    ev = live_server.create_event("Open Collaboration Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    display = screens("display")
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")
    phones = {}
    for name in NOTES:
        phones[name] = screens("phone")
        join_page(phones[name], ev["join_url"], name)

    # The host takes the agenda straight to the wall.
    host.locator(".host-agenda li", has_text="What now?").get_by_role("button").click()
    for page in [display, *phones.values()]:
        page.wait_for_selector("#seg-title:has-text('What now?'), #now-title:has-text('What now?')")

    for name, texts in NOTES.items():
        for text in texts:
            post(phones[name], text)
    ada, grace = phones["Ada"], phones["Grace"]
    post(phones["Linus <img src=x onerror=alert(1)>"], RUDE)  # a 5th note: not Ada's
    expect(display.locator(".wall-display .wall-note")).to_have_count(13)
    expect(display.locator(".wall-note-text", has_text="<b>Never</b> shame")).to_have_count(1)

    # A note typed while the Wi-Fi is down is kept and sent once it is back.
    ada.context.set_offline(True)
    ada.wait_for_selector("#conn[data-status=offline]", timeout=15000)
    ada.fill("#wall-text", "Celebrate small wins together")
    ada.click("#wall-post")
    expect(ada.locator(".wall-note.unsent")).to_have_count(1)
    ada.context.set_offline(False)
    expect(ada.locator(".wall-note.unsent")).to_have_count(0, timeout=20000)
    expect(display.locator(".wall-note-text", has_text="Celebrate small wins")).to_have_count(1)
    expect(display.locator(".wall-display .wall-note")).to_have_count(14)

    # Votes from the phone: every +1 button names its note (a screen reader lists 14 of
    # them), and the note box is "Write a note", not a second "Your notes".
    names = grace.locator(".wall-list .wall-vote").evaluate_all(
        "bs => bs.map(b => b.getAttribute('aria-label'))"
    )
    assert len(names) == 14 and len(set(names)) == 14, names
    assert "+1: Weekly sync call, even if it…" in names
    expect(grace.get_by_role("textbox", name="Write a note")).to_have_count(1)
    expect(grace.get_by_label("Your notes")).to_have_count(1)  # the section only
    grace.get_by_role("button", name="+1: Weekly sync call, even if it…").click()
    expect(
        grace.get_by_role("button", name="Take back your +1: Weekly sync call, even if it…")
    ).to_have_attribute("aria-pressed", "true")
    expect(
        display.locator(".wall-note", has_text="Weekly sync call").locator(".wall-votes")
    ).to_have_text("+1")

    # The host hides a note: gone from the projector and every phone.
    host.get_by_role("button", name="Hide: Meetings are a waste of time…").click()
    expect(display.locator(".wall-note-text", has_text=RUDE)).to_have_count(0)
    expect(grace.locator(".wall-list .wall-note-text", has_text=RUDE)).to_have_count(0)
    linus = phones["Linus <img src=x onerror=alert(1)>"]
    expect(linus.locator(".wall-mine .wall-note", has_text=RUDE)).to_contain_text("Hidden")

    # Suggest themes: only the host sees the suggestion until it is accepted.
    host.click("#wall-suggest")
    expect(host.locator(".wall-sug-group").first).to_be_visible(timeout=60000)
    expect(display.locator(".wr-title")).to_have_count(0)
    screenshot(host, "wall-host")
    host.click("#wall-accept")
    expect(host.locator(".wall-suggestion .wall-sug-group")).to_have_count(0)
    titles = display.locator(".wr-title")  # the themes reveal (wall-reveal.display.js)
    expect(titles.first).to_be_visible()
    assert titles.count() >= 2
    expect(grace.locator(".wall-list h3").first).to_be_visible()
    grace.locator(".wall-list h2").scroll_into_view_if_needed()
    screenshot(grace, "wall-phone")

    # Drag a note of the first theme onto another theme in the side list, on the laptop.
    cols = host.locator(".wall-col[data-theme]:not([data-theme=''])")
    target = cols.nth(1)
    target_theme = target.get_attribute("data-theme")
    first_theme = cols.nth(0).get_attribute("data-theme")
    src = host.locator(f".wall-board .wall-note[data-theme='{first_theme}']").first
    note_id = src.get_attribute("data-id")
    src.scroll_into_view_if_needed()
    src.drag_to(target.locator("h3"))
    expect(
        host.locator(f".wall-note[data-id='{note_id}'][data-theme='{target_theme}']")
    ).to_have_count(1)
    screenshot(host, "wall-host")

    screenshot(display, "wall-display")

    # The take-home export, as the host's browser downloads it.
    md = host.request.get(live_server.url + f"/e/{ev['code']}/export.md")
    assert md.status == 200
    body = md.text()
    assert body.count("### ") >= 2 and "Weekly sync call" in body and RUDE not in body
    assert host.context.request.get(live_server.url + f"/e/{ev['code']}/export.csv").ok
    assert display.request.get(live_server.url + f"/e/{ev['code']}/export.md").status == 403

    for page in [display, host, *phones.values()]:
        assert page.errors == []
    assert "Traceback" not in live_server.log()
