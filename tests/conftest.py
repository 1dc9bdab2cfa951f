"""Shared fixtures, in the style of Flask's tutorial: an app per test on a fresh database."""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.request import urlopen

import pytest
from hypothesis import HealthCheck, settings

from socialapp import create_app, ratelimit
from socialapp.core import patches
from socialapp.events import create_event
from socialapp.extensions import db, socketio
from tests import cluster

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
ASSET_CACHE = Path(tempfile.gettempdir()) / f"socialapp-test-assets-{os.getuid()}"

# CI fuzzes harder: HYPOTHESIS_PROFILE=ci (set by .ci/run) runs 1,000 examples per property.
settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def app(tmp_path):
    ratelimit.reset()
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite'}",
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "ASYNC_MODE": "threading",
            "PUBLIC_URL": "http://social.test",
            # Sends at once: the test clients check each change's state right after it.
            "BROADCAST_SECONDS": 0,
        }
    )
    app.instance_path = str(tmp_path / "instance")  # saved templates: this test's own folder
    yield app


@pytest.fixture
def ctx(app):
    """Inside a request of the app (code that reads the session or the database directly);
    the session is removed after, as the app does after a request."""
    with app.test_request_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def event(app):
    with app.app_context():
        ev = create_event("Test Social", "mlc-social")
        return {"id": ev.id, "code": ev.code, "key": ev.host_key}


@pytest.fixture
def host(app, event):
    """A browser signed in as the host."""
    c = app.test_client()
    r = c.get(f"/e/{event['code']}/host?key={event['key']}")
    assert r.status_code == 302
    return c


def join(app, code, name):
    c = app.test_client()
    r = c.post(f"/j/{code}", data={"name": name})
    assert r.status_code == 302, r.data
    return c


@pytest.fixture
def phone(app, event):
    """Factory: a new phone that joined with a name."""
    return lambda name="Ada": join(app, event["code"], name)


@pytest.fixture
def sio(app, event):
    """Factory: a Socket.IO test client for an HTTP client's cookies and a role."""
    made = []

    def connect(http_client=None, role="display", code=None):
        c = socketio.test_client(
            app,
            flask_test_client=http_client or app.test_client(),
            auth={"code": code or event["code"], "role": role},
        )
        made.append(c)
        return c

    yield connect
    for c in made:
        if c.is_connected():
            c.disconnect()


def last(received, name):
    """The last message of one name a test client received. For "state": the state the screen
    shows, its last whole state with the patches after it applied (socialapp.streams); a patch
    that does not apply leaves None, as a screen would then ask for the whole state."""
    if name == "state":
        return screen_state(received)
    found = [m["args"][0] for m in received if m["name"] == name]
    return found[-1] if found else None


def screen_state(received, current=None):
    """What SA.start's handlers make of these messages, starting from `current`."""
    for m in received:
        if m["name"] == "state":
            current = m["args"][0]
        elif m["name"] == "patch" and current is not None:
            p = m["args"][0]
            if current["v"] == p["base"]:
                current = patches.apply(current, p["p"])
            elif current["v"] < p["v"]:
                current = None
    return current


def command(client, name, args=None, cid=None):
    payload = {"name": name, "args": args or {}}
    if cid:
        payload["cid"] = cid
    return client.emit("command", payload, callback=True)


def require(present, missing):
    """A tool or service a test needs: skipped where it is missing, a failure in CI."""
    if not present:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)


# ---------- a real server as a subprocess (browser, restart and network tests) ----------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, instance, port, env=None):
        self.instance, self.port, self.extra_env = instance, port, env or {}
        self.url = f"http://127.0.0.1:{port}"
        self.proc = None

    def env(self):
        env = os.environ | {
            "SOCIALAPP_INSTANCE_PATH": str(self.instance),
            "SOCIALAPP_PORT": str(self.port),
            "SOCIALAPP_HOST": "127.0.0.1",
            "SOCIALAPP_PUBLIC_URL": self.url,
            "SOCIALAPP_SWEEP_SECONDS": "0.5",
            # Static files compressed once for the whole run, not once per server.
            "SOCIALAPP_ASSET_CACHE": str(ASSET_CACHE),
        }
        return env | self.extra_env

    def start(self):
        with open(self.instance / "server.log", "a") as log:  # the child keeps its own copy
            self.proc = subprocess.Popen(
                [sys.executable, str(ROOT / "wsgi.py")], env=self.env(), stdout=log, stderr=log
            )
        deadline = time.time() + 60  # a loaded CI machine can take 20 s to start one
        while time.time() < deadline:
            try:
                with urlopen(self.url + "/healthz", timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()  # never leave a server behind
        raise RuntimeError("server did not start: " + self.log())

    def kill(self):
        """kill -9: no clean shutdown, as when a laptop crashes."""
        self.proc.kill()
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self):
        return (self.instance / "server.log").read_text()

    def create_event(self, name="Browser Social", template="mlc-social"):
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "flask",
                "--app",
                "socialapp",
                "create-event",
                name,
                "--json",
                "--template",
                template,
            ],  # fmt: skip
            env=self.env(),
            capture_output=True,
            text=True,
            check=True,
        )
        import json

        data = json.loads(out.stdout)
        data["key"] = re.search(r"key=([\w-]+)", data["host_url"]).group(1)
        return data


@pytest.fixture
def live_server(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    server = LiveServer(instance, free_port()).start()
    yield server
    server.stop()


# ---------- several workers over PostgreSQL and Redis, nginx in front (tests/cluster.py) ----------


@pytest.fixture
def pg_database():
    """A fresh PostgreSQL database of its own, dropped afterwards."""
    import psycopg2

    require(cluster.services_up(), "PostgreSQL and Redis are not running here")
    name = "socialapp_" + uuid.uuid4().hex[:10]
    admin = psycopg2.connect(cluster.PG + "test")
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    yield cluster.PG + name
    admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


def start_workers(folder, database_url, count=2, env=None):
    """Workers sharing one database and one message queue, started one after the other: the
    first applies the migrations, the next ones find them done."""
    shared = cluster.worker_env(database_url) | (env or {})
    started = []
    try:
        for i in range(count):
            instance = folder / f"w{i}"
            instance.mkdir()
            started.append(LiveServer(instance, free_port(), shared).start())
    except Exception:
        for w in started:
            w.stop()
        raise
    return started


@pytest.fixture
def workers(tmp_path, pg_database):
    """Two worker processes sharing one database and one message queue."""
    started = start_workers(tmp_path, pg_database)
    yield started
    for w in started:
        w.stop()


@pytest.fixture
def deployment(tmp_path, pg_database):
    """docs/deploy.md run here: nginx with deploy/nginx-socialapp.conf in front of two workers;
    the workers' public URL is nginx's."""
    require(cluster.NGINX, "nginx is not installed (.ci/run installs Debian's package)")
    port = free_port()
    started = start_workers(
        tmp_path, pg_database, env={"SOCIALAPP_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    )
    proxy = None
    try:
        proxy = cluster.Nginx(tmp_path / "nginx", port, [w.port for w in started]).start()
        yield proxy, started
    finally:
        if proxy:
            proxy.stop()
        for w in started:
            w.stop()


# ---------- Playwright with Debian's Chromium ----------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM).exists(), "Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def screens(browser):
    """Factory of pages: phone (mobile viewport), host (laptop) or display (1080p)."""
    contexts = []
    sizes = {
        "phone": dict(
            viewport={"width": 390, "height": 844},
            is_mobile=True,
            has_touch=True,
            device_scale_factor=2,
        ),
        "host": dict(viewport={"width": 1366, "height": 900}),
        "display": dict(viewport={"width": 1920, "height": 1080}),
    }

    def open_page(kind):
        ctx = browser.new_context(**sizes[kind])
        contexts.append(ctx)
        page = ctx.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        return page

    yield open_page
    for ctx in contexts:
        ctx.close()


def join_page(page, url, name):
    """A phone opens the join link, types a name and waits until it is live."""
    page.goto(url)
    page.fill("input[name=name]", name)
    page.click("button[type=submit]")
    page.wait_for_selector("#conn[data-status=online]")


def screenshot(page, name):
    """Screenshots land in test-artifacts/ (and the README's docs/screenshots/ on request)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    if os.environ.get("UPDATE_SCREENSHOTS"):
        docs = ROOT / "docs" / "screenshots"
        docs.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(docs / f"{name}.png"))


def pytest_collection_modifyitems(items):
    """Browser tests get one retry (pytest-rerunfailures): Chromium, the server and the test
    share two cores, and a loaded CI machine can miss a page's 5 s wait. A second failure
    fails the run; every other test runs once."""
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("flaky"):
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))
