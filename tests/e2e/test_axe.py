"""axe-core on every screen in every segment: the join page, a phone, the host panel and the
projector, for each kind of segment. No serious or critical violation may remain; the moderate
ones we fixed (landmarks, headings, buttons that all had the same name) stay fixed."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page

pytestmark = [pytest.mark.browser, pytest.mark.server]

# Moderate rules we fixed and keep fixed, beside every serious and critical one.
KEPT_FIXED = {"landmark-one-main", "page-has-heading-one", "region"}
EXTRA_KINDS = ["vote", "debate", "questions"]


def axe_source():
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def violations(page, source):
    """axe-core's findings that fail us: serious, critical, or a rule we keep fixed."""
    page.evaluate(source)  # Playwright evaluates outside the page's CSP
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -- "
        + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical") or v["id"] in KEPT_FIXED
    ]


def add_segment(host, kind):
    host.click("summary:has-text('Edit the agenda')")
    form = host.locator("form:has(button:has-text('Add segment'))")
    form.locator("select[name$=kind]").select_option(kind)
    form.locator("input[name$=title]").fill(f"A {kind} segment")
    form.locator("button[type=submit]").click()
    host.wait_for_selector("#conn[data-status=online]")


def act(title, host, phone, other):
    """Bring the segment to its busiest screen: a round's signs, a wall with notes."""
    if title == "Icebreaker":
        host.click("#ib-start")
        expect(phone.locator(".ib-sign")).to_be_visible()
    elif title.startswith("What now?"):
        for page, text in ((phone, "Write the README first"), (other, "Agree on authorship")):
            page.fill("#wall-text", text)
            page.click("#wall-post")
        expect(host.locator(".wall-note")).to_have_count(2)


def test_no_serious_violation_on_any_screen(live_server, screens):
    source = axe_source()
    ev = live_server.create_event("Accessible Social")
    host = screens("host")
    host.on("dialog", lambda d: d.accept())
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    for kind in EXTRA_KINDS:
        add_segment(host, kind)
    display = screens("display")
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")
    phone = screens("phone")
    phone.goto(ev["join_url"])
    found = {"join page": violations(phone, source)}
    join_page(phone, ev["join_url"], "Ada")
    other = screens("phone")
    join_page(other, ev["join_url"], "Grace")
    found["phone waiting"] = violations(phone, source)

    segments = host.locator("#agenda-live li")
    for i in range(segments.count()):
        title = segments.nth(i).locator(".seg-title, strong").first.inner_text()
        segments.nth(i).locator("button").first.click()
        expect(display.locator("#seg-title")).to_contain_text(title[:20])
        expect(phone.locator("#now-title")).to_contain_text(title[:20])
        act(title, host, phone, other)
        for name, page in (("phone", phone), ("host", host), ("projector", display)):
            found[f"{title}: {name}"] = violations(page, source)
    bad = {where: v for where, v in found.items() if v}
    assert not bad, "\n".join(f"{where}: {v}" for where, v in bad.items())
