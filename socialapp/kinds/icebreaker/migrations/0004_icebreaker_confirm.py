"""icebreaker: each side of a met pair confirms on its own that they met

Revision ID: 0004_icebreaker_confirm
Revises: 0002_icebreaker

Contact lines go only to people who both confirmed. Pairs stored before this migration were
never confirmed by anyone, so their contacts stay hidden until both sides confirm.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_icebreaker_confirm"
down_revision = "0002_icebreaker"
branch_labels = ("icebreaker_confirm",)
depends_on = None


def upgrade():
    op.add_column("icebreaker_pair", sa.Column("a_confirmed_at", sa.Double(), nullable=True))
    op.add_column("icebreaker_pair", sa.Column("b_confirmed_at", sa.Double(), nullable=True))


def downgrade():
    with op.batch_alter_table("icebreaker_pair") as batch_op:
        batch_op.drop_column("b_confirmed_at")
        batch_op.drop_column("a_confirmed_at")
