"""Redis, when REDIS_URL is set: what several portal machines share besides the database
(WeChat's access token, claims on WeChat's deliveries). Every call has a short timeout."""

from functools import lru_cache

import redis
from flask import current_app


def shared_redis() -> "redis.Redis | None":
    url: str = current_app.config["REDIS_URL"]
    return _client(url) if url else None


@lru_cache(maxsize=4)
def _client(url: str) -> "redis.Redis":
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
