"""Dropped Wi-Fi: what a phone sends is kept (in local storage, surviving a closed tab) until
the server acknowledges it, and applied once however often it arrives."""

import json

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.server]


def outbox(page, code):
    return json.loads(
        page.evaluate(f"() => localStorage.getItem('sa-outbox-attendee-{code}')") or "[]"
    )


def wait_until_sent(page, code, seconds=15):
    """The outbox empties when the server's acks arrive (the projector may see a note first)."""
    for _ in range(seconds * 10):
        if outbox(page, code) == []:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still waiting to send: {outbox(page, code)}")


def test_nothing_lost_nothing_doubled(live_server, screens, browser):
    ev = live_server.create_event("Outbox Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.locator(".host-agenda li", has_text="What now?").get_by_role("button").click()
    display = screens("display")
    display.goto(ev["display_url"])
    expect(display.locator("#seg-title")).to_contain_text("What now?")

    phone = screens("phone")
    phone.goto(ev["join_url"])
    phone.fill("input[name=name]", "Ada")
    phone.click("button[type=submit]")
    phone.wait_for_selector("#wall-text")

    # 1. The Wi-Fi drops; two notes are typed; the tab is closed before it comes back.
    phone.context.set_offline(True)
    expect(phone.locator("#conn")).to_have_attribute("data-status", "offline", timeout=15_000)
    for text in ("Celebrate small wins together", "Write the README first"):
        phone.fill("#wall-text", text)
        phone.click("#wall-post")
    expect(phone.locator("#pending")).to_have_text("2 waiting to send")
    kept = outbox(phone, ev["code"])
    assert [i["args"].get("text") for i in kept] == [
        "Celebrate small wins together",
        "Write the README first",
    ]
    context = phone.context
    phone.close()

    # 2. Back online, the phone opens the page again: the kept notes go out by themselves.
    context.set_offline(False)
    again = context.new_page()
    again.goto(ev["join_url"])
    wait_until_sent(again, ev["code"])
    expect(again.locator("#pending")).to_be_hidden()
    expect(display.locator(".wall-note-text", has_text="Celebrate small wins")).to_have_count(1)
    expect(display.locator(".wall-note-text", has_text="README first")).to_have_count(1)

    # 3. The connection was cut after the server applied a message but before the phone heard
    #    back: the phone still holds it and sends it again (same client-made id) after a reload.
    again.evaluate(
        "([key, items]) => localStorage.setItem(key, JSON.stringify(items))",
        [f"sa-outbox-attendee-{ev['code']}", kept],
    )
    again.reload()
    wait_until_sent(again, ev["code"])
    expect(display.locator(".wall-note-text", has_text="Celebrate small wins")).to_have_count(1)
    expect(display.locator(".wall-display .wall-note")).to_have_count(2)
    assert "Traceback" not in live_server.log()
