"""one unfinished self-assessment per account and person

Revision ID: t006
Revises: t005
Create Date: 2026-11-30 11:30:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "t006"
down_revision = "t005"
branch_labels = None
depends_on = None

# Unfinished ones made twice by racing starts (before this index): the newest is kept. An
# unfinished self-assessment is never attached to an application, so none is referred to.
OLDER_DUPLICATES = """
    DELETE FROM self_assessments WHERE completed_at IS NULL AND id IN (
        SELECT a.id FROM self_assessments a
        WHERE a.completed_at IS NULL AND EXISTS (
            SELECT 1 FROM self_assessments b
            WHERE b.completed_at IS NULL AND b.account_id = a.account_id
              AND b.insured_person_id = a.insured_person_id AND b.id > a.id))
"""


def upgrade():
    op.execute(OLDER_DUPLICATES)
    with op.batch_alter_table("self_assessments", schema=None) as batch_op:
        batch_op.create_index(
            "uq_self_assessments_one_unfinished",
            ["account_id", "insured_person_id"],
            unique=True,
            sqlite_where=sa.text("completed_at IS NULL"),
            postgresql_where=sa.text("completed_at IS NULL"),
        )


def downgrade():
    with op.batch_alter_table("self_assessments", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_self_assessments_one_unfinished",
            sqlite_where=sa.text("completed_at IS NULL"),
            postgresql_where=sa.text("completed_at IS NULL"),
        )
