"""Configuration: defaults, then instance/config.py, then SOCIALAPP_* environment variables."""

import hashlib
import os
import secrets
from datetime import timedelta
from pathlib import Path

# Environment variables that map onto config keys, with the type to parse them as.
ENV_KEYS = {
    "SOCIALAPP_DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "SOCIALAPP_SECRET_KEY": ("SECRET_KEY", str),
    "SOCIALAPP_PUBLIC_URL": ("PUBLIC_URL", str),
    "SOCIALAPP_HOST": ("HOST", str),
    "SOCIALAPP_PORT": ("PORT", int),
    "SOCIALAPP_ASYNC_MODE": ("ASYNC_MODE", str),
    "SOCIALAPP_MESSAGE_QUEUE": ("MESSAGE_QUEUE", str),
    "SOCIALAPP_MESSAGE_QUEUE_CHANNEL": ("MESSAGE_QUEUE_CHANNEL", str),
    "SOCIALAPP_INSTALL_ID": ("INSTALL_ID", str),
    "SOCIALAPP_MAX_CONNECTIONS": ("MAX_CONNECTIONS", int),
    "SOCIALAPP_SWEEP_SECONDS": ("SWEEP_SECONDS", float),
    "SOCIALAPP_BROADCAST_SECONDS": ("BROADCAST_SECONDS", float),
    "SOCIALAPP_SOCKET_TIMEOUT": ("SOCKET_TIMEOUT", float),
    "SOCIALAPP_BACKLOG": ("BACKLOG", int),
    "SOCIALAPP_TRUSTED_PROXIES": ("TRUSTED_PROXIES", int),
    "SOCIALAPP_ASSET_CACHE": ("ASSET_CACHE", str),
    "SOCIALAPP_DIRECT_WRITES": ("DIRECT_WRITES", lambda s: s.lower() not in ("0", "no", "false")),
}


def defaults(instance_path):
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(instance_path) / 'socialapp.sqlite'}",
        "PUBLIC_URL": "",
        "HOST": "0.0.0.0",
        "PORT": 5000,
        "ASYNC_MODE": "eventlet",
        "MESSAGE_QUEUE": "",
        # Both empty: derived from the database URL (see install_id), so two installs sharing
        # one Redis never hear each other.
        "MESSAGE_QUEUE_CHANNEL": "",
        "INSTALL_ID": "",
        # eventlet's WSGI server stops at 1,024 connections by default; a big room needs more.
        "MAX_CONNECTIONS": 8192,
        # Seconds a connection may stay silent (idle, or a request half sent) before it is
        # closed: without it, idle connections fill MAX_CONNECTIONS and lock everyone out.
        # Socket.IO pings every 25 s and gives up after 45 s, so live sockets are never cut.
        "SOCKET_TIMEOUT": 60.0,
        # Connections the kernel queues while the server is busy accepting (a QR rush);
        # capped by the system's net.core.somaxconn. eventlet's own default is 50.
        "BACKLOG": 2048,
        # The garbage collector's thresholds in the server (socialapp.gctune says why).
        "GC_THRESHOLDS": (50_000, 10, 100),
        # How often the sweeper looks for timers that ran out (auto-advance, auto-rounds).
        "SWEEP_SECONDS": 1.0,
        # Changes to one event within this many seconds of its last send are sent together
        # at the end of the window (socialapp.broadcast): a burst sends a few states, not one
        # per change. 0 sends every change at once (the unit tests' test clients).
        "BROADCAST_SECONDS": 0.25,
        "MAX_MESSAGE_BYTES": 16_384,
        # eventlet: a packet to an idle websocket is written at once instead of through its
        # writer greenlet (socialapp.transport: half a broadcast's CPU). False: engineio's path.
        "DIRECT_WRITES": True,
        "PERMANENT_SESSION_LIFETIME": timedelta(days=7),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        # Static files the app does not fingerprint (none today): an hour. The fingerprinted
        # ones are cached for a year (web/assets.py), compressed once into ASSET_CACHE.
        "SEND_FILE_MAX_AGE_DEFAULT": 3600,
        "ASSET_CACHE": str(Path(instance_path) / "asset-cache"),
        "MAX_CONTENT_LENGTH": 1_000_000,
        "RUN_SWEEPER": True,
        # Proxies in front (nginx: 1) whose X-Forwarded-For is believed for rate limits, and
        # overrides of socialapp.ratelimit.RULES: {"join_address": (burst, per_second), ...}.
        "TRUSTED_PROXIES": 0,
        "RATE_LIMITS": {},
    }


def load(app, test_config=None):
    """Fill app.config in order of precedence; the last source wins."""
    app.config.from_mapping(defaults(app.instance_path))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    for env, (key, kind) in ENV_KEYS.items():
        if os.environ.get(env):
            app.config[key] = kind(os.environ[env])
    app.config["SQLALCHEMY_DATABASE_URI"] = cooperative_driver(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    if not app.config["INSTALL_ID"]:
        app.config["INSTALL_ID"] = install_id(app.config["SQLALCHEMY_DATABASE_URI"])
    if not app.config["MESSAGE_QUEUE_CHANNEL"]:
        app.config["MESSAGE_QUEUE_CHANNEL"] = f"socialapp-{app.config['INSTALL_ID']}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    if app.config["PUBLIC_URL"].startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True


def cooperative_driver(url):
    """psycopg 3 blocks the whole eventlet process; psycopg2 is made cooperative by the patch."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg2://" + url[len(prefix) :]
    return url


def install_id(database_url):
    """A short id for the data this install serves: the same for every worker of one install
    (they share the database), different for two installs (they do not). Room names and the
    default queue channel carry it. The password is left out, so changing it changes nothing."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        where = os.path.realpath(url.database) if url.database else ":memory:"
    else:
        where = f"{url.get_backend_name()}://{url.username or ''}@{(url.host or '').lower()}"
        where += f":{url.port or ''}/{url.database or ''}"
    return hashlib.sha256(where.encode()).hexdigest()[:12]


def _instance_secret(folder):
    """Generate a secret key once and keep it, so sessions survive restarts."""
    path = folder / "secret_key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
