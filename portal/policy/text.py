"""Text shown to people, always in both Chinese (zh) and Uyghur (ug)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from portal.policy.errors import ProfileError

LANGUAGES = ("zh", "ug")


@dataclass(frozen=True)
class Text:
    zh: str
    ug: str

    def get(self, language: str) -> str:
        if language == "ug":
            return self.ug
        return self.zh

    def format(self, **values: object) -> Text:
        """Fill ``{placeholders}``; a ``Text`` value goes in in the matching language."""

        def pick(language: str) -> dict[str, object]:
            return {k: v.get(language) if isinstance(v, Text) else v for k, v in values.items()}

        return Text(zh=self.zh.format(**pick("zh")), ug=self.ug.format(**pick("ug")))

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "ug": self.ug}

    @classmethod
    def from_data(cls, data: Any, where: str) -> Text:
        if not isinstance(data, Mapping):
            raise ProfileError(f"{where}: expected a table with zh and ug, got {data!r}")
        missing = [lang for lang in LANGUAGES if not str(data.get(lang, "")).strip()]
        if missing:
            raise ProfileError(f"{where}: missing or empty text for {', '.join(missing)}")
        return cls(zh=str(data["zh"]).strip(), ug=str(data["ug"]).strip())
