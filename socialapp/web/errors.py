"""Friendly pages for refusals: a stranger opening a host-only link (an export, the report,
the people list) gets the app's styled message page with a way to sign in as host, still with
the 403 status, instead of a bare "403 Forbidden"."""

from flask import render_template, request, url_for

from ..events import find_event

HOST_ONLY = (
    "This link is for the host of {name}: it holds the room's notes and results. If you are "
    "the host, sign in with your host link or key, then open it again."
)
PHONE_ONLY = (
    "This link belongs to a phone that took part in {name}. Open it on the phone you joined "
    "with (the list is kept for that phone only)."
)


def forbidden(error):
    """The 403 page: what the link is for and where to go; nothing about the event beyond
    its name (the caller already had its code)."""
    code = (request.view_args or {}).get("code")
    event = find_event(code) if code else None
    if event is None:
        page = render_template(
            "message.html",
            title="Not for this browser",
            message="This link needs a sign-in this browser does not have.",
        )
        return page, 403
    attendee_link = request.path.startswith(f"/j/{code}/")
    page = render_template(
        "message.html",
        title="For the phone that joined" if attendee_link else "For the host only",
        message=(PHONE_ONLY if attendee_link else HOST_ONLY).format(name=event.name),
        action=None if attendee_link else url_for("host.panel", code=event.code),
        action_label="Sign in as host",
    )
    return page, 403


def init_app(app):
    app.register_error_handler(403, forbidden)
