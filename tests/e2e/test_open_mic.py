"""The open mic in real Chromium: five phones put their names in the bowl, the host draws one,
that phone is told loudly, the projector shows the speaker and a running 4:00, and pausing
freezes every screen on the same second."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]
NAMES = ["Ada", "Bob", "Cy", "Dee", "Eve"]
# Record vibrations in the DOM (CSP forbids evaluating scripts from the test).
VIBRATE_SPY = (
    "navigator.vibrate = (p) => { document.documentElement.dataset.vibrated = String(p);"
    " return true; };"
)

# Count time-up chimes: display.js makes an AudioContext per chime (it catches the throw).
CHIME_SPY = (
    "window.AudioContext = function () { const d = document.documentElement.dataset;"
    " d.chimes = String(Number(d.chimes || 0) + 1); throw new Error('counted'); };"
)


def test_five_phones_one_draw_speaker_timer_on_every_screen(live_server, screens):
    ev = live_server.create_event("Open Mic Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    display = screens("display")
    display.add_init_script(CHIME_SPY)
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")
    phones = {}
    for name in NAMES:
        page = screens("phone")
        page.add_init_script(VIBRATE_SPY)
        join_page(page, ev["join_url"], name)
        phones[name] = page

    host.click(".host-agenda .seg:has-text('success stories') button")  # go live
    for page in phones.values():
        expect(page.locator("#mic-enter")).to_be_visible()
    expect(display.locator("#mic-bowl")).to_contain_text("0 names in the bowl")

    for name, page in phones.items():
        page.fill("#mic-title", f"<b>{name}</b>'s story")
        page.click("#mic-enter")
        expect(page.locator(".mic-in h2")).to_have_text("Your name is in the bowl")
    expect(display.locator("#mic-bowl")).to_contain_text("5 names in the bowl")
    expect(host.locator("#mic-host-count")).to_have_text("(5)")
    expect(phones["Ada"].locator("#mic-bowl-count")).to_contain_text("5 names in the bowl")

    # The host draws one name; that phone is told loudly that it is on deck.
    expect(host.locator("#mic-primary")).to_contain_text("Draw a name")
    host.click("#mic-primary")
    first = host.locator("#mic-order .mic-row").first.locator("strong")
    expect(first).to_have_text(re.compile("^(" + "|".join(NAMES) + ")$"))
    drawn = first.inner_text()
    phone = phones[drawn]
    expect(phone.locator("#mic-alert")).to_contain_text("You're on deck")
    expect(phone.locator("html")).to_have_attribute("data-vibrated", re.compile(r"^300,"))
    for name, other in phones.items():
        if name != drawn:
            expect(other.locator(".mic-order")).to_contain_text(drawn)
            expect(other.locator("#mic-alert")).to_have_count(0)
    expect(display.locator("#mic-speaker-name")).to_have_text(drawn)  # "Up next"
    phone.click("#mic-alert-ok")

    # Call up and start the speaker's 4:00.
    expect(host.locator("#mic-primary")).to_contain_text("Call up " + drawn)
    host.click("#mic-primary")
    expect(host.locator("#mic-primary")).to_contain_text("Start 4:00")
    host.click("#mic-primary")
    expect(phone.locator("#mic-alert")).to_contain_text("It's your turn!")
    speaker = display.locator("#mic-speaker-name")
    expect(speaker).to_have_text(drawn)
    title = display.locator(".mic-speaker-title")
    expect(title).to_have_text(f"“<b>{drawn}</b>'s story”")  # typed HTML stays text
    expect(title.locator("b")).to_have_count(0)
    big = display.locator(".stage-head [data-timer=kind]")
    expect(big).to_have_attribute("data-phase", "running")
    expect(big).to_have_text(re.compile(r"^(4:00|3:5\d)$"))
    expect(big).to_have_text(re.compile(r"^3:5\d$"))  # it is counting down
    expect(display.locator("#mic-bowl")).to_contain_text("4 names in the bowl")
    screenshot(phone, "open_mic-phone")
    phone.click("#mic-alert-ok")
    expect(phone.locator(".mic-speaking [data-timer=kind]")).to_have_text(re.compile(r"^3:5\d$"))

    # Draw the next one on deck while the speaker talks.
    host.keyboard.press("d")
    expect(display.locator("#mic-deck")).to_have_text(re.compile("^(" + "|".join(NAMES) + ")$"))

    # Pause: both screens freeze on the same second.
    host.click("#mic-primary")
    display.wait_for_selector(".stage-head [data-timer=kind][data-phase=paused]")
    phone.wait_for_selector("#now-timer [data-timer=kind][data-phase=paused]")
    frozen = big.inner_text()
    assert re.fullmatch(r"3:5\d", frozen), frozen
    assert phone.locator("#now-timer [data-timer=kind]").inner_text() == frozen
    assert phone.locator(".mic-speaking [data-timer=kind]").inner_text() == frozen
    expect(display.locator(".stage-head .timer-words").first).to_have_text("Paused")
    phone.wait_for_timeout(1500)
    assert big.inner_text() == frozen
    assert phone.locator("#now-timer [data-timer=kind]").inner_text() == frozen

    screenshot(display, "open_mic-display")
    screenshot(host, "open_mic-host")

    # Time's up chimes once on the projector, not again at every later change of state.
    # The sound is off by default: the host switches it on.
    assert display.locator("html").get_attribute("data-chimes") is None
    expect(host.locator("#sound")).to_have_attribute("aria-pressed", "false")
    host.click("#sound")
    expect(host.locator("#sound")).to_have_attribute("aria-pressed", "true")
    host.click("#mic-primary")  # resume

    # The host's warning threshold: 5 minutes before the end, every screen turns amber.
    host.select_option("#warn-seconds", "300")
    expect(big).to_have_attribute("data-phase", "last_minute")
    expect(display.locator(".stage-head .timer-words").first).to_have_text("Last 5 minutes")
    expect(phone.locator("#now-timer [data-timer=kind]")).to_have_attribute(
        "data-phase", "last_minute"
    )
    host.select_option("#warn-seconds", "60")
    expect(big).to_have_attribute("data-phase", "running")

    # A private "wrap up" reaches the speaker's phone only.
    host.click("#wrap-up")
    expect(phone.locator("#wrap-up")).to_contain_text("Please wrap up")
    expect(host.locator("#wrap-up-sent")).to_be_visible()
    for name, other in phones.items():
        if name != drawn:
            expect(other.locator("#wrap-up")).to_have_count(0)
    screenshot(phone, "open_mic-phone-wrap-up")
    screenshot(host, "open_mic-host-talk")
    phone.click("#wrap-up-ok")
    expect(phone.locator("#wrap-up")).to_have_count(0)
    for _ in range(4):
        host.click("#mic-plus30")
    expect(big).to_have_text(re.compile(r"^5:5\d$"))
    for _ in range(20):
        host.click("#minus")  # the segment's own timer runs out
    expect(display.locator("html")).to_have_attribute("data-chimes", "1")
    waiting = [
        p for n, p in phones.items() if n not in (drawn, display.locator("#mic-deck").inner_text())
    ]
    waiting[0].click("#mic-withdraw")
    expect(display.locator("#mic-bowl")).to_contain_text("2 names in the bowl")
    display.wait_for_timeout(600)
    assert display.locator("html").get_attribute("data-chimes") == "1"

    for page in [display, host, *phones.values()]:
        assert page.errors == []
    assert "Traceback" not in live_server.log()
