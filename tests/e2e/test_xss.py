"""A small XSS corpus typed into every text a person can type in the core screens: names,
segment titles and instructions. Each shows as the same text on every screen; no script runs.
(Segment kinds run the same corpus through their own texts in their tests.)"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.server]
CORPUS = Path(__file__).parent.parent.joinpath("data", "xss-corpus.txt").read_text().splitlines()


def watch(page):
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


def no_script_ran(page):
    assert page.dialogs == []
    assert page.evaluate("() => window.__xss") is None
    assert page.errors == []


def test_xss_corpus_is_shown_as_text(live_server, screens):
    ev = live_server.create_event("XSS Social")
    host = watch(screens("host"))
    host.goto(ev["host_url"])
    display = watch(screens("display"))
    display.goto(ev["display_url"])
    phones = []
    for payload in CORPUS:
        name = payload[:40].strip()
        phone = watch(screens("phone"))
        phone.goto(ev["join_url"])
        phone.fill("input[name=name]", name)
        phone.click("button[type=submit]")
        expect(phone.locator("#me-label")).to_have_text(" ".join(name.split()))
        phones.append(phone)

    # The host puts payloads into a segment's title and instructions, then starts it.
    host.click("summary:has-text('Edit the agenda')")
    form = host.locator(".seg-edit form").first
    title, instructions = CORPUS[1][:120], "\n".join(CORPUS)
    form.locator("input[name$=title]").fill(title)
    form.locator("textarea[name$=instructions]").fill(instructions)
    form.locator("button[type=submit]").click()
    host.wait_for_selector("#conn[data-status=online]")
    host.click("#primary")
    expect(display.locator("#seg-title")).to_have_text(title)
    expect(phones[0].locator(".card h1")).to_have_text(title)
    assert display.locator(".big-instr").inner_text().startswith(CORPUS[0])
    assert "<svg onload=window.__xss=1>" in phones[3].locator(".instructions").inner_text()
    for page in [host, display, *phones]:
        no_script_ran(page)
