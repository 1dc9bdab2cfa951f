"""A best-paper vote in real Chromium: the host adds a ranked question in the panel, four
phones rank by tapping (one undoes a tap), the projector shows only how many voted, then the
host closes and reveals and the projector states the winner and the method in words."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]
NAMES = ["Ada", "Bob", "Cy", "Dee"]
BALLOTS = {
    "Ada": ["SAM", "ViT"],
    "Bob": ["ViT", "CLIP", "SAM"],
    "Cy": ["ViT"],
    "Dee": ["CLIP", "ViT"],
}


def rank(page, option):
    page.get_by_role("button", name=re.compile(f"^Rank {option} number")).click()


def test_best_paper_vote_with_four_phones_and_the_reveal(live_server, screens):
    ev = live_server.create_event("Best-paper night", template="best-papers")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    display = screens("display")
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")
    phones = {}
    for name in NAMES:
        page = screens("phone")
        join_page(page, ev["join_url"], name)
        phones[name] = page

    host.click(".host-agenda .seg:has-text('Best papers') button")  # go live
    expect(host.locator("#vote-qlist li")).to_have_count(2)  # no talks: best talk skipped
    host.fill("#vote-new-title", "Best vision paper")
    host.select_option("#vote-new-type", "ranked")
    host.fill("#vote-new-options", "ViT\nCLIP\nSAM")
    host.click("#vote-add")
    row = host.locator("#vote-qlist li:has-text('Best vision paper')")
    row.get_by_role("button", name="Open").click()
    expect(display.locator("#vote-title")).to_have_text("Best vision paper")
    expect(display.locator("#vote-voters")).to_contain_text("0 phones have voted")

    for name, ballot in BALLOTS.items():
        page = phones[name]
        expect(page.locator("#vote-title")).to_have_text("Best vision paper")
        if name == "Dee":  # a slip of the thumb, taken back
            rank(page, "SAM")
            expect(page.get_by_role("button", name="SAM, ranked 1")).to_be_disabled()
            page.click("#vote-undo")
        for option in ballot:
            rank(page, option)
        expect(page.locator("#vote-send")).to_contain_text(f"Send my ranking ({len(ballot)})")
        if name == "Ada":
            screenshot(page, "vote-phone-ranking")
        page.click("#vote-send")
        expect(page.locator("#vote-mine")).to_contain_text("1. " + ballot[0])

    expect(display.locator("#vote-voters")).to_contain_text("4 phones have voted")
    expect(display.locator(".vote-result")).to_have_count(0)  # hidden until the reveal
    expect(display.locator("body")).not_to_contain_text("Schulze")
    expect(host.locator(".vote-live #vote-headline")).to_contain_text("ViT beats every other")
    screenshot(display, "vote-display-counting")

    expect(host.locator("#vote-primary")).to_contain_text("Close voting (4 ballots)")
    host.click("#vote-primary")
    expect(phones["Cy"].locator(".kind-vote")).to_contain_text("Voting is closed")
    expect(host.locator("#vote-primary")).to_contain_text("Reveal the result")
    host.click("#vote-primary")
    headline = display.locator("#vote-headline")
    expect(headline).to_have_text("Schulze method: ViT beats every other option head to head.")
    expect(display.locator(".vote-method")).to_contain_text(
        "Counted by: Schulze method · 4 ballots"
    )
    expect(display.locator(".vote-ranking li").first).to_contain_text("★ 1. ViT")
    expect(phones["Bob"].locator("#vote-headline")).to_contain_text("ViT beats")
    host.wait_for_timeout(1500)  # the calm reveal has grown its bars
    screenshot(display, "vote-display-reveal")
    screenshot(host, "vote-host")
    screenshot(phones["Bob"], "vote-phone-result")
    for page in [host, display, *phones.values()]:
        assert page.errors == []
