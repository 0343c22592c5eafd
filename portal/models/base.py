"""Column types and helpers shared by the models."""

import enum
import json
from datetime import UTC, datetime
from typing import Any

from flask import current_app
from sqlalchemy import DateTime, Enum, LargeBinary, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect

from portal.clock import utcnow as utcnow  # re-exported: models import it from here
from portal.crypto import DataCipher


def enum_column(enum_type: type[enum.StrEnum]) -> Enum:
    """Stores an enum's values (not its Python names) as plain strings."""
    return Enum(
        enum_type,
        native_enum=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
    )


def data_cipher() -> DataCipher:
    cipher: DataCipher = current_app.extensions["changhu_cipher"]
    return cipher


class EncryptedString(TypeDecorator[str]):
    """Stores a string encrypted; Python code only ever sees the plain value."""

    impl = String(255)
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else data_cipher().encrypt(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else data_cipher().decrypt(value)


class EncryptedText(EncryptedString):
    """Free text that may hold personal information (a chat message), encrypted at rest."""

    impl = Text()
    cache_ok = True


class EncryptedBytes(TypeDecorator[bytes]):
    """File contents, encrypted at rest (AES-GCM with a key from DATA_KEY)."""

    impl = LargeBinary()
    cache_ok = True

    def process_bind_param(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        return None if value is None else data_cipher().encrypt_file(value)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        return None if value is None else data_cipher().decrypt_file(bytes(value))


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both SQLite (which drops the zone) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use portal.models.utcnow()")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class EncryptedJSON(TypeDecorator[Any]):
    """JSON that holds sensitive personal information (health, ID numbers), encrypted at rest."""

    impl = Text()
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return (
            None if value is None else data_cipher().encrypt(json.dumps(value, ensure_ascii=False))
        )

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(data_cipher().decrypt(value))
