"""kill -9 in the middle of a segment, then a restart: every screen comes back by itself to
exactly the state before, counting from the stored deadline."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]


def seconds(text):
    m, s = re.fullmatch(r"(\d+):(\d\d)", text).groups()
    return int(m) * 60 + int(s)


def test_kill_9_and_restart_loses_nothing(live_server, screens):
    ev = live_server.create_event("Restart Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    display = screens("display")
    display.goto(ev["display_url"])
    phone = screens("phone")
    phone.goto(ev["join_url"])
    phone.fill("input[name=name]", "Ada")
    phone.click("button[type=submit]")
    phone.wait_for_selector("#conn[data-status=online]")

    host.click("#primary")  # Welcome, 5:00 running
    host.click("#next")  # Icebreaker, 30:00 running
    expect(display.locator("#seg-title")).to_have_text("Icebreaker")
    before = seconds(display.locator("[data-timer=segment]").inner_text())

    live_server.kill()
    expect(phone.locator("#conn")).to_have_attribute("data-status", "offline", timeout=10_000)
    screenshot(phone, "phone-offline")
    display.wait_for_timeout(2000)  # two seconds of outage, the deadline keeps running
    live_server.start()

    for page in (display, phone, host):
        expect(page.locator("#conn")).to_have_attribute("data-status", "online", timeout=15_000)
    expect(display.locator("#seg-title")).to_have_text("Icebreaker")
    expect(phone.locator("#now-title")).to_have_text("Icebreaker")
    after = seconds(display.locator("[data-timer=segment]").inner_text())
    assert 0 < before - after < 20  # same deadline: the outage was not added back
    assert phone.locator("#me-label").inner_text() == "Ada"  # same attendee, no re-join
    host.click("#primary")  # the host can pause straight away
    expect(phone.locator("[data-timer=segment]")).to_have_attribute("data-phase", "paused")
