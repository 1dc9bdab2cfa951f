"""The sweeper acts on deadlines stored in the database: auto-advance when time is up."""

import time

from socialapp import sweeper
from socialapp.events import find_event
from tests.conftest import command, last


def test_auto_advance_moves_on_when_time_is_up(app, event, host, sio):
    h = sio(host, "host")
    command(h, "event.settings", {"auto_advance": True})
    command(h, "agenda.start")
    d = sio(role="display")
    d.get_received()
    with app.test_request_context():
        assert sweeper.tick(time.time() + 10) == 0  # not due yet
        assert sweeper.tick(time.time() + 301) == 1  # Welcome's 5 minutes are over
        sweeper.tick(time.time() + 302)  # acted once: the icebreaker is not skipped
    assert last(d.get_received(), "state")["live"]["title"] == "Icebreaker"
    with app.app_context():
        assert find_event(event["code"]).segments[0].status == "done"


def test_without_auto_advance_time_up_just_runs_over(app, event, host, sio):
    h = sio(host, "host")
    command(h, "agenda.start")
    with app.test_request_context():
        assert sweeper.tick(time.time() + 400) == 0
    with app.app_context():
        assert find_event(event["code"]).live_segment.title == "Welcome"
