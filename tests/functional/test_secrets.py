"""No secret is public: development makes its own per checkout, production refuses weak ones."""

from pathlib import Path

import pytest

import portal
from portal.config import Development, Production


def development_secret_key(instance: Path, monkeypatch: pytest.MonkeyPatch, other_app) -> str:
    monkeypatch.setattr(portal, "INSTANCE_DIR", instance)
    config = Development()
    config.SQLALCHEMY_DATABASE_URI = "sqlite://"
    config.SECRET_KEY = ""  # as when SECRET_KEY is not in the environment
    return str(other_app(config).config["SECRET_KEY"])


def test_development_makes_a_random_secret_key_per_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_app
) -> None:
    first = development_secret_key(tmp_path / "a", monkeypatch, other_app)
    assert len(first.encode()) >= 32
    assert first == (tmp_path / "a" / "secret.key").read_text().strip()
    assert (tmp_path / "a" / "secret.key").stat().st_mode & 0o077 == 0
    assert development_secret_key(tmp_path / "a", monkeypatch, other_app) == first
    assert development_secret_key(tmp_path / "b", monkeypatch, other_app) != first


@pytest.mark.parametrize("name", ["SECRET_KEY", "DATA_KEY", "BOT_SHARED_SECRET"])
def test_production_refuses_secrets_shorter_than_32_bytes(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for each in ("SECRET_KEY", "DATA_KEY", "BOT_SHARED_SECRET"):
        monkeypatch.setattr(Production, each, "s" * 32)
    Production()
    monkeypatch.setattr(Production, name, "s" * 31)
    with pytest.raises(RuntimeError, match="32"):
        Production()
    monkeypatch.setattr(Production, name, "")
    with pytest.raises(RuntimeError):
        Production()
