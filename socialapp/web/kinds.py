"""What the app takes from each kind's package: its static files (served under /kinds/<kind>/,
linked from every page by kind_assets), and its own blueprints and routes if it has any."""

from flask import Blueprint, url_for

from ..kinds import KINDS, folder_of


def static_folder(k):
    folder = folder_of(k) / "static"
    return folder if folder.is_dir() else None


def init_app(app):
    for name, k in KINDS.items():
        if folder := static_folder(k):
            app.register_blueprint(
                Blueprint(
                    f"kind_{name}",
                    k.__name__,
                    static_folder=str(folder),
                    static_url_path=f"/kinds/{name}",
                )
            )
        for bp in k.blueprints() if hasattr(k, "blueprints") else ():
            app.register_blueprint(bp)
    app.jinja_env.globals["kind_assets"] = kind_assets


def kind_assets(ext):
    """URLs of every kind's .js (or .css) files, kinds in their ORDER, files by name."""
    urls = []
    for name, k in KINDS.items():
        folder = static_folder(k)
        for path in sorted(folder.glob(f"*.{ext}")) if folder else ():
            urls.append(url_for(f"kind_{name}.static", filename=path.name))
    return urls
