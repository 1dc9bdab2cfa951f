"""Server entry point: `python wsgi.py [--demo]`.

The async library is patched before anything else is imported, as eventlet and gevent need.
"""

import os
import warnings

# Known: eventlet is in maintenance mode; SOCIALAPP_ASYNC_MODE=gevent is the way out.
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

ASYNC_MODE = os.environ.get("SOCIALAPP_ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    import eventlet

    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

import socket  # noqa: E402
import sys  # noqa: E402

from socialapp import create_app, sweeper  # noqa: E402
from socialapp.extensions import socketio  # noqa: E402


def lan_address():
    """The address a phone on the same Wi-Fi can reach (no packet is sent by connect())."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def main(argv):
    app = create_app()
    host, port = app.config["HOST"], app.config["PORT"]
    if not app.config["PUBLIC_URL"]:
        app.config["PUBLIC_URL"] = f"http://{lan_address()}:{port}"
    if "--demo" in argv:
        from socialapp.cli import demo_event, event_links, print_links

        with app.app_context():
            print_links(event_links(demo_event()))
    sweeper.start(app)
    print(
        f"Serving on {host}:{port} ({app.config['ASYNC_MODE']}); public URL "
        f"{app.config['PUBLIC_URL']}",
        flush=True,
    )
    kwargs = {"max_size": app.config["MAX_CONNECTIONS"]} if ASYNC_MODE == "eventlet" else {}
    socketio.run(app, host=host, port=port, use_reloader=False, log_output=False, **kwargs)


if __name__ == "__main__":
    main(sys.argv[1:])
