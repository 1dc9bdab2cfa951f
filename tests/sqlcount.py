"""Counting the SQL statements a piece of work sends: how a test says "a handful, however
big the room" (behaviour, not time)."""

from contextlib import contextmanager

from sqlalchemy import event

from socialapp.extensions import db


@contextmanager
def statements():
    """The SQL statements sent to the database inside the block, in order."""
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)
