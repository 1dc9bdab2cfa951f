"""Where the server can be reached: the address a phone on the same Wi-Fi can use, and the
public URL the running server chose, kept in the instance folder so that `flask create-event`
in another shell prints the links the server really answers on."""

import json
import socket
import time
from pathlib import Path

FILE = "server.json"


def lan_address():
    """The address a phone on the same Wi-Fi can reach (no packet is sent by connect())."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def served_url(host, port):
    """The URL a server listening on host:port answers on: the machine's Wi-Fi address when it
    listens on every interface, else the very address it listens on (127.0.0.1 is reachable
    from this machine only, and a link to the Wi-Fi address would not answer at all)."""
    if host in ("", "0.0.0.0", "::"):
        host = lan_address()
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def remember(app):
    """Called by the server as it starts: its public URL, for the command line."""
    path = Path(app.instance_path) / FILE
    data = {
        "public_url": app.config["PUBLIC_URL"],
        "host": app.config["HOST"],
        "port": app.config["PORT"],
        "started_at": time.time(),
    }
    path.write_text(json.dumps(data, indent=1) + "\n")


def remembered(app):
    """The server's last start ({"public_url": ..., "started_at": ...}), or None."""
    try:
        data = json.loads((Path(app.instance_path) / FILE).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("public_url"), str):
        return None
    return data


def public_url_for_cli(app):
    """(url, note): the URL links should use outside the server, and a plain sentence saying
    where it came from (None when it was configured)."""
    if app.config["PUBLIC_URL"]:
        return app.config["PUBLIC_URL"], None
    last = remembered(app)
    if last:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(last.get("started_at") or 0))
        return last["public_url"], (
            f"Links use {last['public_url']}, where the server from this instance folder "
            f"started last ({when}). Set SOCIALAPP_PUBLIC_URL to use another address."
        )
    url = f"http://{lan_address()}:{app.config['PORT']}"
    return url, (
        f"No server has started from this instance folder yet: links assume {url} (this "
        f"machine on the local network, port {app.config['PORT']}). Set SOCIALAPP_PUBLIC_URL "
        "if the server will be reached at another address."
    )
