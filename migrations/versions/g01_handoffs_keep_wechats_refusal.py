"""handoffs keep WeChat's refusal of the bot's answer

Revision ID: g01
Revises: t006
Create Date: 2026-11-30 11:06:37.316564

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "g01"
down_revision = "t006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wechat_refusal", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.drop_column("wechat_refusal")
