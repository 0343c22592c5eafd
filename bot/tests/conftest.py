import pathlib
import sys

import pytest

BOT_DIR = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BOT_DIR))
sys.path.insert(0, str(BOT_DIR / "tests"))

from fake_portal import SECRET, FakePortal  # noqa: E402


@pytest.fixture
def portal(monkeypatch):
    fake = FakePortal().start()
    monkeypatch.setenv("CHANGHU_PORTAL_URL", fake.url)
    monkeypatch.setenv("CHANGHU_BOT_SECRET", SECRET)
    monkeypatch.setenv("CHANGHU_PUBLIC_URL", "https://changhu.example")
    monkeypatch.setenv("CHANGHU_PORTAL_TIMEOUT", "1")
    yield fake
    fake.stop()
