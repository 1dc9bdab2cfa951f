"""The host's list of attendees (for removing some): /e/<code>/host/people.json.

Read-only and host only; removing goes through the people.remove command like every change.
"""

from flask import Blueprint, abort, jsonify, request

from .. import auth, people
from .common import event_or_page

bp = Blueprint("people", __name__, url_prefix="/e/<code>/host")


def number(name):
    value = request.args.get(name, type=float)
    return value if value is not None and abs(value) < 1e11 else None


@bp.get("/people.json")
def listing(code):
    event, page = event_or_page(code)
    if page:
        abort(page[1])
    if not auth.is_host(event):
        abort(403)
    body = people.listing(event, request.args.get("q", ""), number("since"), number("until"))
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response


listing.host_only = True  # tests/test_roles.py tries every host-only route as everyone else
