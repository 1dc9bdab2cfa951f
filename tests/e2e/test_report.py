"""What the evening leaves behind, in real Chromium: two phones meet in an icebreaker round,
one shares a contact, the other saves everyone with "Save all" (a vCard read back with
vobject); the host opens the report and prints it to PDF on A4 and Letter (read back with
pypdfium2, page 1 saved as a PNG to look at); then Ada removes herself from the event."""

import pytest
import vobject
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]

EMAIL = "ada.lovelace@example.org"


def test_save_all_and_the_printed_report(live_server, screens):
    ev = live_server.create_event("Report Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    ada, grace = screens("phone"), screens("phone")
    join_page(ada, ev["join_url"], "Ada")
    join_page(grace, ev["join_url"], "Grace")

    host.locator("#agenda-live li").nth(1).locator("button").click()
    expect(host.locator("#ib-present")).to_have_text("2")
    host.click("#ib-start")
    for page in (ada, grace):
        page.click("#ib-found")
        expect(page.locator(".ib-found")).to_be_visible()
    host.locator("#agenda-live li").last.locator("button").click()
    ada.fill("#cx-contact", EMAIL)
    ada.click("#cx-share")
    expect(ada.locator("#cx-mine-contact")).to_have_text(EMAIL)

    save = grace.locator("#cx-save-all")
    expect(save).to_contain_text("Save all contacts (1)")
    screenshot(grace, "connect-save-all-phone")
    with grace.expect_download() as info:
        save.click()
    download = info.value
    assert download.suggested_filename == "report-social-contacts.vcf"
    card = next(vobject.readComponents(download.path().read_text(encoding="utf-8")))
    assert card.fn.value == "Ada" and card.email.value == EMAIL
    assert card.note.value.startswith("Report Social, icebreaker round 1: ")

    report = screens("host")
    report.context.add_cookies(host.context.cookies())
    report.goto(live_server.url + f"/e/{ev['code']}/report")
    expect(report.locator("h1")).to_have_text("Report Social")
    expect(report.locator("figure.chart svg").first).to_be_visible()
    assert report.errors == []
    screenshot(report, "report-host")
    ARTIFACTS.mkdir(exist_ok=True)
    for size in ("A4", "Letter"):
        pdf = report.pdf(format=size, print_background=True)
        (ARTIFACTS / f"report-{size}.pdf").write_bytes(pdf)
        look_at(pdf, f"report-{size}")

    # Ada removes herself (two taps): her phone says so, Grace's list forgets her at once.
    ada.click("#cx-leave")
    expect(ada.locator("#cx-leave")).to_have_text("Yes, remove me")
    ada.click("#cx-leave")
    expect(ada.locator("#removed")).to_contain_text("You removed yourself")
    expect(grace.locator("#cx-met-count")).to_have_text("(0)")
    expect(grace.locator("#cx-save-all")).to_have_count(0)
    assert ada.errors == [] and grace.errors == []


def look_at(pdf, name):
    """The PDF opens, its text has the report's sections and no screen-only controls, and
    page 1 is saved as a PNG (test-artifacts/) to look at."""
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(pdf)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert "Report Social" in text and "Attendance" in text and "Icebreaker" in text
    assert "Download Markdown" not in text and "Delete personal data" not in text
    doc[0].render(scale=1.5).to_pil().save(ARTIFACTS / f"{name}.png")
