"""chat binding tries counted in one row per chat user

Revision ID: t002
Revises: t001
Create Date: 2026-11-30 07:49:44.212069

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "t002"
down_revision = "t001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "chat_binding_tries",
        sa.Column("sender_id", sa.String(length=64), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sender_id"),
    )
    # Wrong codes counted until now are forgotten: at worst a chat user gets five more tries.
    with op.batch_alter_table("chat_binding_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_binding_failures_sender_id"))
    op.drop_table("chat_binding_failures")


def downgrade():
    op.create_table(
        "chat_binding_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("chat_binding_failures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_chat_binding_failures_sender_id"), ["sender_id"], unique=False
        )
    op.drop_table("chat_binding_tries")
