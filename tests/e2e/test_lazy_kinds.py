"""A phone on a crowded Wi-Fi downloads a kind's script and style only when that kind goes
live (issue 12): info -> icebreaker -> wall -> vote in real Chromium, counting the requests
for /kinds/ files, and each kind works once its files are in. The projector loads every kind
at once (it must never wait at a segment change)."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]


def kind_files(urls):
    """{kind: sorted file names} from request URLs (fingerprinted: ?v=<hash>)."""
    out = {}
    for url in urls:
        m = re.search(r"/kinds/(\w+)/([\w.-]+)\?v=[0-9a-f]{12}$", url)
        assert m, url  # every kind file the page asks for is fingerprinted
        out.setdefault(m.group(1), set()).add(m.group(2))
    return {k: sorted(v) for k, v in out.items()}


def go_live(host, title):
    host.locator(".host-agenda li", has_text=title).get_by_role("button").click()


def test_a_phone_loads_each_kind_when_it_goes_live_and_it_works(live_server, screens):
    ev = live_server.create_event("Light Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    host.click("summary:has-text('Edit the agenda')")
    form = host.locator("form:has(button:has-text('Add segment'))")
    form.locator("select[name$=kind]").select_option("vote")
    form.locator("input[name$=title]").fill("Best talk")
    form.locator("button[type=submit]").click()
    host.wait_for_selector("#conn[data-status=online]")

    display = screens("display")
    display_kinds = []
    display.on("request", lambda r: "/kinds/" in r.url and display_kinds.append(r.url))
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")
    assert {"icebreaker", "wall", "vote", "open_mic"} <= set(kind_files(display_kinds))

    phone = screens("phone")
    asked = []
    # Files that arrived (a try the Wi-Fi dropped is not one).
    phone.on("requestfinished", lambda r: "/kinds/" in r.url and asked.append(r.url))
    join_page(phone, ev["join_url"], "Ada")
    expect(phone.locator("h1")).to_have_text("You're in!")
    assert asked == []  # the join page and the waiting phone: no kind at all

    host.click("#primary")  # "Welcome": an info segment has no files of its own
    expect(phone.locator("#main h1")).to_have_text("Welcome")
    assert asked == []

    host.click("#next")  # the icebreaker: its files, and it works
    expect(phone.locator("#kind.kind-icebreaker")).not_to_be_empty()
    expect(phone.locator(".kind-loading")).to_have_count(0)
    assert kind_files(asked) == {"icebreaker": ["icebreaker.css", "icebreaker.js"]}
    screenshot(phone, "lazy-phone-icebreaker")

    go_live(host, "What now?")  # the wall: post a note, the projector shows it
    phone.fill("#wall-text", "Agree on authorship early")
    phone.click("#wall-post")
    expect(display.locator(".stage")).to_contain_text("Agree on authorship early")
    sheets = phone.evaluate("() => [...document.styleSheets].map((s) => s.href || '')")
    assert any("/kinds/wall/wall.css?v=" in s for s in sheets)  # the wall's style is in
    screenshot(phone, "lazy-phone-wall")

    # The Wi-Fi drops the vote's files: the phone says it is loading, and tries again.
    phone.route("**/kinds/vote/**", lambda route: route.abort())
    go_live(host, "Best talk")
    expect(phone.locator("#kind .kind-loading")).to_have_text("Loading…")
    screenshot(phone, "lazy-phone-loading")
    phone.unroute("**/kinds/vote/**")
    expect(phone.locator("#kind")).to_contain_text("The vote starts soon", timeout=15_000)
    screenshot(phone, "lazy-phone-vote")
    assert kind_files(asked) == {
        "icebreaker": ["icebreaker.css", "icebreaker.js"],
        "wall": ["wall.css", "wall.js"],
        "vote": ["vote.css", "vote.js"],
    }  # each once; never the open mic, connect, questions or debate files

    # Back to the wall: its files are in the page already, nothing is asked again.
    go_live(host, "What now?")
    expect(phone.locator("#kind.kind-wall")).to_contain_text("Agree on authorship early")
    assert len(asked) == 6
    for page in (phone, display, host):
        assert page.errors == []
