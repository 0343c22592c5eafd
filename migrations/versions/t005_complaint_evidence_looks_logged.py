"""complaint evidence looks logged

Revision ID: t005
Revises: t004
Create Date: 2026-11-30 11:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "t005"
down_revision = "t004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("complaint_id", sa.Integer(), nullable=True))
        batch_op.alter_column("insured_person_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f("ix_access_log_complaint_id"), ["complaint_id"])
        batch_op.create_foreign_key(
            "fk_access_log_complaint_id",
            "complaints",
            ["complaint_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_constraint(
            "fk_access_log_complaint_id", type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_access_log_complaint_id"))
        batch_op.alter_column("insured_person_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("complaint_id")
