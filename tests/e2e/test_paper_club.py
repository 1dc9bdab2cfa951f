"""A paper-club session in real Chromium, from the `paper-club` agenda: three phones ask and
upvote questions while the presenter's section is live (a side panel under the section), the
host answers the top one at the pause (its asker's phone says "your question is up", the
projector shows it large); next week, a phone volunteers for a date, another takes the next
free one, the first withdraws and moves; then phones suggest papers with a link and upvote
them. A host panel, a projector and three phones follow it without a reload."""

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]


def goto(host, title):
    host.click(f".host-agenda .seg:has-text('{title}') button")


def test_a_paper_club_session(live_server, screens):
    ev = live_server.create_event("Thursday paper club", template="paper-club")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    display = screens("display")
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")
    phones = {}
    for name in ("Ada", "Bo", "Cy"):
        page = screens("phone")
        join_page(page, ev["join_url"], name)
        phones[name] = page
    ada, bo, cy = phones["Ada"], phones["Bo"], phones["Cy"]

    host.click("#primary")  # Welcome
    host.click("#next")  # Motivation: the pause after it collects questions
    for page in (ada, bo, cy):
        expect(page.locator("#now-title")).to_have_text("Motivation")
        expect(page.locator(".q-side-panel")).to_contain_text("Q&A: motivation")
    ada.fill(".q-side-text", "Why not compare with a <b>linear probe</b>?")
    ada.click(".q-side-ask")
    bo.fill(".q-side-text", "Is the dataset public?")
    bo.click(".q-side-ask")
    expect(cy.locator(".q-side-list .q-item")).to_have_count(2)
    for page in (bo, cy):
        page.locator(".q-side-list .q-item:has-text('linear probe') .q-vote").click()
    expect(ada.locator(".q-side-list .q-item").first).to_contain_text("linear probe")
    expect(ada.locator(".q-side-list .q-item").first.locator(".q-n")).to_have_text("2")
    expect(ada.locator(".q-side-list .q-item.mine")).to_contain_text("<b>linear probe</b>")
    screenshot(cy, "paper-club-section-phone")
    expect(host.locator(".q-side-host")).to_contain_text("2 questions so far")
    expect(host.locator(".q-side-host li").first).to_contain_text("linear probe")
    screenshot(host, "paper-club-host-section")

    host.click("#next")  # the pause: the questions asked during the section are there
    expect(display.locator("#q-top li")).to_have_count(2)
    expect(display.locator("#q-top li").first).to_contain_text("linear probe")
    for page in (ada, bo, cy):
        expect(page.locator(".q-side-panel")).to_have_count(0)
    expect(host.locator("#q-primary")).to_contain_text("Answer now")
    host.click("#q-primary")
    expect(ada.locator("#q-up")).to_be_visible()
    expect(display.locator("#q-answering")).to_contain_text("linear probe")
    expect(bo.locator("#q-up")).to_have_count(0)
    screenshot(display, "paper-club-pause-display")
    screenshot(host, "paper-club-host")
    host.click("#q-primary")  # answered: to the archive
    expect(display.locator("#q-answering")).to_have_count(0)

    goto(host, "Next presenters")
    for page in (ada, bo, cy):
        expect(page.locator("#slots-list .slot")).to_have_count(4)
    ada.fill("#slots-topic", "Mamba: linear-time sequence modelling")
    ada.locator(".slot[data-slot='Next week'] .slot-take").click()
    expect(ada.locator("#slots-mine")).to_contain_text("Next week")
    expect(bo.locator(".slot[data-slot='Next week']")).to_contain_text("Ada · Mamba")
    expect(bo.locator(".slot[data-slot='Next week'] .slot-take")).to_have_count(0)
    bo.locator(".slot[data-slot='In two weeks'] .slot-take").click()
    expect(display.locator("#slots-board li.taken")).to_have_count(2)
    ada.locator(".slot[data-slot='Next week'] .slot-withdraw").click()
    expect(cy.locator(".slot[data-slot='Next week'] .slot-take")).to_be_visible()
    cy.locator(".slot[data-slot='Next week'] .slot-take").click()
    expect(display.locator("#slots-board li").first).to_contain_text("Cy")
    screenshot(bo, "paper-club-slots-phone")
    screenshot(display, "paper-club-slots-display")

    host.click("#next")  # Next paper
    expect(ada.locator("label[for=q-text]")).to_contain_text("Suggest a paper")
    ada.fill("#q-text", "Mamba")
    ada.fill("#q-link", "https://arxiv.org/abs/2312.00752")
    ada.click("#q-ask")
    bo.fill("#q-text", "RWKV: reinventing RNNs")
    bo.fill("#q-link", "javascript:alert(1)")
    bo.click("#q-ask")
    expect(bo.locator(".toast")).to_contain_text("web address")
    bo.fill("#q-link", "https://arxiv.org/abs/2305.13048")
    bo.click("#q-ask")
    expect(cy.locator("#q-list .q-item")).to_have_count(2)
    for page in (bo, cy):
        page.locator(".q-item:has-text('Mamba') .q-vote").click()
    expect(display.locator("#q-top li").first).to_contain_text("Mamba")
    expect(cy.locator(".q-item:has-text('Mamba') .q-n")).to_have_text("2")
    link = cy.locator(".q-item:has-text('Mamba') a.q-link")
    expect(link).to_have_attribute("href", "https://arxiv.org/abs/2312.00752")
    expect(display.locator(".q-foot")).to_contain_text("2 papers")
    screenshot(cy, "paper-club-papers-phone")
    screenshot(display, "paper-club-papers-display")
    for page in (host, display, ada, bo, cy):
        assert page.errors == [], page.errors


def post_notes(page):
    for i, text in enumerate(("Clear ablations", "No error bars on the main table")):
        page.locator(".wall-column-pick").nth(i).click()  # strengths, then weaknesses
        page.fill("#wall-text", text)
        page.click("#wall-post")
    expect(page.locator("#wall-text")).to_have_value("")


def sign_up(page):
    page.fill("#mic-title", "Sparse probes for syntax")
    page.fill("#mic-pitch", "Probe accuracy vs. layer, per language")
    page.click("#mic-enter")


def vote_for(page):
    page.click("#debate-for")


OTHERS = [
    ("reading-group", "Critical analysis", post_notes, "Clear ablations"),
    ("research-jam", "Pitches and updates", sign_up, "Sparse probes"),
    ("oxford-debate", "The debate", vote_for, "1"),
]


def test_the_other_formats_show_their_main_segment(live_server, screens):
    """One look per format for the README (one server for the three): the main segment on a
    phone that did its part, and on the projector."""
    for template, segment, act, shown in OTHERS:
        ev = live_server.create_event(template.replace("-", " ").title(), template=template)
        host = screens("host")
        host.goto(ev["host_url"])
        host.wait_for_selector("#conn[data-status=online]")
        display = screens("display")
        display.goto(ev["display_url"])
        display.wait_for_selector("#conn[data-status=online]")
        phone = screens("phone")
        join_page(phone, ev["join_url"], "Ada")
        host.click("#primary")
        goto(host, segment)
        expect(phone.locator("#now-title")).to_have_text(segment)
        act(phone)
        expect(display.locator("#kind")).to_contain_text(shown)
        screenshot(phone, f"{template}-phone")
        screenshot(display, f"{template}-display")
        for page in (host, display, phone):
            assert page.errors == [], (template, page.errors)
