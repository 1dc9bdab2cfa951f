"""Every row of every table, for tests that prove a refused action changed nothing."""

from sqlalchemy import inspect, select

from socialapp.extensions import db


class Snapshot(dict):
    def without(self, *tables):
        return Snapshot({k: v for k, v in self.items() if k not in tables})


def snapshot(ignore=()):
    db.session.rollback()  # see what is committed, not this session's cache
    out = Snapshot()
    existing = set(inspect(db.engine).get_table_names())
    for table in db.metadata.sorted_tables:
        if table.name in ignore or table.name not in existing:
            continue
        rows = db.session.execute(select(table)).all()
        out[table.name] = sorted(tuple(map(repr, r)) for r in rows)
    return out
