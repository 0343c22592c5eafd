"""wx.config for the WeChat JS-SDK (voice input inside WeChat's browser), signed server-side.

The jsapi ticket, like the access token, lasts two hours and is kept in the store all portal
processes share (portal/wechat/client.py).
"""

import secrets
import time
from typing import Any
from urllib.parse import urlsplit

from portal.wechat.client import api_client, call

# What voice-input.js calls; wx.config must list every API the page will use.
JS_API_LIST = ("startRecord", "stopRecord", "onVoiceRecordEnd", "translateVoice")


def js_sdk_config(page_url: str, allowed_host: str) -> dict[str, Any]:
    """The argument of wx.config() for the page at `page_url` (which must be on our host)."""
    page_url = page_url.split("#", 1)[0]  # WeChat signs the URL without its fragment
    parts = urlsplit(page_url)
    client = api_client()
    if parts.scheme not in {"http", "https"} or parts.netloc != allowed_host:
        raise ValueError("not a page of this site")
    ticket = call("the jsapi ticket", client.jsapi.get_jsapi_ticket)
    timestamp = int(time.time())
    nonce = secrets.token_hex(8)
    return {
        "appId": client.appid,
        "timestamp": timestamp,
        "nonceStr": nonce,
        "signature": client.jsapi.get_jsapi_signature(nonce, ticket, timestamp, page_url),
        "jsApiList": list(JS_API_LIST),
    }
