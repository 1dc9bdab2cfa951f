"""The icebreaker in real Chromium: one host, one projector, seven phones; two rounds with no
repeated pair; a late phone is placed by itself; screenshots of a phone, the projector and the
host."""

import itertools
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server]

NAMES = ["Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Donald"]
QUESTION_1 = "What drew you into AI research"
QUESTION_2 = "Which area of AI research"


def read_groups(phones, names, round_no):
    """{sign label: set of names} as the phones show it, checked for consistency."""
    groups = {}
    for page, name in zip(phones, names, strict=True):
        expect(page.locator(".ib-sign")).to_be_visible()
        expect(page.locator(".ib-question .eyebrow")).to_contain_text(f"Round {round_no} of 5")
        label = page.locator(".ib-sign").get_attribute("aria-label").removeprefix("Your sign: ")
        members = page.locator(".ib-names li").all_inner_texts()
        groups.setdefault(label, set()).add(name)
        groups[label] |= set(members)
    for label, people in groups.items():
        assert 2 <= len(people) <= 3, (label, people)
    assert sorted(n for people in groups.values() for n in people) == sorted(names)
    return groups


def pairs(groups):
    return {frozenset(p) for people in groups.values() for p in itertools.combinations(people, 2)}


def test_icebreaker_rounds_in_the_browser(live_server, screens):
    ev = live_server.create_event("Icebreaker Social")
    host = screens("host")
    host.on("dialog", lambda d: d.accept())
    host.goto(ev["host_url"])
    host.wait_for_selector("#conn[data-status=online]")
    display = screens("display")
    display.goto(ev["display_url"])
    display.wait_for_selector("#conn[data-status=online]")
    phones = [screens("phone") for _ in NAMES]
    for page, name in zip(phones, NAMES, strict=True):
        join_page(page, ev["join_url"], name)

    # The icebreaker goes live: everyone is told what happens next.
    host.locator("#agenda-live li").nth(1).locator("button").click()
    expect(display.locator(".ib-ready")).to_contain_text("round 1 starts soon")
    expect(phones[0].locator(".ib-status")).to_contain_text("Round 1 starts soon")
    expect(host.locator("#ib-present")).to_have_text("7")

    # Round 1: all seven in groups of 2 to 3, each phone with its sign, group and question.
    host.click("#ib-start")
    for page in phones:
        expect(page.locator(".ib-question")).to_contain_text(QUESTION_1)
    first = read_groups(phones, NAMES, 1)
    assert len(first) == 3
    expect(display.locator(".ib-question-big")).to_contain_text(QUESTION_1)
    expect(display.locator(".ib-tile")).to_have_count(3)
    expect(display.locator(".ib-round")).to_have_text("Round 1 of 5")
    expect(display.locator("[data-timer=kind]")).to_have_text(re.compile(r"^[56]:\d\d$"))

    # One group finds each other: the projector and host count it. (Each person confirms on
    # their own: a pair has one button, a trio one per person found.)
    phones[0].locator("#ib-found, .ib-found-mate").first.click()
    expect(phones[0].locator(".ib-found, .ib-found-mate.done").first).to_be_visible()
    expect(display.locator(".ib-count")).to_contain_text("1 of 3 groups found each other")
    expect(host.locator("#ib-found-count")).to_have_text("1/3")
    # Someone in another group cannot find theirs: the host sees them.
    found_group = next(people for people in first.values() if NAMES[0] in people)
    lost = next(name for name in NAMES if name not in found_group)
    phones[NAMES.index(lost)].click("#ib-looking")
    expect(host.locator("[aria-label='Looking for their group']")).to_contain_text(lost)

    # Round 2: new groups, no pair from round 1 again.
    host.click("#ib-start")
    for page in phones:
        expect(page.locator(".ib-question")).to_contain_text(QUESTION_2)
    second = read_groups(phones, NAMES, 2)
    assert not pairs(first) & pairs(second)

    # A late phone joins during the round and is placed into a pair by itself (the setting is
    # on by default), making a trio, a few seconds later: nobody clicks anything.
    late = screens("phone")
    join_page(late, ev["join_url"], "Katherine")
    expect(late.locator(".ib-status")).to_contain_text("You'll get a group in a moment")
    expect(late.locator(".ib-status")).to_contain_text("in a few seconds")
    expect(host.locator("#ib-auto-place")).to_be_checked()
    expect(late.locator(".ib-sign")).to_be_visible(timeout=12000)
    label = late.locator(".ib-sign").get_attribute("aria-label").removeprefix("Your sign: ")
    mates = late.locator(".ib-names li").all_inner_texts()
    assert len(mates) == 2 and set(mates) == second[label]
    for name in mates:  # the phones of the group it joined say so too
        expect(phones[NAMES.index(name)].locator(".ib-names")).to_contain_text("Katherine")

    screenshot(late, "icebreaker-phone")
    screenshot(display, "icebreaker-display")
    screenshot(host, "icebreaker-host")
    for page in [display, host, late, *phones]:
        assert page.errors == []
    assert "Traceback" not in live_server.log()
