"""A live event in real Chromium: phones join by the QR code's URL, the host drives, the
projector and phones follow without a reload."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_join_host_starts_phone_and_projector_follow(live_server, screens):
    ev = live_server.create_event("ICLR 2026 Social")
    host = screens("host")
    host.goto(ev["host_url"])
    assert "key=" not in host.url  # the key was exchanged for a session
    host.wait_for_selector("#conn[data-status=online]")
    display = screens("display")
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")

    # The phone opens the URL that the projector's QR code encodes.
    qr_target = display.locator(".short-url").inner_text().replace("\n", "")
    assert ev["join_url"].endswith(qr_target)
    phones = [screens("phone") for _ in range(2)]
    join_page(phones[0], ev["join_url"], "Ada <img src=x onerror=alert(1)>")
    join_page(phones[1], ev["join_url"], "Grace")
    phones[0].wait_for_selector("text=Waiting to start")
    assert phones[0].locator("#me-label").inner_text() == "Ada <img src=x onerror=alert(1)>"

    host.click("#primary")  # Start "Welcome"
    for page in [display, *phones]:
        page.wait_for_selector("h1:has-text('Welcome')")
    expect(display.locator("[data-timer=segment]")).to_have_text(re.compile(r"^4:5\d$"))
    expect(phones[1].locator("#now-timer [data-timer=segment]")).to_have_text(
        re.compile(r"^4:5\d$")
    )

    host.click("#next")  # to the icebreaker, without any reload on the other screens
    for page in [display, *phones]:
        page.wait_for_selector(
            "#now-title:has-text('Icebreaker'), #seg-title:has-text('Icebreaker')"
        )

    host.click("#primary")  # pause: every screen freezes on the same second
    display.wait_for_selector("[data-timer=segment][data-phase=paused]")
    phones[0].wait_for_selector("[data-timer=segment][data-phase=paused]")
    frozen = display.locator("[data-timer=segment]").inner_text()
    assert phones[0].locator("[data-timer=segment]").inner_text() == frozen
    assert re.fullmatch(r"\d+:\d\d", frozen)
    host.click("#primary")  # resume

    screenshot(display, "display")
    screenshot(phones[0], "phone")
    screenshot(host, "host")

    # A reload keeps the same attendee; nobody new joined.
    phones[0].reload()
    phones[0].wait_for_selector("#conn[data-status=online]")
    assert "Ada" in phones[0].locator("#me-label").inner_text()
    expect(host.locator("#count")).to_contain_text("2 joined")
    for page in [display, host, *phones]:
        assert page.errors == []
    assert "Traceback" not in live_server.log()


def test_wrong_code_is_a_friendly_page(live_server, screens):
    page = screens("phone")
    response = page.goto(live_server.url + "/j/ZZZZZZ")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "No such event"
