"""wx.config for the WeChat JS-SDK (voice input inside WeChat's browser), signed server-side.

The access token and jsapi ticket each last two hours and WeChat limits how often they may be
fetched, so one client per app keeps them in memory (wechatpy's session storage). Several
workers each keep their own; wechatpy's Redis storage would share them.
"""

import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatException

# What voice-input.js calls; wx.config must list every API the page will use.
JS_API_LIST = ("startRecord", "stopRecord", "onVoiceRecordEnd", "translateVoice")


class WeChatUnavailable(Exception):
    """WeChat is not configured, unreachable, or refused us."""


@dataclass(frozen=True)
class WeChatSettings:
    app_id: str
    app_secret: str
    api_base_url: str
    timeout: float


class _TimeoutAdapter(HTTPAdapter):
    """wechatpy fetches the access token without a timeout; every request gets one here."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, *args, **kwargs)


class ConfigurableHostWeChatClient(WeChatClient):
    """wechatpy's client with the API host taken from configuration.

    API calls already use API_BASE_URL; only fetching the access token has the host written
    into wechatpy, so it is rebuilt from API_BASE_URL here.
    """

    def __init__(self, settings: WeChatSettings) -> None:
        super().__init__(settings.app_id, settings.app_secret, timeout=settings.timeout)
        self.API_BASE_URL = settings.api_base_url.rstrip("/") + "/"
        adapter = _TimeoutAdapter(settings.timeout)
        self._http.mount("http://", adapter)
        self._http.mount("https://", adapter)

    def fetch_access_token(self) -> dict[str, Any]:
        result: dict[str, Any] = self._fetch_access_token(
            url=f"{self.API_BASE_URL}token",
            params={
                "grant_type": "client_credential",
                "appid": self.appid,
                "secret": self.secret,
            },
        )
        return result


def make_client(settings: WeChatSettings) -> ConfigurableHostWeChatClient | None:
    if not settings.app_id or not settings.app_secret:
        return None
    return ConfigurableHostWeChatClient(settings)


def js_sdk_config(
    client: ConfigurableHostWeChatClient | None, page_url: str, allowed_host: str
) -> dict[str, Any]:
    """The argument of wx.config() for the page at `page_url` (which must be on our host)."""
    if client is None:
        raise WeChatUnavailable("WECHAT_APP_ID and WECHAT_APP_SECRET are not set")
    page_url = page_url.split("#", 1)[0]  # WeChat signs the URL without its fragment
    parts = urlsplit(page_url)
    if parts.scheme not in {"http", "https"} or parts.netloc != allowed_host:
        raise ValueError("not a page of this site")
    try:
        ticket = client.jsapi.get_jsapi_ticket()
    except (WeChatException, requests.RequestException, KeyError, TypeError, ValueError) as error:
        raise WeChatUnavailable(str(error)) from error
    timestamp = int(time.time())
    nonce = secrets.token_hex(8)
    return {
        "appId": client.appid,
        "timestamp": timestamp,
        "nonceStr": nonce,
        "signature": client.jsapi.get_jsapi_signature(nonce, ticket, timestamp, page_url),
        "jsApiList": list(JS_API_LIST),
    }
