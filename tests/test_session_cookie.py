"""The session cookie holds one entry per event a browser hosts or joined: only the most
recent ones, so it never grows past what browsers keep (about 4 KB)."""

from socialapp import auth
from socialapp.events import create_event


def test_the_cookie_stays_small_over_300_events(app):
    browser = app.test_client()
    with app.app_context():
        events = [(e.code, e.host_key) for e in (create_event(f"Social {i}") for i in range(300))]
    sizes = []
    for code, key in events:
        assert browser.get(f"/e/{code}/host?key={key}").status_code == 302
        assert browser.post(f"/j/{code}", data={"name": "Ada"}).status_code == 302
        sizes.append(len(browser.get_cookie("session").value))
    assert max(sizes) < 2500, max(sizes)
    assert max(sizes[200:]) - max(sizes[50:100]) < 40  # no longer growing
    for code, _ in events[-auth.KEEP_EVENTS :]:
        assert b'id="controls"' in browser.get(f"/e/{code}/host").data
        assert b'name="name"' not in browser.get(f"/j/{code}").data  # still Ada's phone
    oldest = events[0][0]
    assert b'id="controls"' not in browser.get(f"/e/{oldest}/host").data
    assert b'name="name"' in browser.get(f"/j/{oldest}").data


def test_signing_in_again_makes_an_event_the_newest(app):
    browser = app.test_client()
    with app.app_context():
        events = [(e.code, e.host_key) for e in (create_event(f"S{i}") for i in range(20))]
    for code, key in events:
        browser.get(f"/e/{code}/host?key={key}")
    first_code, first_key = events[-auth.KEEP_EVENTS]
    browser.get(f"/e/{first_code}/host?key={first_key}")  # the oldest kept, used again
    new_code, new_key = events[0]
    browser.get(f"/e/{new_code}/host?key={new_key}")  # pushes out the next oldest instead
    assert b'id="controls"' in browser.get(f"/e/{first_code}/host").data
    dropped = events[-auth.KEEP_EVENTS + 1][0]
    assert b'id="controls"' not in browser.get(f"/e/{dropped}/host").data
