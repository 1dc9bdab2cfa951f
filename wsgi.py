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

import errno  # noqa: E402
import logging  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402

from socialapp import address, create_app, gctune, msgqueue, sweeper  # noqa: E402
from socialapp.core import themes  # noqa: E402
from socialapp.web import assets  # noqa: E402


def listen(host, port, backlog):
    """The listening socket, or a clear exit if another server holds the port. eventlet's own
    listen() sets SO_REUSEPORT, so a second server on a busy port started silently and took
    half the connections; this socket shares with nobody."""
    family, kind, proto, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # restart despite TIME_WAIT
    try:
        sock.bind(addr)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            sys.exit(
                f"socialapp: port {port} on {host} is already in use: another server (maybe "
                "socialapp itself) is running there. Stop it, or pick another port with "
                "SOCIALAPP_PORT."
            )
        sys.exit(f"socialapp: cannot listen on {host}:{port}: {exc.strerror}.")
    sock.listen(backlog)  # a QR rush queues here (docs/deploy.md)
    return sock


def serve(app, sock):
    if ASYNC_MODE == "eventlet":
        import eventlet.wsgi

        # A socket timeout closes idle or half-sent connections instead of letting them hold
        # one of the MAX_CONNECTIONS slots for ever (0: no timeout).
        eventlet.wsgi.server(
            sock,
            app,
            max_size=app.config["MAX_CONNECTIONS"],
            socket_timeout=app.config["SOCKET_TIMEOUT"] or None,
            log_output=False,
            debug=False,  # no tracebacks sent to clients
        )
    elif ASYNC_MODE == "gevent":
        from gevent import pywsgi
        from geventwebsocket.handler import WebSocketHandler

        pywsgi.WSGIServer(sock, app, handler_class=WebSocketHandler, log=None).serve_forever()
    else:
        sys.exit(f"socialapp: wsgi.py serves with eventlet or gevent, not {ASYNC_MODE!r}.")


def main(argv):
    logging.basicConfig(format="%(levelname)s [%(name)s] %(message)s")
    app = create_app()
    for name in ("socketio.server", "engineio.server"):  # through the root handler, once
        logging.getLogger(name).handlers.clear()
    host, port = app.config["HOST"], app.config["PORT"]
    # Before anything is printed: a busy port is the first news.
    sock = listen(host, port, app.config["BACKLOG"])
    if not app.config["PUBLIC_URL"]:
        app.config["PUBLIC_URL"] = address.served_url(host, port)
    address.remember(app)
    if "--demo" in argv:
        from socialapp.cli import demo_event, event_links, print_links

        with app.app_context():
            print_links(event_links(demo_event()))
    assets.warm(app)  # static files compressed before the first phone asks (cached on disk)
    # The host's view of a wall names the best theme engine: its first import (numpy,
    # scikit-learn) and the model files' check took 0.3 s, paid mid-room by the first note.
    themes.default_engine()
    sweeper.start(app)
    gctune.tune(app.config["GC_THRESHOLDS"])  # last: what was loaded until now is frozen
    queue = app.config["MESSAGE_QUEUE"]
    print(
        f"Serving on {host}:{port} ({ASYNC_MODE}); public URL {app.config['PUBLIC_URL']}"
        + (
            f"; message queue {msgqueue.safe(queue)} channel {app.config['MESSAGE_QUEUE_CHANNEL']}"
            if queue
            else ""
        ),
        flush=True,
    )
    serve(app, sock)


if __name__ == "__main__":
    main(sys.argv[1:])
