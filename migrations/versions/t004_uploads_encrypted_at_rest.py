"""uploads encrypted at rest

Revision ID: t004
Revises: t003
Create Date: 2026-11-30 09:10:00.000000

"""

from alembic import op
import sqlalchemy as sa
from flask import current_app


# revision identifiers, used by Alembic.
revision = "t004"
down_revision = "t003"
branch_labels = None
depends_on = None

uploads = sa.table("uploads", sa.column("id", sa.Integer), sa.column("content", sa.LargeBinary))


def _rewrite(change):
    """Each stored file through `change`, one at a time (files are up to 10 MB)."""
    bind = op.get_bind()
    ids = bind.execute(sa.select(uploads.c.id).where(uploads.c.content.is_not(None))).scalars()
    for upload_id in list(ids):
        content = bind.execute(
            sa.select(uploads.c.content).where(uploads.c.id == upload_id)
        ).scalar_one()
        bind.execute(
            sa.update(uploads)
            .where(uploads.c.id == upload_id)
            .values(content=change(bytes(content)))
        )


def upgrade():
    # With the app's own key (DATA_KEY, or instance/data.key in development).
    _rewrite(current_app.extensions["changhu_cipher"].encrypt_file)


def downgrade():
    _rewrite(current_app.extensions["changhu_cipher"].decrypt_file)
