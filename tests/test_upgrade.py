"""Every upgrade path keeps every row: a database at each earlier set of migration heads, with
rows in every table (tests/upgrade_data.py), upgraded the way the app does on start, on SQLite
and PostgreSQL. An upgrade stopped half-way recovers; a SQLite file is backed up first."""

import logging
import os
import shutil
import signal
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import flask_migrate
import pytest
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from socialapp import create_app
from socialapp.events import create_event, find_event, join
from socialapp.extensions import db
from tests.conftest import ROOT
from tests.upgrade_data import ROWS
from tests.upgrade_db import (
    LATEST,
    MIGRATIONS,
    REVISIONS,
    SCRIPT,
    STATES,
    ancestors,
    build,
    columns,
    connect,
    fill,
    heads_of,
    lost,
    rows,
    schema_differences,
    versions,
)

PG = "postgresql://postgres@127.0.0.1:5432/"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    """An empty database of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'socialapp.sqlite'}"
        return
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        admin = psycopg2.connect(PG + "test", connect_timeout=3)
    except Exception:
        pytest.skip("PostgreSQL is not running at 127.0.0.1:5432")
    admin.autocommit = True
    name = "socialapp_upgrade_" + uuid.uuid4().hex[:10]
    admin.cursor().execute(f"CREATE DATABASE {name}")
    yield PG + name
    admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


def start_app(url, instance, monkeypatch, **config):
    """create_app as on a host's start: it applies pending migrations (unless told not to)."""
    monkeypatch.setenv("SOCIALAPP_INSTANCE_PATH", str(instance))
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "test",
            "ASYNC_MODE": "threading",
            **config,
        }
    )
    with app.app_context():
        db.engine.dispose()
    return app


def backups(instance):
    folder = Path(instance) / "backups"
    return sorted(folder.iterdir()) if folder.exists() else []


@contextmanager
def database_log():
    """Records of socialapp.database (alembic's fileConfig replaces the root's handlers)."""
    records, handler = [], logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("socialapp")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


# ---------- every upgrade path ----------


@pytest.mark.parametrize("state", STATES, ids=lambda s: "+".join(heads_of(s)))
def test_an_upgrade_from_here_keeps_every_row(state, url, tmp_path, monkeypatch):
    build(url, state)
    fill(url, state)
    before = rows(url)
    empty = [name for name, found in before.items() if not found]
    assert not empty, f"tests/upgrade_data.py declares no rows for {empty}"

    app = start_app(url, tmp_path / "instance", monkeypatch)

    assert lost(before, rows(url)) == {}
    assert versions(url) == set(SCRIPT.get_heads())
    made = backups(tmp_path / "instance")
    if url.startswith("sqlite") and state != LATEST:
        assert len(made) == 1 and rows(f"sqlite:///{made[0]}") == before
    else:
        assert made == []
    with app.test_request_context():
        assert schema_differences() == []  # the same schema as a fresh install
        old = find_event("QK7RZ4")
        assert old.name == "ICLR Social" and len(old.segments) == 5
        join(create_event("After the upgrade"), "Grace", cid="j-after")  # new ids follow
        db.session.commit()
        db.engine.dispose()


@pytest.mark.parametrize("revision", REVISIONS)
def test_each_migration_declares_rows_for_what_it_adds(revision, tmp_path):
    """So the test above covers a new migration by its rows alone, and nobody forgets them."""
    url = f"sqlite:///{tmp_path / 'socialapp.sqlite'}"
    below = ancestors(revision)
    build(url, below)
    before = columns(url)
    build(url, below | {revision})
    added = {t: cols - before.get(t, set()) for t, cols in columns(url).items()}
    added = {t: cols for t, cols in added.items() if cols}
    assert revision in ROWS, (
        f"declare rows for {revision} in tests/upgrade_data.py: it adds {added}"
    )
    for table, cols in added.items():
        declared_rows = ROWS[revision].get(table, [])
        unset = {c for c in cols if all(r.get(c) is None for r in declared_rows)}
        assert declared_rows and not unset, (
            f"{revision} adds {table}.{sorted(cols)}: declare rows setting {sorted(unset)} in "
            "tests/upgrade_data.py"
        )


def test_rows_are_declared_for_real_migrations_only():
    assert set(ROWS) - set(REVISIONS) == set()


def test_a_database_made_before_host_seen_gets_the_column(tmp_path, monkeypatch):
    """Commit 1f2eff7 shipped 0002_icebreaker without icebreaker_state.host_seen (added to the
    same migration later): such a database gets the column from 0005, and keeps its rows."""
    early = frozenset({"0001_core", "0002_wall", "0002_icebreaker"})
    url = sqlite_at(early, tmp_path)
    run_sql(url, "ALTER TABLE icebreaker_state DROP COLUMN host_seen")
    before = rows(url)
    start_app(url, tmp_path / "instance", monkeypatch)
    after = rows(url)
    assert lost(before, after) == {}
    engine = connect(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT host_seen FROM icebreaker_state").all() == [("",)]
    engine.dispose()


# ---------- an upgrade stopped half-way, and an upgrade that fails ----------

HALF_DONE = frozenset({"0001_core", "0002_wall", "0002_icebreaker", "0002_open_mic"})


def sqlite_at(state, tmp_path):
    url = f"sqlite:///{tmp_path / 'socialapp.sqlite'}"
    build(url, state)
    fill(url, state)
    return url


def run_sql(url, *statements):
    engine = connect(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # to make the damage
        for s in statements:
            conn.exec_driver_sql(s)
    engine.dispose()


def interrupt_the_old_way(url):
    """What the upgrade did before the fix, for real: batch mode with foreign keys on and the
    driver's own transactions. The rows pointing at attendees make the drop fail half-way."""
    from alembic.operations import Operations
    from sqlalchemy import Column, String
    from sqlalchemy.exc import IntegrityError

    engine = connect(url)
    with engine.connect() as conn, pytest.raises(IntegrityError):
        ops = Operations(MigrationContext.configure(conn))
        with ops.batch_alter_table("attendee") as batch:
            batch.add_column(Column("join_cid", String(64)))  # what 0003_join_cid does
            batch.create_unique_constraint("uq_attendee_join_cid", ["event_id", "join_cid"])
    engine.dispose()


@pytest.mark.parametrize("leftover", ["left by the old upgrade", "a copy of some rows"])
def test_an_upgrade_stopped_half_way_recovers(leftover, tmp_path, monkeypatch):
    url = sqlite_at(HALF_DONE, tmp_path)
    before = rows(url)
    if leftover == "left by the old upgrade":
        interrupt_the_old_way(url)
    else:
        run_sql(url, f"{COPY} WHERE id % 2 = 0")
    assert "_alembic_tmp_attendee" in columns(url)

    with database_log() as log:
        start_app(url, tmp_path / "instance", monkeypatch)

    assert "_alembic_tmp_attendee" not in columns(url)
    assert lost(before, rows(url)) == {}
    assert versions(url) == set(SCRIPT.get_heads())
    said = [r.getMessage() for r in log if r.levelno == logging.WARNING]
    assert any("_alembic_tmp_attendee" in m and "dropped it" in m for m in said), said
    (made,) = backups(tmp_path / "instance")  # taken before the leftover was dropped
    assert "_alembic_tmp_attendee" in columns(f"sqlite:///{made}")


COPY = "CREATE TABLE _alembic_tmp_attendee AS SELECT *, NULL AS join_cid FROM attendee"


@pytest.mark.parametrize(
    "damage",
    [
        ("attendee dropped", f"{COPY}", "DROP TABLE attendee"),
        (
            "a row only in the leftover",
            f"{COPY}",
            "INSERT INTO _alembic_tmp_attendee (id, event_id, token, name, name_no, "
            "created_at, last_seen) VALUES (99, 1, 't-nova', 'Nova', 1, 0, 0)",
        ),
    ],
    ids=lambda d: d[0],
)
def test_a_leftover_holding_rows_the_table_lacks_stops_the_start_and_changes_nothing(
    damage, tmp_path, monkeypatch, capsys
):
    url = sqlite_at(HALF_DONE, tmp_path)
    run_sql(url, *damage[1:])
    before = rows(url)

    with pytest.raises(SystemExit):
        start_app(url, tmp_path / "instance", monkeypatch)

    assert "An earlier upgrade stopped half-way" in capsys.readouterr().err
    assert rows(url) == before
    assert backups(tmp_path / "instance") == []  # nothing to undo: older backups stay
    assert versions(url) == set(heads_of(HALF_DONE))


BROKEN = """
import os, signal
import sqlalchemy as sa
from alembic import op

revision = "9999_broken"
down_revision = {heads!r}
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("wall_note") as batch:
        batch.add_column(sa.Column("pinned", sa.Boolean(), nullable=True))
    op.create_table("wall_pin", sa.Column("id", sa.Integer(), primary_key=True))
    how = os.environ.get("HOW_IT_BREAKS")
    if how == "kill -9":
        os.kill(os.getpid(), signal.SIGKILL)
    if how == "an orphan":
        op.execute("DELETE FROM attendee WHERE id = 1")  # notes and votes still point at it
        return
    raise ValueError("power cut half-way through an upgrade")
"""

UPGRADE_IN_A_PROCESS = """
import sys, flask_migrate
from socialapp import create_app
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "AUTO_MIGRATE": False,
                  "SECRET_KEY": "x", "ASYNC_MODE": "threading"})
with app.app_context():
    flask_migrate.upgrade(directory=sys.argv[2], revision="heads")
"""


def with_a_broken_migration(tmp_path):
    """The real migrations plus one after them all that breaks half-way (see BROKEN)."""
    broken = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, broken, ignore=shutil.ignore_patterns("__pycache__"))
    heads = tuple(SCRIPT.get_heads())
    (broken / "versions" / "9999_broken.py").write_text(BROKEN.format(heads=heads))
    return broken


def upgrade_in_app(url, directory, tmp_path, monkeypatch):
    app = start_app(url, tmp_path / "instance", monkeypatch, AUTO_MIGRATE=False)
    try:
        with app.app_context():
            flask_migrate.upgrade(directory=str(directory), revision="heads")
    finally:
        with app.app_context():
            db.engine.dispose()


@pytest.mark.parametrize("how", ["error", "kill -9"])
def test_an_upgrade_that_fails_part_way_changes_nothing(how, url, tmp_path, monkeypatch):
    """Several migrations pending and the last one fails: the ones before it are not kept
    either (one transaction), so the next start runs them all again on intact data."""
    state = frozenset({"0001_core", "0002_wall"})
    build(url, state)
    fill(url, state)
    before = rows(url)
    broken = with_a_broken_migration(tmp_path)

    if how == "error":
        for _ in range(2):  # a host restarting again and again
            with pytest.raises(ValueError, match="power cut"):
                upgrade_in_app(url, broken, tmp_path, monkeypatch)
        # The same database is not backed up twice: older backups are not pushed out.
        assert len(backups(tmp_path / "instance")) == (1 if url.startswith("sqlite") else 0)
    else:
        env = {**os.environ, "HOW_IT_BREAKS": how, "SOCIALAPP_INSTANCE_PATH": str(tmp_path)}
        done = subprocess.run(
            [sys.executable, "-c", UPGRADE_IN_A_PROCESS, url, str(broken)], cwd=ROOT, env=env
        )
        assert done.returncode == -signal.SIGKILL

    assert rows(url) == before
    assert versions(url) == {"0002_wall"}
    start_app(url, tmp_path / "instance", monkeypatch)  # the real migrations, intact data
    assert lost(before, rows(url)) == {}


def test_an_upgrade_that_leaves_rows_pointing_nowhere_is_not_committed(
    tmp_path, monkeypatch, capsys
):
    """Foreign keys are off on SQLite while migrations run: they are checked before the commit."""
    url = sqlite_at(frozenset({"0001_core", "0002_wall"}), tmp_path)
    before = rows(url)
    monkeypatch.setenv("HOW_IT_BREAKS", "an orphan")

    with pytest.raises(SystemExit):
        upgrade_in_app(url, with_a_broken_migration(tmp_path), tmp_path, monkeypatch)

    assert "rows pointing at rows that do not exist" in capsys.readouterr().err
    assert rows(url) == before


# ---------- backups ----------


def test_backups_keep_the_last_five_and_say_where(tmp_path, monkeypatch):
    url = sqlite_at(frozenset({"0001_core"}), tmp_path)
    folder = tmp_path / "instance" / "backups"
    folder.mkdir(parents=True)
    old = [folder / f"socialapp-2025110{d}-120000-000000.sqlite" for d in range(1, 8)]
    for p in old:
        p.write_bytes(b"an older backup")
    mine = folder / "socialapp-before-my-experiment.sqlite"
    mine.write_bytes(b"the host's own file")

    with database_log() as log:
        start_app(url, tmp_path / "instance", monkeypatch)

    kept = backups(tmp_path / "instance")
    (new,) = set(kept) - set(old) - {mine}
    assert set(kept) == set(old[-4:]) | {new, mine}
    said = [r.getMessage() for r in log if "Backed up" in r.getMessage()]
    assert len(said) == 1 and str(new) in said[0] and "0002_wall" in said[0]


def test_no_backup_of_a_fresh_an_up_to_date_or_an_in_memory_database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'socialapp.sqlite'}"
    start_app(url, tmp_path / "instance", monkeypatch)  # fresh: created at the newest
    start_app(url, tmp_path / "instance", monkeypatch)  # nothing to migrate
    start_app("sqlite://", tmp_path / "instance", monkeypatch)
    assert backups(tmp_path / "instance") == []


def test_foreign_keys_are_on_again_after_migrating(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIALAPP_INSTANCE_PATH", str(tmp_path))
    # In memory: one connection (StaticPool), the one the migrations ran on.
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "ASYNC_MODE": "threading"})
    with app.app_context():
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
