"""handoffs keep the conversation's region

Revision ID: g03
Revises: g02
Create Date: 2026-11-30 15:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "g03"
down_revision = "g02"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("region", sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.drop_column("region")
