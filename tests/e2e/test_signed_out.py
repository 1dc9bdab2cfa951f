"""A host tab signed in with a key that was just replaced says so at once and stops; the tab
that made the new key carries on."""

import pytest
from playwright.sync_api import expect

from tests.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_a_rotated_key_signs_out_the_other_host_tabs(live_server, screens):
    ev = live_server.create_event("Rotating Social")
    mine, leaked = screens("host"), screens("host")
    for page in (mine, leaked):
        page.goto(ev["host_url"])
        expect(page.locator("#conn")).to_have_attribute("data-status", "online")
    mine.on("dialog", lambda d: d.accept())
    mine.locator("summary", has_text="Settings").click()
    mine.get_by_role("button", name="New host key").click()
    expect(mine.locator(".flash.ok")).to_contain_text("New host key made")
    expect(mine.locator("#conn")).to_have_attribute("data-status", "online")
    expect(leaked.locator("#signed-out")).to_contain_text("signed out")
    expect(leaked.locator("#conn")).to_have_attribute("data-status", "refused")
    screenshot(leaked, "host-signed-out")
    leaked.keyboard.press("Space")  # its buttons change nothing now
    mine.keyboard.press("Space")
    expect(mine.locator("#live-title")).to_have_text("Welcome")
    leaked.get_by_role("link", name="Reload").click()
    expect(leaked.locator("input[name=key]")).to_be_visible()  # asks for the key again
    assert mine.errors == [] and leaked.errors == []
