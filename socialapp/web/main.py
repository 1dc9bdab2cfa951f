"""The front page (create an event), health check, QR codes and the printable poster."""

import io
import logging

import qrcode
import qrcode.image.svg
from flask import Blueprint, Response, redirect, render_template, url_for

from .. import msgqueue, template_files, urls
from ..errors import CommandError
from ..events import create_event
from ..forms import CreateEventForm
from .common import client_address, event_or_page, wait_for

bp = Blueprint("main", __name__)
log = logging.getLogger(__name__)


@bp.route("/", methods=["GET", "POST"])
def index():
    form = CreateEventForm()
    form.template.choices = template_files.choices()
    if form.validate_on_submit():
        # Per address first, so one busy address cannot use up everyone's allowance.
        wait = wait_for("create_address", client_address()) or wait_for("create_global", "")
        if wait:
            form.name.errors.append(
                f"Lots of events were created just now: try again in {minutes(wait)}."
            )
            return render_template("index.html", form=form), 429, {"Retry-After": str(int(wait))}
        try:
            event = create_event(form.name.data, form.template.data)
        except CommandError as exc:
            form.name.errors.append(exc.message)
        else:
            from ..auth import sign_in_host

            sign_in_host(event)
            return redirect(url_for("host.panel", code=event.code, created=1))
    return render_template("index.html", form=form)


def minutes(seconds):
    m = max(1, round(seconds / 60))
    return "a minute" if m == 1 else f"{m} minutes"


@bp.route("/healthz")
def healthz():
    """For a proxy or a monitor: 200 when this worker can reach its database and its message
    queue, 503 (and which one) when it cannot."""
    checks = {"db": database_status(), "queue": msgqueue.status()}
    ok = checks["db"] == "ok" and checks["queue"] != "down"
    return {"ok": ok} | checks, 200 if ok else 503


def database_status():
    from sqlalchemy import text

    from ..extensions import db

    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:
        log.error("the database is unreachable: %s", exc)
        db.session.rollback()
        return "down"
    return "ok"


def qr_for(url, box_size=10):
    qr = qrcode.QRCode(
        border=2, box_size=box_size, error_correction=qrcode.constants.ERROR_CORRECT_M
    )
    qr.add_data(url)
    return qr


@bp.route("/e/<code>/qr.svg")
def qr_svg(code):
    event, page = event_or_page(code)
    if page:
        return page
    qr = qr_for(urls.join_url(event.code))
    img = qr.make_image(image_factory=qrcode.image.svg.SvgPathFillImage)
    return Response(
        img.to_string(), mimetype="image/svg+xml", headers={"Cache-Control": "no-cache"}
    )


@bp.route("/e/<code>/qr.png")
def qr_png(code):
    event, page = event_or_page(code)
    if page:
        return page
    buf = io.BytesIO()
    qr_for(urls.join_url(event.code), 12).make_image().save(buf, format="PNG")
    return Response(buf.getvalue(), mimetype="image/png", headers={"Cache-Control": "no-cache"})


@bp.route("/e/<code>/poster")
def poster(code):
    event, page = event_or_page(code)
    if page:
        return page
    return render_template("poster.html", event=event, short_url=urls.short_url(event.code))
