"""An Oxford-style debate in real Chromium: five phones vote before the first speech (the
projector shows only how many), the host steps through the speeches with their timers, a
phone raises its hand and is called from the floor, four phones vote again, and the reveal
shows before and after, the swings and the winner; the host sees the one ballot left out."""

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]
BEFORE = {"Ada": "for", "Bob": "against", "Cy": "undecided", "Dee": "undecided", "Eve": "for"}
AFTER = {"Ada": "for", "Bob": "against", "Cy": "for", "Dee": "for"}  # Eve left early


def vote(phones, ballots):
    for name, side in ballots.items():
        page = phones[name]
        page.click(f"#debate-{side}")
        expect(page.locator(f"#debate-{side}")).to_have_attribute("aria-pressed", "true")


def test_a_whole_debate_with_five_phones_host_and_projector(live_server, screens):
    ev = live_server.create_event("Debate night", template="oxford-debate")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    display = screens("display")
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")
    phones = {}
    for name in BEFORE:
        page = screens("phone")
        join_page(page, ev["join_url"], name)
        phones[name] = page

    host.click(".host-agenda .seg:has-text('The debate') button")  # go live: the pre-vote
    motion = "This house believes that every negative result should be published"
    expect(display.locator("#debate-motion")).to_have_text(motion)
    vote(phones, {"Cy": "for"})  # a change of mind before the vote closes
    vote(phones, BEFORE)
    expect(phones["Cy"].locator("#debate-mine")).to_contain_text("Your vote: Undecided")
    expect(display.locator("#debate-voters")).to_contain_text("5 phones have voted")
    expect(display.locator(".kind-debate")).not_to_contain_text("%")  # breakdown hidden
    expect(host.locator("#debate-ballots")).to_contain_text("before 5 · after 0")
    screenshot(phones["Ada"], "debate-phone-vote")
    screenshot(display, "debate-display-vote")

    host.click("#debate-next")  # opening for: its own timer, 6 minutes, not started
    expect(display.locator("#debate-speaker")).to_have_text("First speaker for")
    expect(display.locator(".stage-head .timer")).to_have_text("6:00")
    host.click("#debate-timer")
    expect(host.locator("#debate-timer")).to_contain_text("Pause")
    expect(display.locator(".stage-head .timer")).to_have_attribute("data-phase", "running")
    phones["Bob"].click("#debate-hand")  # Bob wants to ask something
    expect(phones["Bob"].locator("#debate-hand")).to_have_text("Lower my hand")
    expect(phones["Ada"].locator("#debate-for")).to_have_count(0)  # the vote is closed
    screenshot(display, "debate-display-speech")
    host.keyboard.press("g")  # the G shortcut: opening against
    expect(display.locator("#debate-speaker")).to_have_text("First speaker against")
    expect(display.locator(".debate-side-badge")).to_contain_text("Against the motion")
    for _ in range(3):  # the two rebuttals, then the floor
        host.click("#debate-next")
    expect(display.locator(".debate-call")).to_have_text("Questions from the floor · 1 hand up")
    expect(host.locator("#debate-hand-list li")).to_have_text(["Bob"])
    host.click("#debate-call")
    expect(phones["Bob"].locator(".debate-yourturn")).to_contain_text("You're up!")
    expect(display.locator("#debate-speaker")).to_have_text("Bob")
    screenshot(phones["Bob"], "debate-phone-floor")
    screenshot(display, "debate-display-floor")
    host.click("#debate-timer")  # the floor's own timer
    expect(host.locator(".debate-timer .timer")).to_have_attribute("data-phase", "running")
    screenshot(host, "debate-host-floor")
    for _ in range(3):  # the two closings, then the vote again
        host.click("#debate-next")
    expect(display.locator(".debate-call")).to_have_text("Vote again on your phone")
    vote(phones, AFTER)
    expect(display.locator("#debate-voters")).to_contain_text("4 phones have voted")
    expect(host.locator("#debate-next")).to_have_text("Close the vote and revealG")
    host.click("#debate-next")

    verdict = display.locator("#debate-verdict")
    expect(verdict).to_have_text("★ For the motion wins")
    expect(display.locator(".debate-swings")).to_contain_text("For +50 pts")
    expect(display.locator(".debate-swings")).to_contain_text("Against ±0 pts")
    expect(display.locator(".debate-row").first).to_contain_text("For 25%")
    expect(display.locator(".kind-debate")).not_to_contain_text("Left out")
    expect(host.locator("#debate-left-out")).to_contain_text(
        "Left out: 1 ballot from phones that voted once (1 before only, 0 after only)"
    )
    expect(phones["Dee"].locator("#debate-verdict")).to_have_text("★ For the motion wins")
    host.wait_for_timeout(1500)  # the calm reveal has grown its bars
    screenshot(display, "debate-display-result")
    screenshot(host, "debate-host")
    screenshot(phones["Dee"], "debate-phone-result")
    for page in [host, display, *phones.values()]:
        assert page.errors == []
