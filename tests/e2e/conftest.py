"""Browser tests: Playwright drives Debian's Chromium against a portal served in a thread."""

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask_migrate import upgrade
from playwright.sync_api import Browser, Page
from werkzeug.serving import make_server

from portal import create_app
from portal.config import Test
from portal.demo_data import load_demo_data
from portal.extensions import db, limiter

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # `playwright install` cannot download browsers here; Debian's Chromium is the real one.
    # The closed network makes Chromium's background services fail noisily, so they are off.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    config = Test()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.sqlite'}"
    config.WTF_CSRF_SSL_STRICT = False
    # Every browser test signs in from 127.0.0.1: the limit per address would count them all
    # as one person (the limit per phone still applies: each test has its own number).
    config.SIGN_IN_CODES_PER_IP = "1000 per hour"
    app = create_app(config)
    with app.app_context():
        upgrade()
        load_demo_data()
    return app


@pytest.fixture(scope="session")
def base_url(live_app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    with live_app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def no_requests_counted_yet(live_app: Flask) -> None:
    """Every browser here is 127.0.0.1: each test starts with the rate limits' counts empty,
    so it never depends on how many sign-ins the tests before it made."""
    with live_app.app_context():
        limiter.reset()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def csp_watched() -> Iterator[Callable[[Page], Page]]:
    """Nothing a page given to it does may be refused by the Content-Security-Policy (checked
    when the test ends): ``page = csp_watched(context.new_page())``."""
    refused: list[str] = []

    def watch(page: Page) -> Page:
        page.on(
            "console",
            lambda message: (
                refused.append(f"{message.location['url']}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield watch
    assert not refused, refused


@pytest.fixture
def page(
    browser: Browser, base_url: str, viewport: str, csp_watched: Callable[[Page], Page]
) -> Iterator[Page]:
    """A fresh visitor (no cookies) on a phone or a desktop, as the `viewport` param says.
    Nothing the page does may be refused by the Content-Security-Policy."""
    context = browser.new_context(base_url=base_url, viewport=VIEWPORTS[viewport])
    yield csp_watched(context.new_page())
    context.close()


def save_screenshot(page: Page, name: str) -> Path:
    """Screenshots of every page, by viewport and language, for people to look at."""
    language = page.locator("html").get_attribute("lang") or "unknown"
    width = page.viewport_size["width"] if page.viewport_size else 0
    path = ARTIFACTS / f"{width}px" / f"{name}-{language}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The audits' findings and Lighthouse's scores, printed whatever pytest captured."""
    from tests.e2e.audit import REPORT

    write = terminalreporter.write_line
    if REPORT.pages:
        terminalreporter.section("accessibility audit")
        languages: dict[str, list[str]] = {}
        for name, language in REPORT.pages:
            languages.setdefault(name, []).append(language)
        write(
            f"{len(REPORT.pages)} pages audited: "
            + ", ".join(f"{name} ({'/'.join(found)})" for name, found in languages.items())
        )
        if REPORT.minor:
            minor = ", ".join(f"{rule} ×{count}" for rule, count in sorted(REPORT.minor.items()))
            write(f"axe, moderate and minor (not failing): {minor}")
        for problems in REPORT.problems:
            write(problems)
    if REPORT.calm:
        terminalreporter.section("calm screens")
        for line in REPORT.calm:
            write(line)
    if REPORT.lighthouse:
        terminalreporter.section("lighthouse, mobile")
        for line in REPORT.lighthouse:
            write(line)
