"""Compression as a phone on a crowded Wi-Fi gets it: brotli when the browser takes it, else
gzip. Static files are compressed once per file (web/assets.py, best quality, kept on disk);
pages and other text answers are compressed per response at a fast level, since they change.

brotli (Google's library, the `brotli` package) saves 10 to 15 % over gzip on our scripts;
every current browser accepts it over HTTPS and on localhost. gzip stays the fallback."""

import gzip

import brotli
from flask import request

# Text answers worth compressing (binary formats are compressed already: PNG, zip, PDF).
TEXT_TYPES = {
    "text/html", "text/css", "text/plain", "text/markdown", "text/csv", "text/calendar",
    "text/vcard", "text/javascript", "application/javascript", "application/json",
    "image/svg+xml", "application/xml", "text/xml",
}  # fmt: skip
# Under this many bytes the encoding's own overhead eats most of the gain.
MIN_BYTES = 512
ENCODINGS = ("br", "gzip")
# Pages under this many bytes are compressed at brotli's fastest level.
SMALL_BYTES = 8192


def accepted():
    """The best encoding the request accepts ("br", "gzip") or None (q=0 refuses one)."""
    offered = request.accept_encodings
    best = max(ENCODINGS, key=lambda e: (offered[e], e == "br"))
    return best if offered[best] > 0 else None


def encode(data, encoding, best=False):
    """data compressed with encoding: best=True for files compressed once (slow, smallest),
    else a level that costs about a millisecond per page."""
    if encoding == "br":
        # A small page at quality 1: 6 times faster than 5 (2% of a QR rush's CPU on the
        # join page), and the 250 bytes it gives up on a 2.5 KB page still fit one packet.
        quality = 11 if best else (1 if len(data) < SMALL_BYTES else 5)
        return brotli.compress(data, quality=quality)
    return gzip.compress(data, compresslevel=9 if best else 6, mtime=0)


def add_vary(response):
    vary = {v.strip().lower() for v in response.headers.get("Vary", "").split(",") if v.strip()}
    if "accept-encoding" not in vary:
        response.headers.add("Vary", "Accept-Encoding")


def compress_response(response):
    """after_request: a text answer made by a view, compressed for this request. Pages are
    never cached (they carry the CSRF token and the live state changes under them)."""
    if response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    if (
        response.direct_passthrough  # files sent by send_file: static ones are precompressed
        or response.is_streamed
        or "Content-Encoding" in response.headers
        or response.status_code in (204, 206, 304)
        or response.mimetype not in TEXT_TYPES
    ):
        return response
    add_vary(response)
    data = response.get_data()
    if len(data) < MIN_BYTES:  # before parsing Accept-Encoding: a redirect is 200 bytes
        return response
    encoding = accepted()
    if encoding is None:
        return response
    response.set_data(encode(data, encoding))
    response.headers["Content-Encoding"] = encoding
    etag, weak = response.get_etag()
    if etag:  # another representation: a strong tag must differ
        response.set_etag(f"{etag}-{encoding}", weak)
    return response


def init_app(app):
    """Registered before every other after_request hook, so it runs last (Flask runs them in
    reverse order) and compresses the body the others left."""
    app.after_request(compress_response)
