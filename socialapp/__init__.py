"""socialapp: run live conference socials from a laptop, a projector and everyone's phone."""

import os
import warnings

from flask import Flask

from . import config


def create_app(test_config=None):
    # We know eventlet is in maintenance mode (see docs/deploy.md); gevent is one setting away.
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    instance = os.environ.get("SOCIALAPP_INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=os.path.abspath(instance) if instance else None,
    )
    os.makedirs(app.instance_path, exist_ok=True)
    config.load(app, test_config)
    from .web import compress

    compress.init_app(app)  # first, so that it runs after every other after_request hook

    from . import database, msgqueue, transport
    from .extensions import JsonPacket, csrf, db, migrate, socketio

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "migrations"))
    csrf.init_app(app)
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config["MESSAGE_QUEUE"] or None,
        channel=app.config["MESSAGE_QUEUE_CHANNEL"],
        max_http_buffer_size=app.config["MAX_MESSAGE_BYTES"],
        cors_allowed_origins=app.config.get("CORS_ORIGINS"),
        serializer=JsonPacket,
    )
    msgqueue.init_app(app, socketio.server)
    if app.config["DIRECT_WRITES"]:
        transport.install(socketio.server, app.config["ASYNC_MODE"])
    database.init_app(app)

    from . import cli, privacy, realtime, security, sweeper  # noqa: F401  (registers handlers)
    from .web import assets, attendee, display, errors, host, kinds, main, people, report, series

    for bp in (main.bp, attendee.bp, host.bp, display.bp, people.bp, report.bp, series.bp):
        app.register_blueprint(bp)
    kinds.init_app(app)
    assets.init_app(app)  # fingerprints, compression and cache rules of the static files
    errors.init_app(app)
    security.init_app(app)
    realtime.init_app(app)
    cli.init_app(app)
    sweeper.init_app(app)
    app.jinja_env.globals["kept_until"] = privacy.kept_until  # the after-event page says it
    app.jinja_env.globals["retention_choice"] = privacy.retention.host_choice  # the host's
    return app
