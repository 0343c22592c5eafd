"""WeChat's API (api.weixin.qq.com), through wechatpy, with one access token for all processes.

The access token lasts two hours, WeChat limits how often it may be fetched, and fetching a
new one retires the old one: so every process reads it from one shared store (the database,
or Redis when REDIS_URL is set) and it is fetched again five minutes before it expires.
Every call has a timeout (WECHAT_API_TIMEOUT).
"""

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import IO, Any

import requests
from flask import current_app
from flask_babel import gettext as _
from requests.adapters import HTTPAdapter
from sqlalchemy import delete
from sqlalchemy.orm import Session
from wechatpy import WeChatClient, WeChatOAuth
from wechatpy.exceptions import WeChatClientException, WeChatException
from wechatpy.session import SessionStorage
from wechatpy.session.redisstorage import RedisStorage

from portal.extensions import db
from portal.models import SharedSecret, utcnow
from portal.shared_redis import shared_redis

# Fetched again this long before WeChat says it expires, so no call meets an expired token.
REFRESH_MARGIN = timedelta(minutes=5)

OUTSIDE_WINDOW = 45015
QUOTA_REACHED = 45047


class WeChatUnavailable(Exception):
    """WeChat is not configured, unreachable, or refused the call."""

    def __init__(self, message: str, errcode: int | None = None) -> None:
        super().__init__(message)
        self.errcode = errcode

    @property
    def plain_words(self) -> str:
        return plain_words(self.errcode)


def plain_words(errcode: int | None) -> str:
    """What a WeChat error means for the person at the hotline, in their language."""
    meanings = {
        OUTSIDE_WINDOW: _(
            "发不出去：这位用户已经超过 48 小时没有给公众号发消息，微信不允许再主动回复。"
            "请打电话联系，或者等用户再发来消息。"
        ),
        QUOTA_REACHED: _(
            "发不出去：用户上一条消息之后，公众号已经连发了太多条（微信最多允许 20 条）。"
            "请等用户回复以后再发。"
        ),
        43004: _("发不出去：这位用户已经取消关注公众号。请打电话联系。"),
        40003: _("发不出去：这个微信用户不属于本公众号。"),
        45002: _("发不出去：消息太长了，请分成几条发送。"),
        45009: _("发不出去：公众号今天调用微信接口的次数用完了，明天恢复。请打电话联系。"),
        48001: _("发不出去：公众号没有开通客服消息权限，请联系系统管理员。"),
        -1: _("微信系统繁忙，请过一会儿再试。"),
    }
    if errcode in meanings:
        return meanings[errcode]
    if errcode is None:
        return _("现在连不上微信，请过一会儿再试。如果一直不行，请联系系统管理员。")
    return _("微信拒绝了这条消息（错误 %(code)s），请联系系统管理员。", code=errcode)


class DatabaseStorage(SessionStorage):
    """wechatpy's session storage in the portal's database, shared by every process.

    Its own session: storing a token never commits the caller's unfinished work.
    """

    def get(self, key: str, default: Any = None) -> Any:
        with Session(db.engine) as session:
            found = session.get(SharedSecret, key)
            if found is None:
                return default
            if found.expires_at is not None and found.expires_at - REFRESH_MARGIN <= utcnow():
                return default
            return json.loads(found.value)

    def set(self, key: str, value: Any, ttl: int | None = None) -> None:
        expires_at = utcnow() + timedelta(seconds=ttl) if ttl else None
        with Session(db.engine) as session:
            session.execute(delete(SharedSecret).where(SharedSecret.key == key))
            session.add(SharedSecret(key=key, value=json.dumps(value), expires_at=expires_at))
            try:
                session.commit()
            except Exception:
                # Another process stored it at the same moment: theirs is as good.
                session.rollback()

    def delete(self, key: str) -> None:
        with Session(db.engine) as session:
            session.execute(delete(SharedSecret).where(SharedSecret.key == key))
            session.commit()


class _TimeoutAdapter(HTTPAdapter):
    """wechatpy fetches the access token without a timeout; every request gets one here."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, *args, **kwargs)


@dataclass(frozen=True)
class WeChatSettings:
    app_id: str
    app_secret: str
    api_base: str
    timeout: float

    @classmethod
    def from_config(cls) -> "WeChatSettings":
        config = current_app.config
        return cls(
            app_id=config["WECHAT_APP_ID"],
            app_secret=config["WECHAT_APP_SECRET"],
            api_base=config["WECHAT_API_BASE"].rstrip("/"),
            timeout=float(config["WECHAT_API_TIMEOUT"]),
        )

    @property
    def configured(self) -> bool:
        return bool(self.app_id and self.app_secret)


class ConfigurableHostWeChatClient(WeChatClient):
    """wechatpy's client with the API host taken from configuration.

    API calls already use API_BASE_URL; only fetching the access token has the host written
    into wechatpy, so it is rebuilt from API_BASE_URL here.
    """

    def __init__(self, settings: WeChatSettings, session: SessionStorage) -> None:
        super().__init__(
            settings.app_id, settings.app_secret, session=session, timeout=settings.timeout
        )
        self.API_BASE_URL = f"{settings.api_base}/cgi-bin/"
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


def _shared_storage() -> SessionStorage:
    store = shared_redis()
    if store is not None:
        return RedisStorage(store, prefix="changhu-wechat")
    return DatabaseStorage()


def api_client() -> ConfigurableHostWeChatClient:
    settings = WeChatSettings.from_config()
    if not settings.configured:
        raise WeChatUnavailable("WECHAT_APPID and WECHAT_SECRET are not set")
    return ConfigurableHostWeChatClient(settings, _shared_storage())


def call(what: str, function: Any, *args: Any, **kwargs: Any) -> Any:
    """Calls wechatpy; any failure becomes WeChatUnavailable (logged, with WeChat's errcode)."""
    try:
        return function(*args, **kwargs)
    except WeChatClientException as error:
        current_app.logger.warning("WeChat refused %s: %s %s", what, error.errcode, error.errmsg)
        raise WeChatUnavailable(str(error), error.errcode) from error
    except (WeChatException, requests.RequestException, KeyError, TypeError, ValueError) as error:
        current_app.logger.warning("WeChat %s failed: %s", what, error)
        raise WeChatUnavailable(str(error)) from error


def send_text(openid: str, text: str) -> None:
    """A customer-service text message (only within 48 hours of the person's last message)."""
    client = api_client()
    call("a customer-service text", client.message.send_text, openid, text)


def send_voice(openid: str, audio: IO[bytes]) -> None:
    """Uploads an MP3 as temporary media (kept 3 days by WeChat) and sends it as voice."""
    client = api_client()
    uploaded: dict[str, Any] = call(
        "a voice upload", client.media.upload, "voice", ("answer.mp3", audio)
    )
    call("a customer-service voice", client.message.send_voice, openid, uploaded["media_id"])


def send_template(openid: str, template_id: str, data: dict[str, str], url: str | None) -> None:
    """A template message (a reminder or a change of status): unlike customer-service
    messages it reaches followers whenever it is sent, not only within 48 hours."""
    client = api_client()
    fields = {name: {"value": value} for name, value in data.items()}
    call("a template message", client.message.send_template, openid, template_id, fields, url)


def publish_menu(menu: dict[str, Any]) -> None:
    client = api_client()
    call("the menu", client.menu.create, menu)


def oauth(redirect_uri: str, state: str) -> WeChatOAuth:
    """WeChat's web OAuth (snsapi_base: the OpenID only, no consent screen)."""
    settings = WeChatSettings.from_config()
    if not settings.configured:
        raise WeChatUnavailable("WECHAT_APPID and WECHAT_SECRET are not set")
    client = WeChatOAuth(settings.app_id, settings.app_secret, redirect_uri, "snsapi_base", state)
    client.API_BASE_URL = f"{settings.api_base}/"
    client.OAUTH_BASE_URL = current_app.config["WECHAT_OAUTH_BASE"]
    adapter = _TimeoutAdapter(settings.timeout)
    client._http.mount("http://", adapter)
    client._http.mount("https://", adapter)
    return client


def openid_for_code(client: WeChatOAuth, code: str) -> str:
    result: dict[str, Any] = call("the OAuth code", client.fetch_access_token, code)
    return str(result["openid"])
