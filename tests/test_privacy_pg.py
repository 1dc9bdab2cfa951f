"""The purge and self-removal on PostgreSQL, which checks every foreign key at once: the same
tests as tests/test_privacy.py, with the app on a database of its own."""

import pytest

from socialapp import create_app, ratelimit
from tests.test_privacy import (  # noqa: F401  (collected again here, on PostgreSQL)
    test_after_the_purge_no_table_holds_personal_data_and_the_report_reads_the_same,
    test_leaving_during_a_live_round_mends_the_group,
)
from tests.test_report import scripted  # noqa: F401  (a fixture)


@pytest.fixture
def app(pg_database, tmp_path):
    ratelimit.reset()
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": pg_database,
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "ASYNC_MODE": "threading",
            "PUBLIC_URL": "http://social.test",
        }
    )
    yield app
    with app.app_context():
        from socialapp.extensions import db

        db.session.remove()
        db.engine.dispose()
