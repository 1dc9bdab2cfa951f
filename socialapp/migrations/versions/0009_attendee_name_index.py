"""core: attendees found by event and lower-cased name (the join's same-name number)

Revision ID: 0009_attendee_name_index
Revises: 0008_content_version, 0003_join_cid

A join numbers same-name people ("Ada", "ada" -> Ada 2): it asks for the highest number given
to the lower-cased name in the event. Without an index on that expression the question read
every attendee of the event, so each join of a QR rush cost more than the one before (290 us
at 1,000 joined, on SQLite); with it, 35 us whatever the room's size. SQLite and PostgreSQL
both index an expression, and both combine this index with the join form id's (an OR of the
two) in events._CID_AND_NAME.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_attendee_name_index"
# Also after the join form id's column (a merge of the two branches): that migration rebuilds
# the attendee table on SQLite (batch mode), and a rebuild keeps no index on an expression
# (reflection skips them).
down_revision = ("0008_content_version", "0003_join_cid")
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_attendee_event_lname", "attendee", ["event_id", sa.text("lower(name)")])


def downgrade():
    op.drop_index("ix_attendee_event_lname", table_name="attendee")
