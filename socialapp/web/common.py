"""Helpers the blueprints share: finding the event or showing a friendly page."""

from flask import render_template

from ..events import find_event


def event_or_page(code):
    """(event, None) or (None, a friendly response) for a wrong or ended code."""
    event = find_event(code)
    if event is None:
        return None, (
            render_template(
                "message.html",
                title="No such event",
                message="No event has the code "
                f"{(code or '')[:12].upper()}. Check the code on the "
                "projector, or ask the host.",
            ),
            404,
        )
    if event.ended_at is not None:
        return None, (
            render_template(
                "message.html",
                title="This event has ended",
                message=f"{event.name} has ended. Thanks for coming!",
            ),
            410,
        )
    return event, None
