"""hotline looks keep the caller's consent

Revision ID: g02
Revises: g01
Create Date: 2026-11-30 14:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "g02"
down_revision = "g01"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("caller_consent_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_access_log_caller_consent_id",
            "caller_consents",
            ["caller_consent_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_constraint("fk_access_log_caller_consent_id", type_="foreignkey")
        batch_op.drop_column("caller_consent_id")
