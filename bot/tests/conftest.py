import pathlib
import sys

import pytest

BOT_DIR = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BOT_DIR))
sys.path.insert(0, str(BOT_DIR / "tests"))

# Rasa's stack (TensorFlow, jieba …) is imported once here, where pytest.ini's filters for
# its import-time warnings apply; a test module importing it first would see them unfiltered.
from fake_portal import SECRET, FakePortal  # noqa: E402

import components.mixed_tokenizer  # noqa: E402, F401


@pytest.fixture
def portal(monkeypatch):
    fake = FakePortal().start()
    monkeypatch.setenv("CHANGHU_PORTAL_URL", fake.url)
    monkeypatch.setenv("CHANGHU_BOT_SECRET", SECRET)
    monkeypatch.setenv("CHANGHU_PUBLIC_URL", "https://changhu.example")
    monkeypatch.setenv("CHANGHU_PORTAL_TIMEOUT", "1")
    yield fake
    fake.stop()
    assert not fake.unmatched, f"requests outside the contract file: {fake.unmatched}"
