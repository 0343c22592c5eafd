"""Configuration classes, chosen by the CHANGHU_ENV environment variable."""

import os
from pathlib import Path
from typing import ClassVar

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"


def _sqlite_url(name: str) -> str:
    return f"sqlite:///{INSTANCE_DIR / name}"


class Base:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or _sqlite_url("changhu.sqlite")
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, object]] = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "zh"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "locales")
    LANGUAGES = ("zh", "ug")
    PREFERENCE_COOKIE_MAX_AGE = 365 * 24 * 3600
    # Static files carry a content hash in their name or query, so a year is safe.
    SEND_FILE_MAX_AGE_DEFAULT = 365 * 24 * 3600
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # a slow reader must not lose a form to an expired token
    SHOW_DEMO_CREDENTIALS = False
    HOTLINE = "12393"
    DATA_KEY = os.environ.get("DATA_KEY", "")


class Development(Base):
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    SHOW_DEMO_CREDENTIALS = True


class Test(Base):
    TESTING = True
    SECRET_KEY = "test-only-not-secret"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or "sqlite://"
    DATA_KEY = "test-only-data-key"


class Production(Base):
    SESSION_COOKIE_SECURE = True

    def __init__(self) -> None:
        if not self.SECRET_KEY or not self.DATA_KEY:
            raise RuntimeError("SECRET_KEY and DATA_KEY must be set in production")


CONFIGS: dict[str, type[Base]] = {
    "development": Development,
    "test": Test,
    "production": Production,
}


def config_from_env() -> Base:
    name = os.environ.get("CHANGHU_ENV", "development")
    return CONFIGS[name]()
