"""The projector: read-only, runs as a kiosk, renders only from the state it is sent.

With the rotating join code on, the projector (opened from the host panel's link, which
carries its display key) asks for the current code and its QR every few seconds; nobody else
gets them, so a photo of the QR goes stale (socialapp.joincode).
"""

import time

import qrcode.image.svg
from flask import Blueprint, Response, jsonify, render_template, request, url_for

from .. import joincode, urls
from .common import display_key, event_or_page, event_ref, join_secret

bp = Blueprint("display", __name__)


@bp.app_template_global("display_key")
def _display_key(event):
    return display_key(event)


@bp.route("/e/<code>/display")
def show(code):
    event, page = event_or_page(code)
    if page:
        return page
    key = request.args.get("key", "")
    key = key if joincode.is_display_key(join_secret(), event_ref(event), key) else ""
    return render_template(
        "display.html", event=event, short_url=urls.short_url(event.code), key=key
    )


def current_code(code):
    """(event, code, seconds left) for the projector, or (None, error response)."""
    event, page = event_or_page(code)
    if page:
        return None, page
    if not joincode.is_display_key(join_secret(), event_ref(event), request.args.get("key")):
        return None, (jsonify(error="Open the display from the host panel's link."), 403)
    now = time.time()
    return (event, *joincode.current(join_secret(), event_ref(event), now)), None


@bp.route("/e/<code>/join-code.json")
def join_code(code):
    found, page = current_code(code)
    if page:
        return page
    event, room_code, left = found
    body = {"rotating": event.join_rotate}
    if event.join_rotate:
        body |= {
            "code": room_code,
            "changes_in": left,
            "window_seconds": joincode.WINDOW_SECONDS,
            "qr_svg": url_for("display.join_qr", code=event.code, key=request.args["key"])
            + f"&c={room_code}",
        }
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/e/<code>/join-qr.svg")
def join_qr(code):
    """The QR of the join link with the current room code in it."""
    found, page = current_code(code)
    if page:
        return page
    event, room_code, _ = found
    url = urls.join_url(event.code) + (f"?k={room_code}" if event.join_rotate else "")
    from .main import qr_for

    img = qr_for(url).make_image(image_factory=qrcode.image.svg.SvgPathFillImage)
    return Response(
        img.to_string(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"}
    )
