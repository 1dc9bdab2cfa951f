"""Database setup: SQLite pragmas, and migrations applied on start so a host's data survives
upgrades."""

from flask_migrate import upgrade
from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_conn, record):
    # WAL lets readers go on while one writer commits; the busy timeout makes a second writer
    # wait for the lock instead of failing at once.
    if type(dbapi_conn).__module__.startswith("sqlite3"):
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()


def init_app(app):
    if app.config.get("AUTO_MIGRATE", True):
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory, revision="heads")
