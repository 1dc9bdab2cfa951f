"""What the evening leaves behind, in real Chromium: three phones meet in an icebreaker round,
one shares a contact, the other saves everyone with "Save all" (a vCard read back with
vobject); the host opens the report and prints it to PDF on A4 and Letter (read back with
pypdfium2, page 1 saved as a PNG to look at). Alan removes himself during the event, Ada
after it, from the one-page digest the after-event link has become."""

import os

import pytest
import vobject
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, ROOT, join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]

EMAIL = "ada.lovelace@example.org"


def test_save_all_and_the_printed_report(live_server, screens):
    ev = live_server.create_event("Report Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    ada, grace, alan = screens("phone"), screens("phone"), screens("phone")
    for page, name in ((ada, "Ada"), (grace, "Grace"), (alan, "Alan")):
        join_page(page, ev["join_url"], name)

    # Three people in pairs mode make one trio: everyone meets everyone.
    host.locator("#agenda-live li").nth(1).locator("button").click()
    expect(host.locator("#ib-present")).to_have_text("3")
    host.click("#ib-start")
    for page, others in ((ada, ("Grace", "Alan")), (grace, ("Ada", "Alan")), (alan, ("Ada",))):
        for other in others:
            page.locator(".ib-found-mate", has_text=other).click()
            expect(page.locator(".ib-found-mate.done", has_text=other)).to_be_visible()
    host.locator("#agenda-live li").last.locator("button").click()
    ada.fill("#cx-contact", EMAIL)
    ada.click("#cx-share")
    expect(ada.locator("#cx-mine-contact")).to_have_text(EMAIL)

    save = grace.locator("#cx-save-all")
    expect(save).to_contain_text("Save all contacts (1)")
    ARTIFACTS.mkdir(exist_ok=True)
    grace.screenshot(path=str(ARTIFACTS / "connect-save-all-phone.png"))
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
    for size in ("A4", "Letter"):
        pdf = report.pdf(format=size, print_background=True)
        (ARTIFACTS / f"report-{size}.pdf").write_bytes(pdf)
        look_at(pdf, f"report-{size}")

    # Alan removes himself (two taps): his phone says so, the others' lists forget him.
    expect(grace.locator("#cx-met-count")).to_have_text("(2)")
    alan.click("#cx-leave")
    expect(alan.locator("#cx-leave")).to_have_text("Yes, remove me")
    alan.click("#cx-leave")
    expect(alan.locator("#removed")).to_contain_text("You removed yourself")
    expect(grace.locator("#cx-met-count")).to_have_text("(1)")
    expect(ada.locator("#cx-met-count")).to_have_text("(1)")

    # The end: Grace's phone becomes her one-page digest, with Save all and the deadline.
    host.on("dialog", lambda d: d.accept())
    end = host.locator("button", has_text="End the event")
    host.locator("details", has=end).locator("summary").click()
    end.click()
    grace.reload()
    expect(grace.locator("h1")).to_contain_text("Thanks for coming, Grace!")
    expect(grace.locator("#cx-save-all")).to_contain_text("Save all contacts (1)")
    expect(grace.locator("#kept-until")).to_contain_text("stays available until")
    screenshot(grace, "after-phone")
    # Ada removes herself from the after-event page; Grace's list forgets her too.
    ada.reload()
    ada.check("input[name=confirm]")
    ada.click("#leave")
    expect(ada.locator("h1")).to_have_text("You removed yourself")
    grace.reload()
    expect(grace.locator("h2", has_text="People you met")).to_have_text("People you met (0)")
    for page in (ada, grace, alan):
        assert page.errors == []


def look_at(pdf, name):
    """The PDF opens, its text has the report's sections and no screen-only controls, and
    page 1 is saved as a PNG (test-artifacts/) to look at."""
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(pdf)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert "Report Social" in text and "Attendance" in text and "Icebreaker" in text
    assert "Download Markdown" not in text and "Delete personal data" not in text
    doc[0].render(scale=1.5).to_pil().save(ARTIFACTS / f"{name}.png")
    if name.endswith("A4") and os.environ.get("UPDATE_SCREENSHOTS"):
        doc[0].render(scale=1).to_pil().save(ROOT / "docs" / "screenshots" / "report-print.png")
