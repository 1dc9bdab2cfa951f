"""Crowd control in real Chromium: the host sees joins per minute and removes an attendee
(their phone is told and disconnected, their group mate gets a group again, their cookie no
longer works); then turns on the rotating join code: the projector shows it next to a QR that
carries it, a scanned QR joins straight away, a typed link asks for the code; then a cap turns
newcomers away with a clear page. Screenshots of the host, projector and phones."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]

NAMES = ["Ada", "Grace", "Alan", "Mallory"]


def test_host_removes_an_attendee_and_rotates_the_join_code(live_server, screens):
    ev = live_server.create_event("Crowd Social")
    host = screens("host")
    host.on("dialog", lambda d: d.accept())
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    display_link = host.locator("#display-link").get_attribute("href")
    assert re.search(r"/display\?key=\w{24}$", display_link)
    display = screens("display")
    display.goto(display_link)
    display.wait_for_selector("#conn[data-status=online]")
    phones = {name: screens("phone") for name in NAMES}
    for name, page in phones.items():
        join_page(page, ev["join_url"], name)
    expect(host.locator("#people-joined")).to_have_text("4")
    bars = host.locator("#joins-bars .joins-n").all_inner_texts()
    assert len(bars) == 15 and sum(int(n or 0) for n in bars) == 4, bars

    # An icebreaker round of pairs: Mallory and someone else make one pair.
    host.locator("#agenda-live li").nth(1).locator("button").click()
    expect(host.locator("#ib-present")).to_have_text("4")
    host.click("#ib-start")
    for page in phones.values():
        expect(page.locator(".ib-sign")).to_be_visible()
    mate = phones["Mallory"].locator(".ib-names li").first.inner_text()
    others = [n for n in NAMES if n not in ("Mallory", mate)]

    # The host finds Mallory and removes her.
    host.click("#people-manage summary")
    host.fill("#people-q", "mall")
    expect(host.locator("#people-filter")).to_contain_text("Names with “mall”")
    expect(host.locator("#people-list li")).to_have_count(1)
    row = host.locator("#people-list li", has_text="Mallory")
    row.locator("input[type=checkbox]").check()
    expect(host.locator("#people-remove")).to_have_text("Remove 1 person")
    screenshot(host, "crowd-host-remove")
    host.click("#people-remove")
    expect(phones["Mallory"].locator("#removed")).to_contain_text("The host removed you")
    expect(phones["Mallory"].locator("#conn")).to_have_text("Not connected")
    expect(host.locator("#people-joined")).to_have_text("3")
    expect(host.locator(".joins-head")).to_contain_text("1 removed")
    # Her mate is placed into the other pair: one trio, nobody alone.
    mate_page = phones[mate]
    expect(mate_page.locator(".ib-names li")).to_have_count(2)
    expect(mate_page.locator(".ib-names")).not_to_contain_text("Mallory")
    for name in others:
        expect(phones[name].locator(".ib-names")).to_contain_text(mate)
    expect(display.locator(".ib-tile")).to_have_count(1)
    expect(display.locator(".ib-groups")).not_to_contain_text("Mallory")
    screenshot(mate_page, "crowd-phone-healed")
    phones["Mallory"].reload()
    expect(phones["Mallory"].locator("h1")).to_have_text("You were removed")
    screenshot(phones["Mallory"], "crowd-phone-removed")

    # The rotating join code: the projector shows it; only its QR carries it.
    host.check("#people-rotate")
    code = display.locator("#room-code-value")
    expect(code).to_have_text(re.compile(r"^[2-9A-HJKMNP-Z]{4}$"))
    expect(display.locator(".join-corner .qr")).to_have_attribute("src", re.compile("join-qr.svg"))
    expect(display.locator("#room-code")).to_contain_text("changes every 3 min")
    screenshot(display, "crowd-display-room-code")
    scanned = screens("phone")
    join_page(scanned, ev["join_url"] + "?k=" + code.inner_text(), "Katherine")
    typed = screens("phone")
    typed.goto(ev["join_url"])
    expect(typed.locator("input[name=room_code]")).to_be_visible()
    typed.fill("input[name=room_code]", "ZZZZ")
    typed.fill("input[name=name]", "Barbara")
    typed.click("button[type=submit]")
    expect(typed.locator(".error")).to_contain_text("room code")
    screenshot(typed, "crowd-phone-room-code")
    typed.fill("input[name=room_code]", code.inner_text().lower())
    typed.fill("input[name=name]", "Barbara")
    typed.click("button[type=submit]")
    typed.wait_for_selector("#conn[data-status=online]")
    expect(host.locator("#people-joined")).to_have_text("5")
    # Phones already in were never asked.
    phones["Ada"].reload()
    phones["Ada"].wait_for_selector("#conn[data-status=online]")

    # A cap: the next phone gets a clear page.
    host.fill("#people-cap", "5")
    host.click("#people-cap-save")
    expect(host.locator(".joins-head")).to_contain_text("limit 5")
    late = screens("phone")
    late.goto(ev["join_url"])
    expect(late.locator("h1")).to_have_text("This event is full")
    screenshot(host, "crowd-host")

    for page in [host, display, scanned, typed, *phones.values()]:
        assert page.errors == [], page.errors
    assert "Traceback" not in live_server.log()
