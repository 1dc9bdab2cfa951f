"""Configuration: defaults, then instance/config.py, then SOCIALAPP_* environment variables."""

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
    "SOCIALAPP_MAX_CONNECTIONS": ("MAX_CONNECTIONS", int),
    "SOCIALAPP_SWEEP_SECONDS": ("SWEEP_SECONDS", float),
}


def defaults(instance_path):
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(instance_path) / 'socialapp.sqlite'}",
        "PUBLIC_URL": "",
        "HOST": "0.0.0.0",
        "PORT": 5000,
        "ASYNC_MODE": "eventlet",
        "MESSAGE_QUEUE": "",
        "MESSAGE_QUEUE_CHANNEL": "socialapp",
        # eventlet's WSGI server stops at 1,024 connections by default; a big room needs more.
        "MAX_CONNECTIONS": 8192,
        # How often the sweeper looks for timers that ran out (auto-advance, auto-rounds).
        "SWEEP_SECONDS": 1.0,
        "MAX_MESSAGE_BYTES": 16_384,
        "PERMANENT_SESSION_LIFETIME": timedelta(days=7),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "SEND_FILE_MAX_AGE_DEFAULT": 3600,
        "MAX_CONTENT_LENGTH": 1_000_000,
        "RUN_SWEEPER": True,
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


def _instance_secret(folder):
    """Generate a secret key once and keep it, so sessions survive restarts."""
    path = folder / "secret_key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
