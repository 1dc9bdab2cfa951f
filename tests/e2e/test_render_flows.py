"""What the patched screens must still do by hand (issue 10, item 5): the wall's edit and
cancel on the phone, the host picking a note (Escape drops it), moving it, merging themes
through a select that resets, the settings form, the kinds' keys dispatched by the host
panel's one handler (L for the wall, D for the open mic), and fields the host clears after
a command. Each of these used to rely on the screen being rebuilt."""

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]


def column(host, title):
    return host.locator(".wall-col", has=host.locator("h3", has_text=title))


def notes_in(host, title):
    """The board's rows of the notes in a theme (the list shows every note, each with its
    theme's id)."""
    theme = column(host, title).get_attribute("data-theme")
    return host.locator(f".wall-board .wall-note[data-theme='{theme}']")


def press(page, key):
    """A key for the panel, not for the field that had the focus."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press(key)


def test_wall_and_open_mic_controls_after_patching(live_server, screens):
    ev = live_server.create_event("Flows Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    host.on("dialog", lambda d: d.accept())
    phone = screens("phone")
    join_page(phone, ev["join_url"], "Ada")
    host.locator(".host-agenda li", has_text="What now?").get_by_role("button").click()
    phone.wait_for_selector("#wall-text")
    for text in ("First note", "Second note"):
        phone.fill("#wall-text", text)
        phone.click("#wall-post")
    expect(phone.locator(".wall-mine .wall-note")).to_have_count(2)

    # Edit a note, then start another edit and cancel it.
    mine = phone.locator(".wall-mine .wall-note")
    mine.filter(has_text="First note").get_by_role("button", name="Edit").click()
    expect(phone.locator("#wall-text")).to_have_value("First note")
    expect(phone.locator("#wall-post")).to_have_text("Save changes")
    phone.fill("#wall-text", "First note, edited")
    phone.click("#wall-post")
    expect(mine.filter(has_text="First note, edited")).to_have_count(1)
    expect(phone.locator("#wall-post")).to_have_text("Post note")
    mine.filter(has_text="Second note").get_by_role("button", name="Edit").click()
    phone.get_by_role("button", name="Cancel edit").click()
    expect(phone.locator("#wall-post")).to_have_text("Post note")
    expect(phone.locator("#wall-text")).to_have_value("")

    # Themes; the field empties once the server took the theme.
    for title in ("Alpha", "Beta"):
        host.fill("#wall-new-theme", title)
        host.press("#wall-new-theme", "Enter")
        expect(column(host, title)).to_have_count(1)
    expect(host.locator("#wall-new-theme")).to_have_value("")
    # Pick a note, drop the pick with Escape, pick again and move it with "Move here".
    second = host.locator(".wall-board .wall-note", has_text="Second note")
    second.locator(".wall-note-text").click()
    expect(host.locator(".wall-move-here")).to_have_count(2)  # Alpha and Beta
    press(host, "Escape")
    expect(host.locator(".wall-move-here")).to_have_count(0)
    second.locator(".wall-note-text").click()
    column(host, "Alpha").locator(".wall-move-here").click()
    expect(notes_in(host, "Alpha")).to_have_count(1)
    # Merge Alpha into Beta (tools of the theme shown): the note follows, the select is
    # gone with its theme.
    beta = column(host, "Beta").get_attribute("data-theme")
    column(host, "Alpha").locator("h3").click()
    host.get_by_label("Merge “Alpha” into").select_option(label="Beta")
    expect(column(host, "Alpha")).to_have_count(0)
    expect(host.get_by_label("Merge “Alpha” into")).to_have_count(0)
    expect(host.locator(f".wall-board .wall-note[data-theme='{beta}']")).to_have_count(1)

    # The wall's L key (dispatched to the live kind) locks and unlocks the phones' box.
    press(host, "l")
    expect(phone.locator(".wall-locked")).to_be_visible()
    expect(phone.locator("#wall-text")).to_be_disabled()
    press(host, "l")
    expect(phone.locator("#wall-text")).to_be_enabled()
    # The settings form in its <details>.
    host.locator(".wall-settings summary").click()
    host.fill("#wall-max-notes", "3")
    host.press("#wall-max-notes", "Enter")
    expect(phone.locator(".wall-mine h2")).to_contain_text("1 left")

    # Open mic: the phone's title field, the host's add-by-hand form and its D key.
    host.locator(".host-agenda li", has_text="Open mic: success").get_by_role("button").click()
    phone.fill("#mic-title", "My story")
    phone.click("#mic-enter")
    expect(phone.locator("#mic-withdraw")).to_be_visible()
    host.fill("#mic-add-name", "Zed")
    host.fill("#mic-add-title", "Zed's tale")
    host.press("#mic-add-title", "Enter")
    expect(host.locator("#mic-host-count")).to_have_text("(2)")
    expect(host.locator("#mic-add-name")).to_have_value("")
    press(host, "d")
    expect(host.locator("#mic-order .mic-row")).to_have_count(1)
    screenshot(host, "render-flows-mic-host")
    for page in (phone, host):
        assert page.errors == []
    assert "Traceback" not in live_server.log()
