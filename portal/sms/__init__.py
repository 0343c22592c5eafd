"""Text messages go through a gateway chosen by configuration (SMS_BACKEND)."""

import logging
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import requests
from flask import Flask, current_app

from portal.models import utcnow

log = logging.getLogger(__name__)


class SmsError(Exception):
    """The message could not be handed to the provider."""


class SmsGateway(Protocol):
    def send(self, phone: str, text: str) -> None: ...


@dataclass(frozen=True)
class SentMessage:
    phone: str
    text: str
    at: datetime


class DevelopmentGateway:
    """Logs messages and keeps the latest for the development-only outbox page."""

    def __init__(self) -> None:
        self.outbox: deque[SentMessage] = deque(maxlen=50)

    def send(self, phone: str, text: str) -> None:
        log.warning("SMS to %s: %s", phone, text)
        self.outbox.appendleft(SentMessage(phone, text, utcnow()))


class HttpApiGateway:
    """A provider's JSON-over-HTTPS API: POST {phone, text} with a bearer key."""

    def __init__(self, url: str, api_key: str, timeout_seconds: float) -> None:
        self.url, self.api_key, self.timeout = url, api_key, timeout_seconds

    def send(self, phone: str, text: str) -> None:
        try:
            response = requests.post(
                self.url,
                json={"phone": phone, "text": text},
                headers={"Authorization": f"Bearer {self.api_key}"},
                timeout=self.timeout,
            )
            response.raise_for_status()
        except requests.RequestException as error:
            raise SmsError(str(error)) from error


def init_app(app: Flask) -> None:
    backend = app.config["SMS_BACKEND"]
    gateway: SmsGateway
    if backend == "development":
        gateway = DevelopmentGateway()
    elif backend == "http":
        gateway = HttpApiGateway(
            app.config["SMS_API_URL"], app.config["SMS_API_KEY"], app.config["SMS_TIMEOUT_SECONDS"]
        )
    else:
        raise RuntimeError(f"unknown SMS_BACKEND {backend!r}")
    app.extensions["changhu_sms"] = gateway


def gateway() -> SmsGateway:
    sms: SmsGateway = current_app.extensions["changhu_sms"]
    return sms
