"""The projector: read-only, runs as a kiosk, renders only from the state it is sent."""

from flask import Blueprint, render_template

from .. import urls
from .common import event_or_page

bp = Blueprint("display", __name__)


@bp.route("/e/<code>/display")
def show(code):
    event, page = event_or_page(code)
    if page:
        return page
    return render_template("display.html", event=event, short_url=urls.short_url(event.code))
