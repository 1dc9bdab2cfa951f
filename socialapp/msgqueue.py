"""The message queue between workers (Redis, through Flask-SocketIO): is it reachable, and did
a broadcast reach it. python-socketio logs a failed publish and carries on, so without this a
worker cut off from Redis would ack every command while other workers' screens froze."""

import logging

from flask import current_app, g, has_app_context

log = logging.getLogger(__name__)
CHECKABLE = ("redis://", "rediss://", "unix://")


def init_app(app, server):
    """Notice failed publishes: python-socketio's Redis manager returns the number of
    receivers from a publish, and None once it has given up (after logging and one retry)."""
    manager = server.manager
    publish = getattr(manager, "_publish", None)
    if not app.config["MESSAGE_QUEUE"] or publish is None:
        return

    def publish_checked(data):
        result = publish(data)
        if result is None and has_app_context():
            g.queue_failures = g.get("queue_failures", 0) + 1
        return result

    manager._publish = publish_checked


def failures():
    """How many publishes failed so far in this request, command or sweep."""
    return g.get("queue_failures", 0)


def status():
    """ "ok", "not used", or "down" (the reason is logged, not shown: /healthz is public)."""
    url = current_app.config["MESSAGE_QUEUE"]
    if not url:
        return "not used"
    if not url.startswith(CHECKABLE):
        return "not checked"
    client = current_app.extensions.get("queue_ping")
    if client is None:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        current_app.extensions["queue_ping"] = client
    try:
        client.ping()
    except Exception as exc:
        log.error("the message queue %s is unreachable: %s", safe(url), exc)
        return "down"
    return "ok"


def safe(url):
    """The queue's address without a password, for logs."""
    scheme, sep, rest = url.partition("://")
    return scheme + sep + rest.rpartition("@")[2]
