"""Abuse limits kept by Flask-Limiter's storage (memory by default, Redis by
RATELIMIT_STORAGE_URI, so several processes share one count), for actions whose refusal is
told next to a form field rather than as a 429 page. Limits are configuration values such as
"5 per hour" (or several, "12 per minute;120 per hour"), named by their config key."""

from flask import current_app
from limits import RateLimitItem, parse_many

from portal.extensions import limiter


def _items(name: str) -> list[RateLimitItem]:
    return list(parse_many(current_app.config[name]))


def allows(name: str, *keys: str) -> bool:
    """Whether one more use of `name` for `keys` is within the limit (nothing is counted)."""
    return all(limiter.limiter.test(item, name, *keys) for item in _items(name))


def count(name: str, *keys: str) -> None:
    """One use of `name` for `keys`."""
    for item in _items(name):
        limiter.limiter.hit(item, name, *keys)


def spend(name: str, *keys: str) -> bool:
    """Counts one use if it is within the limit; False (and nothing counted) when it is not."""
    if not allows(name, *keys):
        return False
    count(name, *keys)
    return True
