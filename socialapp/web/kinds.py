"""What the app takes from each kind's package: its static files (served under /kinds/<kind>/,
linked from every page by kind_assets), its templates, and its own blueprints if it has any."""

import functools

from flask import Blueprint, url_for

from ..kinds import KINDS, folder_of


def static_folder(k):
    folder = folder_of(k) / "static"
    return folder if folder.is_dir() else None


def init_app(app):
    """A blueprint per kind for its static/ and templates/ folders (templates named
    "<kind>/page.html" so kinds never shadow each other), then the kind's own blueprints."""
    for name, k in KINDS.items():
        folder = static_folder(k)
        templates = folder_of(k) / "templates"
        app.register_blueprint(
            Blueprint(
                f"kind_{name}",
                k.__name__,
                static_folder=str(folder) if folder else None,
                static_url_path=f"/kinds/{name}" if folder else None,
                template_folder=str(templates) if templates.is_dir() else None,
            )
        )
        for bp in k.blueprints() if hasattr(k, "blueprints") else ():
            app.register_blueprint(bp)
    app.jinja_env.globals["kind_assets"] = kind_assets


def kind_assets(ext):
    """URLs of every kind's .js (or .css) files, kinds in their ORDER, files by name."""
    return [
        url_for(f"kind_{name}.static", filename=file)
        for name, k in KINDS.items()
        for file in _files(folder_of(k), ext)
    ]


@functools.cache
def _files(package_folder, ext):
    """A kind's static files of one type, looked for once per process: every page links
    them, and a QR rush must not list folders 1,000 times (a new file needs a restart, as
    a new kind does)."""
    folder = package_folder / "static"
    return tuple(sorted(p.name for p in folder.glob(f"*.{ext}"))) if folder.is_dir() else ()
