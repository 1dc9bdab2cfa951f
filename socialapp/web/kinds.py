"""What the app takes from each kind's package: its static files (served under /kinds/<kind>/,
fingerprinted and compressed by web/assets.py), its templates, and its own blueprints if it
has any."""

from flask import Blueprint

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
