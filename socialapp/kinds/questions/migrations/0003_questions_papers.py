"""questions: paper suggestions (a link) and votes carried over from a series' last session

Revision ID: 0003_questions_papers
Revises: 0002_questions

Questions stored before this migration have no link and no carried votes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_questions_papers"
down_revision = "0002_questions"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("questions_question", sa.Column("link", sa.String(length=300), nullable=True))
    op.add_column(
        "questions_question",
        sa.Column("carried_votes", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade():
    op.drop_column("questions_question", "carried_votes")
    op.drop_column("questions_question", "link")
