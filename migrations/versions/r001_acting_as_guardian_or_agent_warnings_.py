"""acting as guardian or agent; warnings acknowledged

Revision ID: r001
Revises: w001
Create Date: 2026-11-30 07:28:12.640881

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "r001"
down_revision = "w001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("warnings_acknowledged", sa.Text(), nullable=True))

    with op.batch_alter_table("representations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "acting_as",
                sa.Enum("self", "guardian", "agent", name="actingas", native_enum=False, length=32),
                server_default="agent",
                nullable=False,
            )
        )
    # Until now everyone but the insured person gave a power of attorney, as an agent does.
    op.execute("UPDATE representations SET acting_as = 'self' WHERE relation = 'self'")


def downgrade():
    with op.batch_alter_table("representations", schema=None) as batch_op:
        batch_op.drop_column("acting_as")

    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("warnings_acknowledged")
