"""Static files as a phone on a crowded Wi-Fi should get them.

- Fingerprinted: every url_for() of a static file (the app's /static/ and each kind's
  /kinds/<kind>/) carries ?v=<content hash>, so a new release is a new URL.
- Cached for a year, immutable, when the URL's hash is the file's: a phone fetches core.js
  once per release. A URL without (or with an old) hash is answered with no-cache and an ETag.
- Compressed once per file (brotli 11 / gzip 9), not per request: kept in memory and, across
  restarts and workers, in a cache folder named by content hash (ASSET_CACHE, by default
  instance/asset-cache). Pages are compressed per request by web/compress.py.
- The phone loads a kind's files only when that kind is live: kind_manifest() lists them per
  kind for core.js (SA.kindOf loads them on demand); the host panel and the projector link all.

The files are listed and hashed once as the app starts (a new file needs a restart, as a new
kind does); a file missing from the list is served by Flask as before.
"""

import functools
import hashlib
import mimetypes
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import Response, current_app, request, url_for

from ..kinds import KINDS, folder_of
from . import compress

YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={YEAR}, immutable"
REVALIDATE = "no-cache"  # an unversioned URL: use it, but ask first (a 304 costs little)
KIND_FILES = ("js", "css")


@dataclass(frozen=True)
class Asset:
    path: Path
    digest: str  # the first 12 hex digits of the content's sha256
    mimetype: str
    size: int


def _scan(folder):
    """{relative name: Asset} for every file under folder."""
    found = {}
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        name = path.relative_to(folder).as_posix()
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        found[name] = Asset(path, hashlib.sha256(data).hexdigest()[:12], mimetype, len(data))
    return found


class Assets:
    """The static files of the app and of every kind, by endpoint and file name."""

    def __init__(self, folders):
        self.files = {endpoint: _scan(folder) for endpoint, folder in folders.items() if folder}

    def find(self, endpoint, filename):
        return self.files.get(endpoint, {}).get(filename)


def static_folders(app):
    """{endpoint: folder}: the app's static folder and each kind's."""
    folders = {"static": app.static_folder}
    for name, k in KINDS.items():
        folder = folder_of(k) / "static"
        if folder.is_dir():
            folders[f"kind_{name}.static"] = str(folder)
    return folders


def init_app(app):
    """Call after the kinds' blueprints are registered: their static endpoints exist then."""
    assets = app.extensions["assets"] = Assets(static_folders(app))
    for endpoint in assets.files:
        fallback = app.view_functions[endpoint]
        app.view_functions[endpoint] = _view(endpoint, fallback)
    app.url_defaults(_fingerprint)
    app.jinja_env.globals["kind_assets"] = kind_assets
    app.jinja_env.globals["kind_manifest"] = kind_manifest


def _fingerprint(endpoint, values):
    """url_for(<a static endpoint>, filename=...) gets ?v=<content hash>."""
    if "filename" not in values or "v" in values:
        return
    assets = current_app.extensions.get("assets")
    asset = assets and assets.find(endpoint, values["filename"])
    if asset:
        values["v"] = asset.digest


def _view(endpoint, fallback):
    def serve(filename):
        asset = current_app.extensions["assets"].find(endpoint, filename)
        return fallback(filename=filename) if asset is None else send(asset)

    return serve


def send(asset):
    """The file, in the best encoding the request accepts, with the cache rule of its URL."""
    compressible = asset.mimetype in compress.TEXT_TYPES and asset.size >= compress.MIN_BYTES
    encoding = compress.accepted() if compressible else None
    tag = asset.digest + (f"-{encoding}" if encoding else "")
    headers = {
        "Cache-Control": IMMUTABLE if request.args.get("v") == asset.digest else REVALIDATE,
        "ETag": f'"{tag}"',
    }
    if compressible:
        headers["Vary"] = "Accept-Encoding"
    if request.if_none_match.contains(tag):
        return Response(status=304, headers=headers)
    body = encoded(asset.path, asset.digest, encoding) if encoding else asset.path.read_bytes()
    if encoding:
        headers["Content-Encoding"] = encoding
    mimetype = asset.mimetype
    if mimetype.startswith("text/") or mimetype in ("application/javascript", "image/svg+xml"):
        mimetype += "; charset=utf-8"
    return Response(body, headers=headers, content_type=mimetype)


@functools.lru_cache(maxsize=256)
def encoded(path, digest, encoding):
    """A file compressed once per process (digest: a changed file is another entry), read
    from or written to the cache folder so a restart or another worker does not redo it."""
    folder = current_app.config.get("ASSET_CACHE")
    cached = Path(folder) / f"{digest}.{path.name}.{encoding}" if folder else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    data = compress.encode(path.read_bytes(), encoding, best=True)
    if cached is not None:
        _write(cached, data)
    return data


def _write(path, data):
    """Atomically (two workers may write the same file at once); a read-only folder only
    costs the next start the compression."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as fh:
            fh.write(data)
        os.replace(fh.name, path)
    except OSError:
        pass


def warm(app):
    """Compress every text file once, as the server starts (wsgi.py): the first phones of a
    QR rush then wait for nobody's compression."""
    with app.app_context():
        for files in app.extensions["assets"].files.values():
            for asset in files.values():
                if asset.mimetype in compress.TEXT_TYPES and asset.size >= compress.MIN_BYTES:
                    for encoding in compress.ENCODINGS:
                        encoded(asset.path, asset.digest, encoding)


def kind_files(name, ext):
    assets = current_app.extensions["assets"].files.get(f"kind_{name}.static", {})
    return [f for f in assets if f.endswith(f".{ext}") and "/" not in f]


def kind_assets(ext):
    """URLs of every kind's .js (or .css) files, kinds in their ORDER, files by name: the host
    panel and the projector show any kind at once."""
    return [
        url_for(f"kind_{name}.static", filename=file)
        for name in KINDS
        for file in kind_files(name, ext)
    ]


# A kind's file named "*.host.js" / "*.display.css" serves only that screen (the wall's board
# for hundreds of notes, its themes reveal): a phone never downloads it.
OTHER_SCREENS = (".host.", ".display.")


def kind_manifest():
    """{kind: {"js": [urls], "css": [urls]}}: what the phone loads when a kind goes live."""
    out = {}
    for name in KINDS:
        files = {
            ext: [f for f in kind_files(name, ext) if not any(m in f for m in OTHER_SCREENS)]
            for ext in KIND_FILES
        }
        if any(files.values()):
            out[name] = {
                ext: [url_for(f"kind_{name}.static", filename=f) for f in found]
                for ext, found in files.items()
            }
    return out
