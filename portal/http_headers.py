"""Security headers (Flask-Talisman) and no session cookie on files cached for a year."""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask_talisman import Talisman

# Scripts only from this site (and WeChat's JS-SDK for voice input): no inline script runs,
# so an injected one cannot. The one inline <style> (the Uyghur font, whose URL carries a
# hash) has a nonce; htmx is told not to add its own (base.html's htmx-config).
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self' https://res.wx.qq.com",
    "style-src": "'self'",
    "img-src": "'self' data: blob:",  # blob: the file picker's preview of a chosen photo
    "font-src": "'self'",
    "media-src": "'self' data:",  # read-aloud unlocks audio with a data: URL of silence
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
V = TypeVar("V", bound=Callable[..., Any])
# Responses that shared caches may keep for a year must not carry anyone's session.
COOKIELESS_ENDPOINTS = frozenset({"static", "speech.audio"})


def own_content_security_policy(policy: str) -> Callable[[V], V]:
    """For a view whose answer needs a policy of its own (a file shown inline, sandboxed):
    Talisman then sends this one instead of the pages' (its per-view options)."""

    def decorate(view: V) -> V:
        view.talisman_view_options = {"content_security_policy": policy}  # type: ignore[attr-defined]
        return view

    return decorate


class PageSessionInterface(SecureCookieSessionInterface):
    def should_set_cookie(self, app: Flask, session: SessionMixin) -> bool:
        if request.endpoint in COOKIELESS_ENDPOINTS:
            return False
        return super().should_set_cookie(app, session)


def init_app(app: Flask) -> None:
    https = bool(app.config["HTTPS"])
    app.extensions["talisman"] = Talisman(
        app,
        # The proxy in front redirects http to https; the portal itself answers health checks
        # over plain http and tells browsers (HSTS, on https answers) never to use http.
        force_https=False,
        strict_transport_security=https,
        session_cookie_secure=https,
        content_security_policy=CONTENT_SECURITY_POLICY,
        content_security_policy_nonce_in=["style-src"],
        frame_options="DENY",
        referrer_policy="same-origin",
    )
    app.session_interface = PageSessionInterface()
