"""A state for another event that reaches a screen anyway (a misconfigured Redis shared by two
installs) is dropped by the screen: the projector, the host panel and a phone show only their
own event."""

import uuid

import pytest
import socketio
from playwright.sync_api import expect

from tests.cluster import services_up
from tests.conftest import LiveServer, free_port, join_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.scale]
REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def queued_server(tmp_path):
    if not services_up():
        pytest.skip("PostgreSQL and Redis are not running here")
    channel = "socialapp-test-" + uuid.uuid4().hex[:8]
    env = {"SOCIALAPP_MESSAGE_QUEUE": REDIS, "SOCIALAPP_MESSAGE_QUEUE_CHANNEL": channel}
    server = LiveServer(tmp_path, free_port(), env).start()
    server.channel = channel
    yield server
    server.stop()


def foreign(state, me):
    """The same shapes as this event's own messages, for an event with another code."""
    state = state | {"event": state["event"] | {"code": "ZZZZZZ", "name": "FOREIGN SOCIAL"}}
    state["agenda"] = [s | {"title": "FOREIGN " + s["title"]} for s in state["agenda"]]
    return state, me | {"code": "ZZZZZZ", "label": "FOREIGN ME", "name": "FOREIGN ME"}


def test_screens_ignore_a_state_for_another_event(queued_server, screens):
    ev = queued_server.create_event("Own Social")
    host, display, phone = screens("host"), screens("display"), screens("phone")
    host.goto(ev["host_url"])
    display.goto(ev["display_url"])
    join_page(phone, ev["join_url"], "Ada")
    for page in (host, display):
        page.wait_for_selector("#conn[data-status=online]")
    expect(phone.locator("#me-label")).to_have_text("Ada")
    state, me = foreign(host.evaluate("SA.state"), phone.evaluate("SA.me"))
    # Straight into this install's channel, to every socket: what another install would send.
    queue = socketio.RedisManager(REDIS, channel=queued_server.channel, write_only=True)
    queue.emit("state", state, namespace="/")
    queue.emit("me", me, namespace="/")
    queue.emit("count", {"count": 999, "code": "ZZZZZZ"}, namespace="/")
    host.wait_for_timeout(1500)  # loopback Redis: plenty for three messages
    for page in (host, display, phone):
        assert "FOREIGN" not in page.locator("body").inner_text()
        assert "999" not in page.locator("body").inner_text()
        assert page.evaluate("SA.state.event.code") == ev["code"]
    assert phone.evaluate("SA.me.label") == "Ada"
    screenshot(display, "foreign-state-ignored-display")
    host.keyboard.press("Space")  # and their own messages still arrive
    for page in (host, display, phone):
        expect(page.locator("body")).to_contain_text("Welcome")
        assert page.errors == []
