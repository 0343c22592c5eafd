"""Extensions are created here and bound to an app in create_app()."""

import sqlite3

from flask_babel import Babel
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase


class Model(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Model)
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
htmx = HTMX()
# Limits are set per route; storage is memory:// by default and Redis by configuration
# (RATELIMIT_STORAGE_URI), so several processes can share one count.
limiter = Limiter(key_func=get_remote_address)
# Flask-Talisman keeps its settings on the instance, so each app gets its own (http_headers).


@event.listens_for(Engine, "connect")
def _sqlite_for_many_requests(connection: object, _record: object) -> None:
    """The embedded default serves the portal, its job consumer and the WeChat webhook at once:
    write-ahead logging lets pages read while a request commits, and commits wait for each
    other instead of failing with "database is locked"."""
    if not isinstance(connection, sqlite3.Connection):
        return
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # an in-memory database keeps "memory"
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
