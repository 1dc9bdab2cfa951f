"""Public URLs: the ones printed in QR codes must be reachable from a phone on the Wi-Fi."""

from flask import current_app, has_request_context, request, url_for


def base_url():
    configured = current_app.config.get("PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.host_url.rstrip("/")
    return f"http://localhost:{current_app.config['PORT']}"


def short_url(code):
    """What people type when they cannot scan: host/j/CODE without the scheme."""
    return join_url(code).split("://", 1)[-1]


def join_url(code):
    return base_url() + url_for("attendee.join", code=code)


def host_url(event):
    return base_url() + url_for("host.panel", code=event.code, key=event.host_key)


def display_url(code):
    return base_url() + url_for("display.show", code=code)
