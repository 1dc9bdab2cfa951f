"""The host panel without traps, in real Chromium: in every segment kind (and in the open mic
during a talk) no two controls share an accessible name, counted from the accessibility tree
the way a screen reader or a hurried host sees them; the joined count follows a join within
seconds; toasts of one segment do not linger into the next."""

import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]
BUTTON = re.compile(r'^\s*- button "((?:[^"\\]|\\.)*)"', re.M)
EXTRA_KINDS = ["vote", "debate", "questions"]  # not in mlc-social


def add_segment(host, kind, title):
    host.click("summary:has-text('Edit the agenda')")
    form = host.locator("form:has(button:has-text('Add segment'))")
    form.locator("select[name$=kind]").select_option(kind)
    form.locator("input[name$=title]").fill(title)
    form.locator("button[type=submit]").click()
    host.wait_for_selector("#conn[data-status=online]")


def duplicates(host):
    """Accessible names given to more than one button on the panel as it is shown now."""
    names = BUTTON.findall(host.locator("body").aria_snapshot())
    return {n: c for n, c in Counter(names).items() if c > 1}


def test_one_button_per_action_in_every_kind(live_server, screens):
    ev = live_server.create_event("Host Panel Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    for kind in EXTRA_KINDS:
        add_segment(host, kind, "A " + kind + " segment")
    titles = host.locator(".host-agenda .seg .seg-title").all_inner_texts()
    found = {}
    for title in titles:
        host.get_by_role("button", name=re.compile("^(Go live|Run again): " + re.escape(title)))
        host.locator(".host-agenda .seg", has_text=title).locator("button").click()
        expect(host.locator("#live-title")).to_have_text(title)
        host.wait_for_timeout(300)  # the kind's host view arrives with the state
        found[title] = duplicates(host)

    # The open mic during a talk: two clocks, each control named by the clock it acts on.
    mic = next(t for t in titles if "success stories" in t.lower())
    host.locator(".host-agenda .seg", has_text=mic).locator("button").click()
    host.fill("#mic-add-name", "Maria-Fernanda Rodríguez-Villanueva")
    host.fill("#mic-add-title", "How a reading group on Discord turned into a NeurIPS paper")
    host.click("button:has-text('Add by hand')")
    expect(host.locator("#mic-primary")).to_contain_text("Draw a name")
    host.locator("#live-title").click()  # out of the name field (it keeps the focus)
    host.keyboard.press("d")  # the key follows the big button
    expect(host.locator("#mic-primary")).to_contain_text("Call up")
    host.keyboard.press("c")
    expect(host.locator("#mic-primary")).to_contain_text("Start 4:00")
    host.keyboard.press("s")
    expect(host.locator("#mic-primary")).to_have_text(re.compile("^Pause speaker timer"))
    group = host.get_by_role("group", name="Speaker timer")
    expect(group.get_by_role("button", name=re.compile("^Pause speaker timer"))).to_be_visible()
    expect(group.get_by_role("button", name="Speaker timer +30 seconds")).to_be_visible()
    clock = host.get_by_role("group", name="Segment clock")
    expect(clock.get_by_role("button", name=re.compile("^Pause segment clock"))).to_be_visible()
    found["open mic during a talk"] = duplicates(host)
    screenshot(host, "host-open_mic-talk")
    assert {k: d for k, d in found.items() if d} == {}
    assert host.errors == []


def test_joined_count_follows_a_join_within_seconds(live_server, screens):
    ev = live_server.create_event("Count Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    expect(host.locator("#count")).to_contain_text("0 joined")
    phone = screens("phone")
    join_page(phone, ev["join_url"], "Ada")
    expect(host.locator("#count")).to_contain_text("1 joined", timeout=3000)
    expect(host.locator("#count")).to_contain_text("1 here now", timeout=3000)
    second = screens("phone")
    join_page(second, ev["join_url"], "Bob")
    expect(host.locator("#count")).to_have_text(re.compile("2 here now · 2 joined"), timeout=3000)


def test_toasts_expire_and_clear_on_a_new_segment(live_server, screens):
    ev = live_server.create_event("Toast Social")
    host = screens("host")
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    host.locator(".host-agenda .seg", has_text="Icebreaker").locator("button").click()
    expect(host.locator("#live-title")).to_have_text("Icebreaker")
    host.click("#ib-start")
    toast = host.locator("#toasts .toast")
    expect(toast).to_have_text(re.compile("^Round 1: "))
    box = host.locator("#toasts").bounding_box()
    panel = host.locator(".live-panel").bounding_box()
    assert box["x"] >= panel["x"] + panel["width"]  # never over the live controls
    expect(toast).to_have_count(0, timeout=6000)  # it expires by itself
    host.once("dialog", lambda d: d.accept())  # "Round 1 is still running. Start round 2?"
    host.click("#ib-start")
    expect(toast).to_have_text(re.compile("^Round 2: "))
    host.keyboard.press("n")  # the next segment: the old toast goes at once
    expect(host.locator("#live-title")).to_have_text("Open mic: success stories")
    expect(toast).to_have_count(0, timeout=1000)
    assert host.errors == []
