"""A research jam in real Chromium: the host turns the open mic into a first-come talk queue
with 5-minute slots; three phones sign up with a title and a request for plot; the projector
shows the running order and the pitch; two phones tap "I can help"; the pitcher's phone lists
them; in Stay connected the pitcher and a helper confirm they met and see each other's contact."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]
TALKS = {
    "Ada": ("Do <i>sparse</i> probes find syntax?", "probe accuracy vs. layer, per language"),
    "Alan": ("Tokenizers for Yoruba", "fertility vs. vocab size"),
    "Barbara": ("Cheap evals", ""),
}


def test_research_jam_talk_queue_with_i_can_help(live_server, screens):
    ev = live_server.create_event("Research Jam")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    display = screens("display")
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")
    phones = {}
    for name in ["Ada", "Grace", "Alan", "Barbara"]:
        page = screens("phone")
        join_page(page, ev["join_url"], name)
        phones[name] = page
    ada, grace = phones["Ada"], phones["Grace"]

    host.click(".host-agenda .seg:has-text('success stories') button")  # go live
    host.select_option("#mic-mode", "talk_queue")
    host.select_option("#mic-order-by", "first_come")
    host.fill("#mic-minutes", "5")
    host.click("#mic-setup-apply")
    expect(host.locator("#mic-minutes")).to_have_attribute("max", "10")
    expect(display.locator(".mic-call")).to_have_text("Sign up for a talk on your phone")

    for name, (title, pitch) in TALKS.items():  # first come: sign-up order is the order
        page = phones[name]
        page.fill("#mic-title", title)
        page.fill("#mic-pitch", pitch)
        page.click("#mic-enter")
        expect(page.locator(".mic-drawn")).to_be_visible()
    expect(ada.locator(".mic-drawn h2")).to_have_text("You're on deck: you speak next")
    expect(phones["Barbara"].locator(".mic-drawn h2")).to_have_text("You're number 3 in line")
    expect(display.locator("#mic-bowl")).to_contain_text("3 talks in the queue")
    ada.click("#mic-alert-ok")

    host.click("#mic-primary")  # Call up Ada
    expect(host.locator("#mic-primary")).to_contain_text("Start 5:00")
    host.click("#mic-primary")
    expect(ada.locator("#mic-alert")).to_contain_text("You're up!")
    ada.click("#mic-alert-ok")
    expect(phones["Alan"].locator("#mic-alert")).to_contain_text("You're on deck!")
    phones["Alan"].click("#mic-alert-ok")
    expect(display.locator("#mic-speaker-name")).to_have_text("Ada")
    title = display.locator(".mic-speaker-title")
    expect(title).to_have_text("“Do <i>sparse</i> probes find syntax?”")  # typed HTML is text
    expect(title.locator("i")).to_have_count(0)
    expect(display.locator(".mic-speaker-pitch")).to_contain_text(TALKS["Ada"][1])
    expect(display.locator("#mic-deck")).to_have_text("Alan")
    expect(display.locator("#mic-then")).to_contain_text("Barbara")
    big = display.locator(".stage-head [data-timer=kind]")
    expect(big).to_have_text(re.compile(r"^(5:00|4:5\d)$"))

    # Grace and Barbara can help; the pitcher sees their names, nobody else does.
    expect(ada.locator("#mic-help")).to_have_count(0)  # not on one's own talk
    for name in ("Grace", "Barbara"):
        button = phones[name].locator("#mic-help .mic-help-btn")
        button.click()
        expect(button).to_have_text("✓ You can help")
    expect(ada.locator("#mic-helpers li")).to_have_text(["Grace", "Barbara"])
    expect(phones["Alan"].locator("#mic-helpers")).to_have_count(0)
    screenshot(ada, "talk_queue-pitcher")
    screenshot(grace, "talk_queue-phone")
    screenshot(display, "talk_queue-display")
    screenshot(host, "talk_queue-host")
    phones["Barbara"].locator("#mic-help .mic-help-btn").click()  # takes it back
    expect(ada.locator("#mic-helpers li")).to_have_text(["Grace"])

    # Stay connected: listed like people met; contacts only once both confirmed.
    host.locator("#agenda-live li").last.locator("button").click()
    row = ada.locator(".cx-person", has_text="Grace")
    expect(row.locator(".cx-where")).to_contain_text("I can help")
    expect(row.locator(".cx-where")).to_contain_text("Do <i>sparse</i> probes")
    for page, contact in ((ada, "ada@example.org"), (grace, "@grace@sigmoid.social")):
        page.fill("#cx-contact", contact)
        page.click("#cx-share")
        expect(page.locator("#cx-mine-contact")).to_have_text(contact)
    expect(grace.locator(".cx-person", has_text="Ada")).not_to_contain_text("ada@example.org")
    grace.locator(".cx-person", has_text="Ada").locator(".cx-met-button").click()
    expect(grace.locator(".cx-person", has_text="Ada")).not_to_contain_text("ada@example.org")
    row.locator(".cx-met-button").click()
    expect(grace.locator(".cx-person", has_text="Ada")).to_contain_text("ada@example.org")
    expect(row).to_contain_text("@grace@sigmoid.social")
    screenshot(ada, "talk_queue-connect")

    for page in [display, host, *phones.values()]:
        assert page.errors == []
    assert "Traceback" not in live_server.log()
