"""one draft per account and insured person

Revision ID: t001
Revises: n001
Create Date: 2026-11-30 07:22:44.069945

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "t001"
down_revision = "n001"
branch_labels = None
depends_on = None

# Drafts made twice by racing starts (before this index): the newest of each pair is kept.
OLDER_DUPLICATE_DRAFTS = """
    SELECT a.id FROM applications a
    WHERE a.status = 'draft' AND EXISTS (
        SELECT 1 FROM applications b
        WHERE b.status = 'draft' AND b.account_id = a.account_id
          AND b.insured_person_id = a.insured_person_id AND b.id > a.id)
"""


def upgrade():
    op.execute(
        f"DELETE FROM application_materials WHERE application_id IN ({OLDER_DUPLICATE_DRAFTS})"
    )
    op.execute(f"DELETE FROM applications WHERE id IN ({OLDER_DUPLICATE_DRAFTS})")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index(
            "uq_applications_one_draft",
            ["account_id", "insured_person_id"],
            unique=True,
            sqlite_where=sa.text("status = 'draft'"),
            postgresql_where=sa.text("status = 'draft'"),
        )


def downgrade():
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_applications_one_draft",
            sqlite_where=sa.text("status = 'draft'"),
            postgresql_where=sa.text("status = 'draft'"),
        )
