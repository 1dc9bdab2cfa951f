"""Database setup: SQLite pragmas, and migrations applied on start so a host's data survives
upgrades: on SQLite a backup first, then every pending migration in one transaction with
foreign keys off."""

import filecmp
import logging
import os
import re
import sqlite3
from collections import Counter
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic.script.revision import RevisionError
from flask_migrate import upgrade
from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine

from .extensions import migrate

log = logging.getLogger(__name__)

# Alembic's batch mode on SQLite builds the new table under this prefix, copies the rows, drops
# the old table and renames the new one.
BATCH_PREFIX = "_alembic_tmp_"
BACKUPS_KEPT = 5


class UpgradeRefused(RuntimeError):
    """The database is in a state no automatic step can repair without losing rows."""


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


def version_locations(script_location):
    """The core's versions folder (next to env.py) and every kind's migrations folder."""
    from .kinds import version_locations as of_kinds

    return [os.path.join(script_location, "versions"), *of_kinds()]


@migrate.configure
def _alembic_config(config):
    # One version location per kind (socialapp/kinds/<kind>/migrations); the core's folder is
    # the one next to the script location, so a copy of the migrations folder (tests) works.
    where = version_locations(config.get_main_option("script_location"))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(where))
    return config


def init_app(app):
    if app.config.get("AUTO_MIGRATE", True):
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory, revision="heads")


@contextmanager
def migration_connection(engine, script, backup_dir, keep=BACKUPS_KEPT):
    """The connection migrations run on (used by migrations/env.py).

    PostgreSQL runs DDL in a transaction: alembic's own transaction makes the upgrade atomic.
    SQLite needs more, see _sqlite_upgrade."""
    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            yield conn
            return
        with (
            _foreign_keys_off(conn),
            _one_transaction(conn),
            _sqlite_upgrade(conn, script, Path(backup_dir), keep),
        ):
            yield conn


@contextmanager
def _sqlite_upgrade(conn, script, backup_dir, keep):
    """Back the file up, clear what an interrupted batch left, migrate, and refuse to commit
    an upgrade that broke a reference."""
    pending = pending_revisions(conn, script)
    leftovers = [t for t in inspect(conn).get_table_names() if t.startswith(BATCH_PREFIX)]
    check_leftovers(conn, leftovers, backup_dir)  # before the backup: a refusal changes nothing
    if pending or leftovers:
        backup(conn, backup_dir, keep, pending)
    drop_leftovers(conn, leftovers)
    if not pending:
        yield
        return
    before = _broken_references(conn)
    yield
    new = _broken_references(conn) - before
    if new:
        where = ", ".join(f"{n} in {t} -> {p}" for (t, p), n in sorted(new.items()))
        raise UpgradeRefused(
            f"The upgrade would leave rows pointing at rows that do not exist ({where}); "
            "nothing was changed."
        )


@contextmanager
def _foreign_keys_off(conn):
    # Batch mode drops the old table: with foreign keys on, SQLite deletes every row that
    # cascades from it (a kind's rows keyed to a segment) or refuses half-way (rows that
    # reference it with no cascade).
    # The pragma is a no-op inside a transaction, so it is set before ours begins.
    conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
    conn.commit()
    if conn.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise UpgradeRefused("Could not turn SQLite's foreign keys off for the upgrade.")
    try:
        yield
    finally:
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        conn.commit()


@contextmanager
def _one_transaction(conn):
    # Python's sqlite3 commits each CREATE/DROP/ALTER on its own unless a DML statement opened
    # a transaction; that is how an interrupted batch left _alembic_tmp_* behind. Taking over
    # BEGIN makes the whole upgrade one transaction (SQLite's DDL is transactional), and
    # IMMEDIATE makes a second worker starting at the same moment wait, then find it done.
    raw = conn.connection.driver_connection
    level = raw.isolation_level
    raw.isolation_level = None
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
    finally:
        raw.isolation_level = level


def pending_revisions(conn, script):
    """Revisions an upgrade to heads would apply; none for a fresh database."""
    if "alembic_version" not in inspect(conn).get_table_names():
        return []
    current = tuple(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    if not current:
        return []
    try:
        applied = {s.revision for s in script.iterate_revisions(current, "base")}
    except RevisionError:
        return []  # a database newer than this code: alembic says so itself
    return [s.revision for s in script.walk_revisions() if s.revision not in applied]


def _broken_references(conn):
    # Counted per (table, referred table): a rebuilt table may renumber rows without a key.
    return Counter(
        (table, parent) for table, _, parent, _ in conn.exec_driver_sql("PRAGMA foreign_key_check")
    )


def backup(conn, backup_dir, keep, pending):
    """Copy the database file through SQLite's online backup API (a plain file copy of a WAL
    database can miss committed pages), keep the last few copies. None for a memory database."""
    source = conn.exec_driver_sql("PRAGMA database_list").all()[0][2]
    if not source:
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    stem = Path(source).stem
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = backup_dir / f"{stem}-{stamp}.sqlite"
    part = path.with_suffix(".part")
    # A connection of its own: this one holds the write lock, and SQLite's backup of a
    # connection that is writing never finishes. A reader sees what is about to be migrated.
    src, dst = sqlite3.connect(source, timeout=30), sqlite3.connect(part)
    try:
        with closing(src), closing(dst):
            src.backup(dst)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    newest = backups_of(backup_dir, stem)[-1:]
    if newest and filecmp.cmp(newest[0], part, shallow=False):
        # Unchanged since (an upgrade that keeps failing): older backups are not pushed out.
        part.unlink()
        log.info("The database %s is unchanged since its backup %s", source, newest[0])
        return newest[0]
    part.replace(path)
    pruned = prune_backups(backup_dir, stem, keep)
    log.info(
        "Backed up the database %s to %s before upgrading it (%s); the last %d backups are "
        "kept in %s%s",
        source,
        path,
        ", ".join(pending) or "clearing an interrupted upgrade",
        keep,
        backup_dir,
        f", removed {len(pruned)} older" if pruned else "",
    )
    return path


def backups_of(backup_dir, stem):
    pattern = re.compile(re.escape(stem) + r"-\d{8}-\d{6}-\d{6}\.sqlite")
    return sorted(p for p in Path(backup_dir).iterdir() if pattern.fullmatch(p.name))


def prune_backups(backup_dir, stem, keep):
    old = backups_of(backup_dir, stem)[: -max(keep, 1)]
    for p in old:
        p.unlink()
    return old


def check_leftovers(conn, leftovers, backup_dir):
    """An interrupted batch left _alembic_tmp_<table>: safe to drop only while <table> still
    holds every row of it (then the migration simply runs again)."""
    tables = set(inspect(conn).get_table_names())
    for tmp in leftovers:
        table = tmp[len(BATCH_PREFIX) :]
        if table not in tables:
            problem = f"{tmp} holds the rows of {table}, which is missing"
        elif only_in_tmp := _rows_missing_from(conn, tmp, table):
            problem = f"{tmp} holds {only_in_tmp} rows that {table} does not"
        else:
            continue
        raise UpgradeRefused(
            f"An earlier upgrade stopped half-way: {problem}. Nothing was changed; a copy "
            f"from before that upgrade may be in {backup_dir}."
        )


def drop_leftovers(conn, leftovers):
    for tmp in leftovers:
        table = tmp[len(BATCH_PREFIX) :]
        count = conn.exec_driver_sql(f'SELECT count(*) FROM "{tmp}"').scalar()
        conn.exec_driver_sql(f'DROP TABLE "{tmp}"')
        log.warning(
            "An earlier upgrade stopped half-way and left %s behind (%d rows, every one still "
            "in %s): dropped it, the upgrade runs again.",
            tmp,
            count,
            table,
        )


def _rows_missing_from(conn, tmp, table):
    """Rows of tmp whose primary key (or, without one, whose shared columns) table lacks."""
    key = inspect(conn).get_pk_constraint(table)["constrained_columns"]
    if not key:
        tmp_cols = {c["name"] for c in inspect(conn).get_columns(tmp)}
        key = [c["name"] for c in inspect(conn).get_columns(table) if c["name"] in tmp_cols]
    match = " AND ".join(f't."{c}" IS o."{c}"' for c in key)
    sql = f'SELECT count(*) FROM "{tmp}" t WHERE NOT EXISTS (SELECT 1 FROM "{table}" o WHERE '
    return conn.exec_driver_sql(sql + match + ")").scalar()
