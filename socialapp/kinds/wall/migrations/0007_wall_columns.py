"""wall: columns (a note's column, an index into the segment's `columns` setting)

Revision ID: 0007_wall_columns
Revises: 0002_wall

Notes stored before this migration have no column; walls without the `columns` setting are
plain walls, as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_wall_columns"
down_revision = "0002_wall"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("wall_note", sa.Column("column_no", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("wall_note") as batch_op:
        batch_op.drop_column("column_no")
