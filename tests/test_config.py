"""Configuration: defaults, instance config, SOCIALAPP_* variables; the secret key is kept."""

from socialapp import create_app


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIALAPP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("SOCIALAPP_SECRET_KEY", raising=False)
    a = create_app()
    b = create_app()
    assert a.config["SECRET_KEY"] == b.config["SECRET_KEY"]
    assert len(a.config["SECRET_KEY"]) >= 32
    assert (tmp_path / "secret_key").exists()
    assert a.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'socialapp.sqlite'}"


def test_environment_overrides_instance_config(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIALAPP_INSTANCE_PATH", str(tmp_path))
    (tmp_path / "config.py").write_text("PORT = 6000\nPUBLIC_URL = 'http://from-file'\n")
    monkeypatch.setenv("SOCIALAPP_PUBLIC_URL", "https://social.example")
    monkeypatch.setenv("SOCIALAPP_SECRET_KEY", "s3cret")
    monkeypatch.setenv("SOCIALAPP_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    app = create_app()
    assert app.config["PORT"] == 6000
    assert app.config["PUBLIC_URL"] == "https://social.example"
    assert app.config["SECRET_KEY"] == "s3cret"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert (tmp_path / "other.db").exists()
    assert app.config["ASYNC_MODE"] == "eventlet"
    assert app.config["MAX_CONNECTIONS"] > 1024


def test_migrations_keep_existing_data(tmp_path, monkeypatch):
    """A restart (migrations run again on start) never wipes a host's events."""
    monkeypatch.setenv("SOCIALAPP_INSTANCE_PATH", str(tmp_path))
    from socialapp.events import create_event, find_event

    app = create_app()
    with app.app_context():
        code = create_event("Keep me").code
    app2 = create_app()
    with app2.app_context():
        assert find_event(code).name == "Keep me"


def test_migrations_match_the_models(app):
    """A model change without its migration would break a host's existing database."""
    from tests.upgrade_db import schema_differences

    with app.app_context():
        assert schema_differences() == []


def test_the_deploy_recipe_quotes_the_nginx_file_the_tests_run():
    """docs/deploy.md quotes deploy/nginx-socialapp.conf (tests/test_deploy.py runs the file)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    conf = (root / "deploy" / "nginx-socialapp.conf").read_text().splitlines()
    doc = (root / "docs" / "deploy.md").read_text()
    quoted = [
        line
        for block in re.findall(r"```nginx\n(.*?)```", doc, re.S)
        for line in block.splitlines()
    ]
    assert len(quoted) > 20
    assert [line for line in quoted if line not in conf] == []
