"""Abuse limits kept by Flask-Limiter's storage (memory by default, Redis by
RATELIMIT_STORAGE_URI, so several processes share one count), for actions whose refusal is
told next to a form field rather than as a 429 page. Limits are configuration values such as
"5 per hour" (or several, "12 per minute;120 per hour"), named by their config key."""

from flask import current_app
from limits import RateLimitItem, parse_many

from portal.extensions import limiter


def _items(name: str) -> list[RateLimitItem]:
    return list(parse_many(current_app.config[name]))


def spend(name: str, *keys: str) -> bool:
    """Takes one use of each of `name`'s limits for `keys`, each in one step (the moving window
    takes it only while within the limit), so that requests sent at the same moment cannot all
    pass a check made before their count. False when a limit is reached."""
    return all(limiter.limiter.hit(item, name, *keys) for item in _items(name))
