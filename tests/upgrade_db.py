"""A host's database at any earlier set of migration heads: built with alembic, filled with
the rows tests/upgrade_data.py declares, read back table by table (for tests/test_upgrade.py)."""

import warnings
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import to_tuple
from sqlalchemy import create_engine, inspect, text

import socialapp
import socialapp.extensions
from socialapp import database  # the app's SQLite pragmas (foreign keys on), version folders
from socialapp.config import cooperative_driver
from tests.upgrade_data import ROWS

MIGRATIONS = Path(socialapp.__file__).parent / "migrations"
SCRIPT = ScriptDirectory(
    str(MIGRATIONS), version_locations=database.version_locations(str(MIGRATIONS))
)
REVISIONS = [s.revision for s in reversed(list(SCRIPT.walk_revisions()))]  # base first
PARENTS = {
    s.revision: set(to_tuple(s.down_revision, default=()))
    | {SCRIPT.get_revision(d).revision for d in to_tuple(s.dependencies, default=())}
    for s in SCRIPT.walk_revisions()
}


def connect(url):
    return create_engine(cooperative_driver(url))  # psycopg2, as the app uses


def heads_of(state):
    return sorted(r for r in state if not any(r in PARENTS[o] for o in state))


def released_states():
    """The sets of applied revisions a host can have. The app upgrades to every head as it
    starts, so a host's database holds exactly the migrations of the version it last ran.
    tests/upgrade_data.py declares ROWS in the order the migrations were released (a new
    migration appends its rows at the end), so each prefix of it is one earlier version. (Every
    combination the graph allows would double with each new kind's branch.)"""
    order = list(ROWS)
    states = []
    for i in range(1, len(order) + 1):
        state = frozenset(order[:i])
        unknown = state - set(REVISIONS)
        assert not unknown, f"tests/upgrade_data.py declares rows for no migration: {unknown}"
        early = [r for r in state if not PARENTS[r] <= state]
        assert not early, f"tests/upgrade_data.py: {early} come before what they revise"
        states.append(state)
    return states


STATES = released_states()
LATEST = frozenset(REVISIONS)


def build(url, state):
    """The schema a host has when exactly these revisions were applied (alembic alone: the
    app's start is what is under test, and loading the scripts once keeps this fast)."""
    engine = connect(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    for head in heads_of(state):
        with (
            engine.begin() as conn,
            EnvironmentContext(
                config,
                SCRIPT,
                fn=lambda current, _ctx, head=head: SCRIPT._upgrade_revs(head, current),
            ) as env,
        ):
            env.configure(connection=conn)
            env.run_migrations()
    engine.dispose()


def declared(state):
    for rev in REVISIONS:
        if rev in state:
            if rev not in ROWS:
                pytest.fail(f"No rows declared for {rev}: add them to tests/upgrade_data.py")
            yield from ROWS[rev].items()


def fill(url, state):
    """Insert the declared rows of these revisions; a reference to a table filled later
    (event -> live segment on PostgreSQL) is set once that table is filled."""
    engine = connect(url)
    fks, keys = reflect(engine, "foreign_keys", "pk_constraint")
    with engine.begin() as conn:
        filled, later = set(), []
        for name, rows in declared(state):
            ahead = {
                col
                for fk in fks[name]
                if fk["referred_table"] not in filled | {name}
                for col in fk["constrained_columns"]
            }
            for row in rows:
                now = {k: v for k, v in row.items() if k not in ahead}
                names, values = ", ".join(f'"{k}"' for k in now), ", ".join(f":{k}" for k in now)
                conn.execute(text(f'INSERT INTO "{name}" ({names}) VALUES ({values})'), now)
                later += [(name, row, c) for c in ahead if row.get(c) is not None]
            filled.add(name)
        for name, row, column in later:
            key = keys[name]["constrained_columns"]
            where = " AND ".join(f'"{k}" = :{k}' for k in key)
            conn.execute(text(f'UPDATE "{name}" SET "{column}" = :{column} WHERE {where}'), row)
        if engine.dialect.name == "postgresql":
            advance_sequences(conn, keys, filled)
    engine.dispose()


def advance_sequences(conn, keys, tables):
    # The rows came with their ids: the next id the app takes must come after them.
    for name in tables:
        if keys[name]["constrained_columns"] == ["id"]:
            conn.execute(
                text(
                    "SELECT setval(s::regclass, m) FROM (SELECT pg_get_serial_sequence(:t, 'id')"
                    f' AS s, max(id) AS m FROM "{name}") x WHERE s IS NOT NULL AND m IS NOT NULL'
                ),
                {"t": name},
            )


def rows(url):
    """{table: {primary key: {column: value}}} for every table but alembic's own."""
    engine = connect(url)
    (keys,) = reflect(engine, "pk_constraint")
    out = {}
    with engine.connect() as conn:
        for name in sorted(keys):
            if name == "alembic_version":
                continue
            found = conn.execute(text(f'SELECT * FROM "{name}"')).mappings().all()
            key = keys[name]["constrained_columns"] or sorted(found[0] if found else [])
            out[name] = {tuple(r[k] for k in key): dict(r) for r in found}
    engine.dispose()
    return out


def reflect(engine, *what):
    """{table: ...} per kind, each in one query (table by table is slow on PostgreSQL)."""
    insp = inspect(engine)
    return [{table: v for (_, table), v in getattr(insp, f"get_multi_{w}")().items()} for w in what]


def lost(before, after):
    """What the upgrade lost: tables, rows, or values of columns that existed before."""
    missing = {}
    for name, old in before.items():
        new = after.get(name, {})
        for key, row in old.items():
            changed = {c: v for c, v in row.items() if new.get(key, {}).get(c, object()) != v}
            if changed:
                missing.setdefault(name, {})[key] = changed
    return missing


def versions(url):
    engine = connect(url)
    with engine.connect() as conn:
        found = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
    engine.dispose()
    return found


def ancestors(revision):
    found, todo = set(), list(PARENTS[revision])
    while todo:
        r = todo.pop()
        if r not in found:
            found.add(r)
            todo += PARENTS[r]
    return frozenset(found)


def columns(url):
    engine = connect(url)
    insp = inspect(engine)
    out = {t: {c["name"] for c in insp.get_columns(t)} for t in insp.get_table_names()}
    engine.dispose()
    out.pop("alembic_version", None)
    return out


def schema_differences():
    """What the app's database lacks or holds beyond its models, as alembic compares them."""
    with socialapp.extensions.db.engine.connect() as conn, warnings.catch_warnings():
        # Reflection skips indexes on an expression (it says so): they are checked by name.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        diff = compare_metadata(MigrationContext.configure(conn), socialapp.extensions.db.metadata)
        missing = EXPRESSION_INDEXES - index_names(conn)
    # SQLite cannot add the event -> live segment key after the fact (see 0001_core).
    diff = [d for d in diff if not (d[0] == "add_fk" and d[1].name == "fk_event_live_segment")]
    return diff + [("missing index", name) for name in sorted(missing)]


EXPRESSION_INDEXES = {"ix_attendee_event_lname"}


def index_names(conn):
    if conn.dialect.name == "sqlite":
        found = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
    else:
        found = conn.execute(text("SELECT indexname FROM pg_indexes"))
    return set(found.scalars())
