"""The servers under test, each a subprocess on a free loopback port: the app (wsgi.py, a fresh
instance folder), a bare Flask-SocketIO eventlet server and a bare Node socket.io 4 server.

Every server started is stopped on exit, Ctrl-C or SIGTERM. CPU comes from /proc/PID/stat
(user + system time of every thread), memory from VmRSS in /proc/PID/status.
"""

import asyncio
import atexit
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
NODE_DIR = BENCH / "node"
TICK = os.sysconf("SC_CLK_TCK")
_running = []
LOGS = {"dir": None}  # where to keep each server's log when it stops (--logs)


class Missing(Exception):
    """Something the benchmark needs is not installed; the message says what to do."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """User + system CPU of a process (all its threads) so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def raise_open_files(need):
    """Every phone is a socket on both sides: raise the soft limit (inherited by the servers)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < need:
        raise Missing(
            f"{need} open files are needed (the phones' sockets on both sides) but the hard "
            f"limit is {hard}: raise it (as root: ulimit -Hn {need}, or LimitNOFILE= in systemd)"
        )
    if soft != resource.RLIM_INFINITY and soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))


def stop_all():
    while _running:
        _running.pop().stop()


def stop_on_signals(task):
    """Ctrl-C, SIGTERM or SIGHUP cancel the run: its `finally` blocks close the phones and
    stop the servers; atexit is the backstop."""
    atexit.register(stop_all)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(sig, task.cancel)


class Server:
    """A server process. Subclasses say how to start it and where it answers `/healthz`."""

    name = "server"

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = Path(tempfile.mkdtemp(prefix=f"bench-{self.name}-"))
        self.proc = None

    def command(self):
        raise NotImplementedError

    def env(self):
        return dict(os.environ)

    async def start(self, timeout=120):
        return await self.launch().ready(timeout)

    def launch(self):
        with open(self.folder / "server.log", "ab") as log:  # the child keeps its own copy
            self.proc = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches us; we stop it in order
            )
        _running.append(self)
        return self

    async def ready(self, timeout=120):
        """Wait (without blocking the loop, so Ctrl-C is heard) until /healthz answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start:\n{self.log()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1):
                    return self
            except OSError:
                await asyncio.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer in {timeout} s:\n{self.log()[-2000:]}")

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self in _running:
            _running.remove(self)
        if LOGS["dir"] and (self.folder / "server.log").exists():
            name = f"{time.strftime('%H%M%S')}-{self.name}-{self.port}.log"
            shutil.copy(self.folder / "server.log", Path(LOGS["dir"]) / name)
        shutil.rmtree(self.folder, ignore_errors=True)

    def log(self):
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def cpu(self):
        return cpu_seconds(self.proc.pid)

    def rss_kb(self):
        return rss_kb(self.proc.pid)


class App(Server):
    """socialapp as deployed on one laptop: wsgi.py, eventlet, SQLite in its instance folder."""

    name = "app"

    def command(self):
        return [sys.executable, str(ROOT / "wsgi.py")]

    def launch(self):
        # Every bench phone joins from one address into one event: the join limits (600 from
        # an address, 1,000 into an event) would measure themselves, not the room.
        instance = self.folder / "instance"
        instance.mkdir(parents=True, exist_ok=True)
        config = instance / "config.py"
        if not config.exists():
            config.write_text(
                'RATE_LIMITS = {"join_address": (100_000, 1000), "join_event": (100_000, 1000)}\n'
            )
        return super().launch()

    def env(self):
        return super().env() | {
            "SOCIALAPP_INSTANCE_PATH": str(self.folder / "instance"),
            "SOCIALAPP_PORT": str(self.port),
            "SOCIALAPP_HOST": "127.0.0.1",
            "SOCIALAPP_PUBLIC_URL": self.url,
        }


class BareEventlet(Server):
    name = "eventlet"

    def command(self):
        return [sys.executable, str(BENCH / "bare_eventlet.py"), "--port", str(self.port)]


class Node(Server):
    name = "node"

    def command(self):
        return [shutil.which("node"), str(NODE_DIR / "server.js"), str(self.port)]


def ensure_node():
    """Install the Node server's packages on first use (npm ci from the committed lock file)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    hint = "(Debian: apt-get install nodejs npm), or leave Node out with --servers app,eventlet"
    if node is None:
        raise Missing(f"node is not installed: the Node anchor needs Node.js 18+ {hint}")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
    if int(version.strip().lstrip("v").split(".")[0]) < 18:
        raise Missing(f"node {version.strip()} is too old: socket.io 4 needs 18+ {hint}")
    if (NODE_DIR / "node_modules" / "socket.io").is_dir():
        return
    if npm is None:
        raise Missing(f"npm is not installed: it installs socket.io for the Node anchor {hint}")
    verb = "ci" if (NODE_DIR / "package-lock.json").exists() else "install"
    print(f"Installing the Node server's packages (npm {verb} in {NODE_DIR})...", flush=True)
    done = subprocess.run(
        [npm, verb, "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=NODE_DIR,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise Missing(f"npm {verb} failed in {NODE_DIR}:\n{done.stdout}{done.stderr}")


KINDS = {"app": App, "eventlet": BareEventlet, "node": Node}
