"""Configuration classes, chosen by the CHANGHU_ENV environment variable."""

import os
from datetime import timedelta
from pathlib import Path
from typing import ClassVar

MIN_SECRET_BYTES = 32
PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"


def _sqlite_url(name: str) -> str:
    return f"sqlite:///{INSTANCE_DIR / name}"


def database_url(url: str | None) -> str | None:
    """`postgresql://…` as most platforms give it, driven by psycopg 3 (the driver installed)."""
    if url and url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class Base:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL")) or _sqlite_url(
        "changhu.sqlite"
    )
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, object]] = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "zh"
    # Dates shown from stored moments (submitted, pledged, bound) are China's dates.
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "locales")
    LANGUAGES = ("zh", "ug")
    PREFERENCE_COOKIE_MAX_AGE = 365 * 24 * 3600
    # Static files carry a content hash in their name or query, so a year is safe.
    SEND_FILE_MAX_AGE_DEFAULT = 365 * 24 * 3600
    SESSION_COOKIE_HTTPONLY = True
    # Served over TLS (by the proxy in front): browsers are told to use https only (HSTS) and
    # the session cookie is sent over https only.
    HTTPS = False
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # a slow reader must not lose a form to an expired token
    SHOW_DEMO_CREDENTIALS = False
    DEVELOPMENT_PAGES = False
    # Sessions end after 30 quiet minutes; pages warn 2 minutes before and offer more time.
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=30)
    SESSION_WARNING_SECONDS = 120
    BOT_URL = os.environ.get("CHANGHU_BOT_URL", "http://127.0.0.1:5005/")
    # The bot's actions send this as `Authorization: Bearer …` on /api/v1/bot/…; empty means
    # every such request is refused, never that any token is accepted.
    BOT_SHARED_SECRET = os.environ.get("CHANGHU_BOT_SECRET", "")
    # Rasa's HTTP API token (`--auth-token`), for the resume event after a handoff is closed.
    RASA_TOKEN = os.environ.get("RASA_TOKEN", "")
    # Staff closing a chat must not wait long on a bot that is down.
    BOT_RESUME_TIMEOUT = 3.0
    SMS_BACKEND = os.environ.get("SMS_BACKEND", "development")
    SMS_API_URL = os.environ.get("SMS_API_URL", "")
    SMS_API_KEY = os.environ.get("SMS_API_KEY", "")
    SMS_TIMEOUT_SECONDS = 5.0
    # A little above the 10 MB per-file limit, so a slightly large photo gets the friendly
    # message next to its field rather than a bare 413 page.
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 12 * 1024 * 1024
    HOTLINE = "12393"
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    # "5 per hour" means any 60 minutes, not the clock hour.
    RATELIMIT_STRATEGY = "moving-window"
    # Abuse limits (portal/limits.py and the routes' decorators): per phone number, per client
    # address (see TRUSTED_PROXIES), per account or per chat user.
    SIGN_IN_CODES_PER_PHONE = "5 per hour"
    SIGN_IN_CODES_PER_IP = "20 per hour"
    # An ID number must not be found from a name and a birth date by trying.
    ROSTER_MATCHES_PER_ACCOUNT = "10 per hour"
    ROSTER_MATCHES_PER_IP = "30 per hour"
    # Only new syntheses count (cached speech costs nothing).
    SPEECH_SYNTHESES_PER_IP = "12 per minute;120 per hour"
    SPEECH_CACHE_MAX_BYTES = int(os.environ.get("SPEECH_CACHE_MAX_BYTES", 512 * 1024 * 1024))
    BINDING_CODES_PER_ACCOUNT = "10 per hour"
    # Every chat user together: guesses spread over many chat users still meet a ceiling.
    BINDING_TRIES_OVERALL = "300 per hour"
    # Proxies in front of the portal (nginx: 1) whose X-Forwarded-For and -Proto are believed;
    # 0 believes none, so a client cannot pick the address its limits are counted under.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    DATA_KEY = os.environ.get("DATA_KEY", "")
    # Staff passwords: argon2id at the library's recommended cost.
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536
    STAFF_SIGN_IN_LIMIT = "10 per minute;50 per hour"
    # Read-aloud (portal/speech). gTTS needs Google, often unreachable from China: a short
    # timeout, then a rest before it is tried again; espeak-ng (offline) speaks meanwhile.
    SPEECH_CACHE_DIR = os.environ.get("SPEECH_CACHE_DIR") or str(INSTANCE_DIR / "speech")
    SPEECH_MAX_CHARS = 3000
    SPEECH_GTTS_BASE_URL = os.environ.get("SPEECH_GTTS_BASE_URL", "https://translate.google.com")
    SPEECH_GTTS_TIMEOUT = 4.0
    SPEECH_GTTS_RETRY_AFTER = 300.0
    SPEECH_ESPEAK_NG = "espeak-ng"
    SPEECH_LAME = "lame"
    SPEECH_ENGINE_TIMEOUT = 30.0
    # The WeChat Official Account (portal/wechat): the webhook's token, the app's id and
    # secret, and the AES key that turns on safe mode. Without an app id and secret the
    # customer-service messages, OAuth binding and the JS-SDK (voice input) are off.
    WECHAT_TOKEN = os.environ.get("WECHAT_TOKEN", "")
    WECHAT_APP_ID = os.environ.get("WECHAT_APPID", "")
    WECHAT_APP_SECRET = os.environ.get("WECHAT_SECRET", "")
    WECHAT_AES_KEY = os.environ.get("WECHAT_AES_KEY", "")
    # api.weixin.qq.com serves /cgi-bin/ (the API) and /sns/ (OAuth); tests use a fake.
    WECHAT_API_BASE = os.environ.get("WECHAT_API_BASE", "https://api.weixin.qq.com")
    WECHAT_OAUTH_BASE = "https://open.weixin.qq.com/connect/"
    WECHAT_API_TIMEOUT = 5.0
    # WeChat waits 5 seconds for a passive reply and then retries: the bot gets 3.5 of them,
    # a late answer goes out through the customer-service API (the bot's turn goes on for
    # up to BOT_TURN_TIMEOUT).
    BOT_REPLY_WAIT = 3.5
    BOT_TURN_TIMEOUT = 30.0
    # The portal's chat page waits this long for the bot, then a person takes the chat.
    ASSISTANT_BOT_TIMEOUT = 15.0
    # Shared storage for several processes: Huey's queue and WeChat's access token. Empty:
    # SQLite in instance/ for the queue and the database for the token.
    REDIS_URL = os.environ.get("REDIS_URL", "")
    # Background jobs (portal/jobs.py): "sqlite" (instance/jobs.sqlite), "redis" (REDIS_URL)
    # or "immediate" (run in the caller's thread, for tests).
    JOBS_BACKEND = os.environ.get("CHANGHU_JOBS", "sqlite")
    JOBS_SQLITE_PATH = os.environ.get("CHANGHU_JOBS_SQLITE") or str(INSTANCE_DIR / "jobs.sqlite")
    JOBS_WORKERS = 2
    # Notifications (portal/notifications): the portal's public address, for the links in text
    # messages; WeChat template messages go through the API ("api") or only to the log
    # ("development"), with the Official Account's reminder template (its fields: first,
    # keyword1, keyword2, remark).
    PUBLIC_URL = os.environ.get("CHANGHU_PUBLIC_URL", "")
    WECHAT_TEMPLATE_BACKEND = os.environ.get("WECHAT_TEMPLATE_BACKEND", "development")
    WECHAT_TEMPLATE_ID = os.environ.get("WECHAT_TEMPLATE_ID", "")


class Development(Base):
    # SECRET_KEY and DATA_KEY, when unset, come from instance/ (made once per checkout).
    BOT_SHARED_SECRET = os.environ.get("CHANGHU_BOT_SECRET", "dev-only-bot-secret")
    SHOW_DEMO_CREDENTIALS = True
    DEVELOPMENT_PAGES = True


class Test(Base):
    TESTING = True
    SECRET_KEY = "test-only-not-secret"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("TEST_DATABASE_URL")) or "sqlite://"
    DATA_KEY = "test-only-data-key"
    # Tests never reach Google or WeChat: a closed local port fails at once, and tests that
    # need the services point these at the fakes in tests/fakes/.
    SPEECH_GTTS_BASE_URL = "http://127.0.0.1:9"
    WECHAT_TOKEN = "test-wechat-token"  # noqa: S105
    WECHAT_APP_ID = ""
    WECHAT_APP_SECRET = ""
    WECHAT_AES_KEY = ""
    WECHAT_API_BASE = "http://127.0.0.1:9"
    WECHAT_OAUTH_BASE = "http://127.0.0.1:9/connect/"
    REDIS_URL = ""
    PUBLIC_URL = "http://portal.test"
    WECHAT_TEMPLATE_BACKEND = "development"
    WECHAT_TEMPLATE_ID = "reminder-template"
    # Jobs run where they are queued, so a test sees their effect at once; tests of the
    # background itself start a real consumer (tests/functional/test_jobs.py).
    JOBS_BACKEND = os.environ.get("CHANGHU_JOBS", "immediate")
    BOT_URL = "http://127.0.0.1:9/"
    BOT_SHARED_SECRET = "test-bot-secret"  # noqa: S105
    RASA_TOKEN = "test-rasa-token"  # noqa: S105
    # Cheap hashes keep tests fast; the code path is the same.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024


class Production(Base):
    SESSION_COOKIE_SECURE = True
    HTTPS = True
    SMS_BACKEND = os.environ.get("SMS_BACKEND", "http")
    WECHAT_TEMPLATE_BACKEND = os.environ.get("WECHAT_TEMPLATE_BACKEND", "api")

    def __init__(self) -> None:
        secrets = {
            "SECRET_KEY": self.SECRET_KEY,
            "DATA_KEY": self.DATA_KEY,
            "CHANGHU_BOT_SECRET": self.BOT_SHARED_SECRET,
        }
        for name, value in secrets.items():
            # 32 bytes: as strong as the keys derived from them; a short one can be guessed.
            if len(value.encode()) < MIN_SECRET_BYTES:
                raise RuntimeError(f"{name} must be set in production, {MIN_SECRET_BYTES}+ bytes")


CONFIGS: dict[str, type[Base]] = {
    "development": Development,
    "test": Test,
    "production": Production,
}


def config_from_env() -> Base:
    name = os.environ.get("CHANGHU_ENV", "development")
    return CONFIGS[name]()
