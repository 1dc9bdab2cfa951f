"""Several workers as deployed: the services they share (PostgreSQL, Redis) and nginx in front,
run from the repository's own config (deploy/nginx-socialapp.conf)."""

import os
import pwd
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx-socialapp.conf"
PG = "postgresql://postgres@127.0.0.1:5432/"
REDIS = "redis://127.0.0.1:6379/0"
NGINX = shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin")


def services_up():
    try:
        import psycopg2
        import redis

        psycopg2.connect(PG + "test", connect_timeout=3).close()
        redis.Redis(socket_connect_timeout=3).ping()
        return True
    except Exception:
        return False


def worker_env(database_url):
    """What every worker of one deployment shares: database, queue channel, secret key."""
    return {
        "SOCIALAPP_DATABASE_URL": database_url,
        "SOCIALAPP_MESSAGE_QUEUE": REDIS,
        "SOCIALAPP_MESSAGE_QUEUE_CHANNEL": "socialapp-test-" + uuid.uuid4().hex[:8],
        "SOCIALAPP_SECRET_KEY": "shared-between-workers",
    }


def site_config(listen_port, worker_ports):
    """The repository's nginx file with this machine's ports put in."""
    text = SITE.read_text()
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=0;\n" for p in worker_ports)
    text, upstreams = re.subn(r"(?m)(^ *server 127\.0\.0\.1:\d+ max_fails=0;\n)+", servers, text)
    text, listens = re.subn(r"(?m)^( *)listen 80;", rf"\1listen 127.0.0.1:{listen_port};", text)
    assert (upstreams, listens) == (2, 1), f"{SITE} changed shape: update tests/cluster.py"
    return text


class Nginx:
    """nginx as an ordinary process: everything it writes lives in one folder."""

    def __init__(self, folder, port, worker_ports):
        self.folder, self.port, self.worker_ports = Path(folder), port, worker_ports
        self.url = f"http://127.0.0.1:{port}"
        self.proc = None

    def write_config(self):
        f = self.folder
        f.mkdir(parents=True, exist_ok=True)
        (f / "socialapp.conf").write_text(site_config(self.port, self.worker_ports))
        # As root, workers would run as nobody and could not reach a private temp folder.
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
        temp = "".join(
            f"    {kind}_temp_path {f / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (f / "nginx.conf").write_text(
            f"{user}worker_processes 1;\nerror_log {f / 'error.log'} notice;\n"
            "events { worker_connections 1024; }\n"
            f"http {{\n    access_log {f / 'access.log'};\n{temp}"
            f"    include {f / 'socialapp.conf'};\n}}\n"
        )

    def start(self):
        self.write_config()
        f = self.folder
        command = [NGINX, "-p", str(f), "-e", str(f / "error.log"), "-c", str(f / "nginx.conf")]
        subprocess.run([*command, "-t", "-q"], check=True, capture_output=True)
        self.proc = subprocess.Popen(
            [*command, "-g", f"daemon off; pid {f / 'nginx.pid'};"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                with urlopen(self.url + "/healthz", timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not start: " + self.log())

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)

    def log(self):
        path = self.folder / "error.log"
        return path.read_text() if path.exists() else ""


def held_connections(port):
    """Open TCP connections this machine holds on a local port (a worker's sockets)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                if state == "01" and int(local.rsplit(":", 1)[1], 16) == port:
                    count += 1
    return count
