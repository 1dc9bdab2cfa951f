"""The front page (create an event), health check, QR codes and the printable poster."""

import io

import qrcode
import qrcode.image.svg
from flask import Blueprint, Response, redirect, render_template, url_for

from .. import urls
from ..errors import CommandError
from ..events import create_event
from ..forms import CreateEventForm
from .common import event_or_page

bp = Blueprint("main", __name__)


@bp.route("/", methods=["GET", "POST"])
def index():
    form = CreateEventForm()
    if form.validate_on_submit():
        try:
            event = create_event(form.name.data, form.template.data)
        except CommandError as exc:
            form.name.errors.append(exc.message)
        else:
            from ..auth import sign_in_host

            sign_in_host(event)
            return redirect(url_for("host.panel", code=event.code, created=1))
    return render_template("index.html", form=form)


@bp.route("/healthz")
def healthz():
    from sqlalchemy import text

    from ..extensions import db

    db.session.execute(text("SELECT 1"))
    return {"ok": True}


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
