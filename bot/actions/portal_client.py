"""The portal's JSON API (/api/v1/…), the only way the bot learns about a person.

Every call has a total timeout of at most 3 s; callers turn PortalUnavailable into a plain
"the system is busy" answer instead of failing the action.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)

MAX_TIMEOUT = 3.0


class PortalError(Exception):
    """A 4xx answer: `error` is the portal's sentence (or code), `reason` its refusal reason."""

    def __init__(self, status: int, error: str = "", reason: str = "") -> None:
        super().__init__(f"portal answered {status}: {error}")
        self.status = status
        self.error = error
        self.reason = reason


class PortalUnavailable(PortalError):
    """Timeout, refused connection, 5xx or a body that is not JSON."""


def base_url() -> str:
    return os.environ.get("CHANGHU_PORTAL_URL", "http://127.0.0.1:5000").rstrip("/")


def timeout_seconds() -> float:
    try:
        value = float(os.environ.get("CHANGHU_PORTAL_TIMEOUT", MAX_TIMEOUT))
    except ValueError:
        value = MAX_TIMEOUT
    return max(0.1, min(value, MAX_TIMEOUT))


def _headers(language: str | None, authenticated: bool) -> dict[str, str]:
    headers = {"Accept": "application/json", "Accept-Language": language or "zh"}
    if authenticated:
        headers["Authorization"] = f"Bearer {os.environ.get('CHANGHU_BOT_SECRET', '')}"
    return headers


async def request(
    method: str,
    path: str,
    *,
    language: str | None = "zh",
    params: dict[str, str | None] | None = None,
    json_body: dict[str, Any] | None = None,
    authenticated: bool = False,
) -> dict[str, Any]:
    """Returns the decoded JSON object of a 2xx answer; raises PortalError otherwise."""
    url = base_url() + path
    query = {k: v for k, v in (params or {}).items() if v}
    try:
        async with (
            aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=timeout_seconds())
            ) as session,
            session.request(
                method,
                url,
                params=query,
                json=json_body,
                headers=_headers(language, authenticated),
            ) as response,
        ):
            try:
                body = await response.json(content_type=None)
            except ValueError:
                body = None
            if response.status >= 500:
                raise PortalUnavailable(response.status, "bad response")
            if response.status >= 400:
                body = body if isinstance(body, dict) else {}
                error, reason = body.get("error"), body.get("reason")
                raise PortalError(
                    response.status,
                    error if isinstance(error, str) else "",
                    reason if isinstance(reason, str) else "",
                )
            if not isinstance(body, dict):
                raise PortalUnavailable(response.status, "bad response")
            return body
    except PortalError:
        raise
    except (aiohttp.ClientError, asyncio.TimeoutError, TimeoutError, OSError) as exc:
        logger.warning("portal %s %s failed: %r", method, path, exc)
        raise PortalUnavailable(0, type(exc).__name__) from exc


async def deadline(region: str, rule: str, start: str, language: str) -> dict[str, Any]:
    return await request(
        "GET",
        f"/api/v1/regions/{region}/deadlines/{rule}",
        language=language,
        params={"from": start},
    )


async def institutions(
    region: str, district: str | None, service_type: str | None, language: str
) -> dict[str, Any]:
    return await request(
        "GET",
        "/api/v1/institutions",
        language=language,
        params={"region": region, "district": district, "service_type": service_type},
    )


async def applications(sender_id: str, language: str) -> dict[str, Any]:
    return await request(
        "GET",
        "/api/v1/bot/applications",
        language=language,
        params={"sender_id": sender_id},
        authenticated=True,
    )


async def create_handoff(
    sender_id: str, reason: str, language: str, last_message: str, region: str | None
) -> dict[str, Any]:
    """The region routes the chat to that region's hotline (none when not known)."""
    return await request(
        "POST",
        "/api/v1/bot/handoffs",
        language=language,
        authenticated=True,
        json_body={
            "sender_id": sender_id,
            "reason": reason,
            "language": language,
            "last_message": last_message,
            **({"region": region} if region else {}),
        },
    )


async def bind(sender_id: str, code: str, language: str) -> dict[str, Any]:
    """201 {"bound": true, "region"}; a refused code raises PortalError(400, sentence, reason)."""
    return await request(
        "POST",
        "/api/v1/bot/bindings",
        language=language,
        authenticated=True,
        json_body={"sender_id": sender_id, "code": code},
    )
