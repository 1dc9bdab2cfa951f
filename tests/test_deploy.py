"""docs/deploy.md, run on this machine: nginx (with deploy/nginx-socialapp.conf) in front of two
workers over PostgreSQL and Redis. Every client comes from 127.0.0.1, like a venue's phones
behind one NAT address: they must still spread over both workers.

The `deployment` fixture (conftest.py, tests/cluster.py) skips where nginx, PostgreSQL or Redis
is missing, and fails in CI."""

import gzip
import re
import threading
import time
from urllib.request import Request, urlopen

import psycopg2
import pytest
import socketio
from playwright.sync_api import expect

from tests.cluster import ROOT, held_connections
from tests.conftest import join_page, screenshot
from tests.netclient import Person

pytestmark = [pytest.mark.scale, pytest.mark.server]
NAMES = ["Ada", "Grace", "Alan", "Barbara"]


def wait_until(condition, timeout=15, every=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


def held(workers):
    return [held_connections(w.port) for w in workers]


def segment_id(state, kind):
    return next(s["id"] for s in state["agenda"] if s["kind"] == kind)


def create_event(url, people):
    """Through nginx, as a host does on the front page (the form's CSRF token and the session
    cookie are signed with the key every worker shares). Returns the host and the code."""
    host = people(url)
    panel = host.post_form("/", {"name": "Deployed Social", "template": "mlc-social"})
    return host, re.search(r'data-code="(\w+)"', panel).group(1)


def deadlines(state):
    return state["live"]["id"], state["live"]["timer"]["ends_at"], state["kind"]["timer"]["ends_at"]


def post_notes(phone, prefix, count, acked, unacked):
    """A phone posting notes one after the other; what the server acked, and what it did not
    (the worker died first), by note id."""
    for i in range(count):
        cid = f"{prefix}-{i}"
        args = {"text": f"Note {cid}", "cid": cid}
        try:
            ack = phone.sio.call(
                "command", {"name": "wall.note_add", "args": args, "cid": cid}, timeout=3
            )
            assert ack["ok"], ack
            acked.append(cid)
        except (socketio.exceptions.TimeoutError, socketio.exceptions.SocketIOError):
            unacked.extend(f"{prefix}-{j}" for j in range(i, count))
            return


def notes_in_database(url):
    """(cid, text) of every stored note, read straight from PostgreSQL."""
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute("SELECT cid, text FROM wall_note")
        return cur.fetchall()


@pytest.fixture
def people():
    """Factory of Person objects for one test, all closed whatever happens."""
    made = []

    def make(url):
        made.append(Person(url))
        return made[-1]

    yield make
    for p in made:
        p.close()


@pytest.mark.browser
def test_phones_spread_over_workers_and_survive_a_killed_worker(deployment, screens, people):
    proxy, workers = deployment
    host, code = create_event(proxy.url, people)

    # A real Chromium phone first, alone: the one websocket shows which worker it got.
    page = screens("phone")
    join_page(page, f"{proxy.url}/j/{code}", "Chromium")
    assert page.evaluate("() => SA.socket.io.engine.transport.name") == "websocket"
    assert wait_until(lambda: sorted(held(workers)) == [0, 1]), held(workers)
    x = held(workers).index(1)  # the browser's worker, killed first

    host.connect(code, "host")
    phones = []
    for name in NAMES:
        phones.append(people(proxy.url))
        phones[-1].post_form(f"/j/{code}", {"name": name})
        phones[-1].connect(code, "attendee")
    # least_conn spreads them although every one comes from the same address.
    assert wait_until(lambda: min(held(workers)) >= 3), held(workers)

    before = crash_during_a_round(workers, x, page, host, phones)
    # Commands keep working; the restarted worker gets new screens again at once.
    mark = phones[0].mark()
    assert host.command("agenda.extend", {"seconds": 60})["ok"]
    assert phones[0].wait_for("state", after=mark)["live"]["timer"]["ends_at"] == before[1] + 60
    workers[x].start()
    projectors = [people(proxy.url).connect(code, "display") for _ in range(2)]
    assert wait_until(lambda: held(workers)[x] == 2), held(workers)

    crash_during_the_wall(workers, 1 - x, page, [host, *phones, *projectors])
    for w in workers:
        assert "Traceback" not in w.log()


def crash_during_a_round(workers, x, page, host, phones):
    """A round runs (started on the host's worker, it reaches phones on both); kill -9 the
    browser's worker: its phones come back through nginx by themselves, to the same segment,
    deadlines and groups; the others never notice. Returns the deadlines."""
    goto = {"segment_id": segment_id(host.wait_for("state"), "icebreaker")}
    assert host.command("agenda.goto", goto)["ok"]
    assert host.command("icebreaker.start_round")["ok"]
    before = deadlines(host.wait_for("state", lambda s: s["kind"].get("timer")))
    grouped = [p.wait_for("me", lambda m: m["kind"].get("status") == "grouped") for p in phones]
    sign = page.locator(".ib-sign")
    expect(sign).to_be_visible()
    browser_sign = sign.get_attribute("aria-label")

    marks = [p.mark() for p in phones]
    page.evaluate(
        "() => { window.fresh = null; SA.socket.on('state', (s) => (window.fresh = s)); }"
    )
    workers[x].kill()
    status = page.locator("#conn")
    expect(status).to_have_attribute("data-status", "offline", timeout=10_000)
    expect(status).to_have_attribute("data-status", "online", timeout=15_000)
    page.wait_for_function("() => window.fresh !== null")
    fresh = "[fresh.live.id, fresh.live.timer.ends_at, fresh.kind.timer.ends_at]"
    assert page.evaluate(f"() => {fresh}") == list(before)
    expect(sign).to_have_attribute("aria-label", browser_sign)
    screenshot(page, "deploy-phone-after-worker-killed")

    assert wait_until(lambda: held(workers)[x] == 0 and all(p.sio.connected for p in phones))
    moved = [p for p in phones if p.count("disconnect")]
    assert moved and len(moved) < len(phones)  # some phones were on each worker
    assert host.count("disconnect") == 0
    for p, mark, me in zip(phones, marks, grouped, strict=True):
        if p in moved:
            assert deadlines(p.wait_for("state", after=mark)) == before
            assert p.wait_for("me", after=mark)["kind"]["sign"] == me["kind"]["sign"]
    return before


def crash_during_the_wall(workers, y, page, screens):
    """Notes arriving on the wall when the other worker dies (everyone's, the host's too):
    every note acked before the crash is stored; the phones send again what was not acked,
    and each note lands once."""
    host, phones = screens[0], screens[1 : 1 + len(NAMES)]
    assert host.command("agenda.goto", {"segment_id": segment_id(host.wait_for("state"), "wall")})[
        "ok"
    ]
    page.fill("#wall-text", "Typed in Chromium")
    page.click("#wall-post")
    mine = page.locator(".wall-mine .wall-note-text", has_text="Typed in Chromium")
    expect(mine).to_have_count(1)
    acked, unacked, threads = [], [], []
    for i, p in enumerate(phones):
        threads.append(threading.Thread(target=post_notes, args=(p, f"p{i}", 4, acked, unacked)))
        threads[-1].start()
    assert wait_until(lambda: len(acked) >= len(phones), every=0.01)
    safe = list(acked)
    workers[y].kill()
    for t in threads:
        t.join()
    assert wait_until(lambda: all(p.sio.connected for p in screens), timeout=20)
    expect(page.locator("#conn")).to_have_attribute("data-status", "online", timeout=15_000)

    database = workers[0].extra_env["SOCIALAPP_DATABASE_URL"]
    assert set(safe) <= {cid for cid, _ in notes_in_database(database)}
    for i, p in enumerate(phones):  # as a phone's outbox does
        for cid in (c for c in unacked if c.startswith(f"p{i}-")):
            assert p.command("wall.note_add", {"text": f"Note {cid}", "cid": cid}, cid=cid)["ok"]
    stored = notes_in_database(database)
    assert sorted(c for c, text in stored if text.startswith("Note ")) == sorted(acked + unacked)
    assert [text for _, text in stored if not text.startswith("Note ")] == ["Typed in Chromium"]
    expect(mine).to_have_count(1)
    assert host.command("wall.lock", {"locked": True})["ok"]
    for screen in (host, screens[-1]):  # the host's worker, and the projector's
        screen.wait_for("state", lambda s: s["kind"].get("locked"))


def fetch(url):
    with urlopen(url, timeout=10) as r:
        return r.status, r.headers.get_content_type(), r.read()


# A network that blocks websockets: the browser's WebSocket fails as a refused one does.
BLOCK_WEBSOCKETS = """window.WebSocket = class {
  constructor() {
    this.readyState = 0;
    setTimeout(() => {
      this.readyState = 3;
      if (this.onerror) this.onerror(new Event("error"));
      if (this.onclose) this.onclose(new CloseEvent("close", { code: 1006 }));
    }, 20);
  }
  send() {}
  close() {}
};"""


@pytest.mark.browser
def test_pages_static_files_qr_code_and_long_polling_through_nginx(deployment, screens, people):
    proxy, _ = deployment
    host, code = create_event(proxy.url, people)
    static = ROOT / "socialapp" / "static"
    for path in ("js/core.js", "vendor/socket.io.min.js", "vendor/preact.min.js", "css/app.css"):
        assert fetch(f"{proxy.url}/static/{path}")[2] == (static / path).read_bytes()
    # Compressed by the worker, passed through by nginx as it is (docs/deploy.md).
    ask = Request(f"{proxy.url}/static/js/core.js", headers={"Accept-Encoding": "gzip"})
    with urlopen(ask, timeout=10) as r:
        assert r.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in r.headers["Vary"]
        assert gzip.decompress(r.read()) == (static / "js/core.js").read_bytes()
    status, kind, svg = fetch(f"{proxy.url}/e/{code}/qr.svg")
    assert (status, kind) == (200, "image/svg+xml") and b"<svg" in svg
    assert fetch(f"{proxy.url}/e/{code}/qr.png")[2].startswith(b"\x89PNG")
    assert f"127.0.0.1:{proxy.port}/j/{code}".encode() in fetch(f"{proxy.url}/e/{code}/poster")[2]

    # Where websockets are blocked, the page falls back to long-polling, which sends many
    # requests for one session: nginx keeps them on the worker that holds it.
    projector = screens("display")
    projector.add_init_script(BLOCK_WEBSOCKETS)
    projector.goto(f"{proxy.url}/e/{code}/display")
    expect(projector.locator("#conn")).to_have_attribute("data-status", "online")
    assert projector.evaluate("() => SA.socket.io.engine.transport.name") == "polling"
    host.connect(code, "host", transports=["polling"])
    assert host.sio.transport() == "polling"
    display = people(proxy.url).connect(code, "display", transports=["polling"])
    assert host.command("agenda.start")["ok"]
    for _ in range(4):
        mark = display.mark()
        ack = host.command("agenda.extend", {"seconds": 60})
        assert ack["ok"], ack
        display.wait_for("state", lambda s, v=ack["v"]: s["v"] >= v, after=mark)
    assert display.wait_for("state")["live"]["timer"]["duration"] == 300 + 240
    assert host.count("disconnect") == display.count("disconnect") == 0
    expect(projector.locator("#seg-title")).to_have_text("Welcome")
    projector.wait_for_function("() => SA.state.live.timer.duration === 300 + 240")
    assert projector.locator("#conn").get_attribute("data-status") == "online"
    screenshot(projector, "deploy-projector-long-polling")
