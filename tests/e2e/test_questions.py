"""Questions from the floor in real Chromium: three phones ask and upvote, the list sorts itself
on every screen, the host merges a duplicate and pins the top question (its askers' phones say
"your question is up", the projector shows it large), archives it; then the hand-raise queue:
two phones raise their hand, the host calls the first, whose phone and the projector show the
speaker's timer."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]


def add_questions_segment(host):
    host.click("summary:has-text('Edit the agenda')")
    form = host.locator("form:has(button:has-text('Add segment'))")
    form.locator("select[name$=kind]").select_option("questions")
    form.locator("input[name$=title]").fill("Questions for the panel")
    form.locator("button[type=submit]").click()
    host.wait_for_selector("#conn[data-status=online]")
    host.click(".host-agenda .seg:has-text('Questions for the panel') button")  # go live


def test_ask_vote_merge_answer_and_raise_hands(live_server, screens):
    ev = live_server.create_event("Panel Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    display = screens("display")
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")
    phones = {}
    for name in ("Ada", "Bob", "Cy"):
        page = screens("phone")
        join_page(page, ev["join_url"], name)
        phones[name] = page
    ada, bob, cy = phones["Ada"], phones["Bob"], phones["Cy"]

    add_questions_segment(host)
    expect(ada.locator("#q-ask")).to_be_visible()
    expect(display.locator(".q-call")).to_contain_text("Ask your question")

    ada.fill("#q-text", "How do you pick <b>benchmarks</b>?")
    ada.click("#q-ask")
    expect(ada.locator("#q-list .q-item.mine")).to_contain_text("<b>benchmarks</b>")
    bob.fill("#q-text", "Which benchmarks do you trust?")
    bob.check("#q-anon")
    bob.click("#q-ask")
    cy.fill("#q-text", "Will the code be released?")
    cy.click("#q-ask")
    expect(display.locator("#q-top li")).to_have_count(3)
    # Newest first while nobody voted; two votes lift Ada's question to the top.
    expect(display.locator("#q-top li").first).to_contain_text("code be released")
    for page in (bob, cy):
        page.locator(".q-item:has-text('pick') .q-vote").click()
    expect(ada.locator(".q-item").first).to_contain_text("pick")
    expect(display.locator("#q-top li").first).to_contain_text("2")
    expect(display.locator("#q-top li").first.locator("b")).to_have_count(0)  # text stays text
    expect(cy.locator(".q-item:has-text('pick') .q-vote")).to_have_attribute("aria-pressed", "true")
    # A second tap takes Cy's vote back, a third puts it again.
    cy.locator(".q-item:has-text('pick') .q-vote").click()
    expect(cy.locator(".q-item:has-text('pick') .q-vote")).to_have_attribute(
        "aria-pressed", "false"
    )
    cy.locator(".q-item:has-text('pick') .q-vote").click()
    expect(cy.locator(".q-item:has-text('pick') .q-vote")).to_have_attribute("aria-pressed", "true")
    expect(cy.locator(".q-item:has-text('pick') .q-n")).to_have_text("2")
    expect(bob.locator(".q-item:has-text('trust') .q-who")).to_contain_text("Anonymous")
    screenshot(cy, "questions-phone")
    screenshot(display, "questions-display")

    # The host merges Bob's duplicate into Ada's question, then pins it.
    host.locator("#q-open .q-hrow:has-text('trust') .q-pick").check()
    host.locator("#q-open .q-hrow:has-text('pick') button:has-text('Merge 1 here')").click()
    expect(display.locator("#q-top li")).to_have_count(2)
    expect(bob.locator(".q-item.mine")).to_contain_text("pick")  # Bob's, merged
    expect(host.locator("#q-primary")).to_contain_text("Answer now")
    screenshot(host, "questions-host")
    host.click("#q-primary")
    for page in (ada, bob):
        expect(page.locator("#q-up")).to_contain_text("Your question is up!")
    expect(cy.locator("#q-up")).to_have_count(0)
    expect(display.locator("#q-answering .q-big")).to_contain_text("pick <b>benchmarks</b>")
    screenshot(ada, "questions-phone-up")
    screenshot(display, "questions-display-answering")
    host.click("#q-primary")  # answered: to the archive
    expect(display.locator("#q-answering")).to_have_count(0)
    expect(ada.locator("#q-up")).to_have_count(0)
    expect(display.locator(".q-foot")).to_contain_text("1 answered")

    # Closing the floor stops new questions and keeps the segment.
    host.click("#q-floor")
    expect(ada.locator("#q-closed")).to_be_visible()
    host.click("#q-floor")
    expect(ada.locator("#q-ask")).to_be_visible()

    # The hand-raise queue.
    host.check("#q-hands")
    for page in (cy, ada):
        page.click("#q-hand")
    expect(ada.locator(".q-hand.waiting h2")).to_have_text("You're number 2 in the queue")
    expect(display.locator(".q-queue li")).to_have_count(2)
    host.click("#q-call")
    expect(cy.locator(".q-speaking .speaker-timer")).to_have_text(re.compile(r"^(2:00|1:5\d)$"))
    expect(ada.locator(".q-hand.waiting h2")).to_have_text("You speak next")
    expect(display.locator("#q-speaker")).to_have_text("Cy")
    big = display.locator(".stage-head [data-timer=kind]")
    expect(big).to_have_text(re.compile(r"^1:5\d$"))
    screenshot(cy, "questions-phone-speaking")
    screenshot(host, "questions-host-queue")
    screenshot(display, "questions-display-speaker")
    ada.click("#q-hand")  # leaves the queue
    expect(display.locator(".q-queue li")).to_have_count(0)

    # Long questions (280 characters) and one being answered still fit the projector.
    long = "Could you say more about " + "the long tail of evaluation results " * 8
    for i, page in enumerate([ada, bob, cy, ada, bob]):
        page.fill("#q-text", f"{i} {long}"[:280])
        page.click("#q-ask")
        expect(page.locator("#q-text")).to_have_value("")
    expect(display.locator("#q-top li")).to_have_count(5)
    host.locator("#q-open .q-hrow button:has-text('Answer now')").first.click()
    expect(display.locator("#q-answering")).to_be_visible()
    foot = display.locator(".q-foot").bounding_box()
    strip = display.locator(".agenda-strip").bounding_box()
    screenshot(display, "questions-display-long")
    assert foot["y"] + foot["height"] <= strip["y"], (foot, strip)
    top = display.locator("#q-top").bounding_box()
    for row in display.locator("#q-top li").all():
        box = row.bounding_box()
        if box is None:  # hidden whole: the shared .fit-list (static/js/fit.js) had no room
            continue
        assert box["y"] + box["height"] <= top["y"] + top["height"] + 1, box
    for page in (host, display, *phones.values()):
        assert page.errors == []
