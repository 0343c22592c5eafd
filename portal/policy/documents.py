"""The source documents and citations people can read.

A profile keeps a rule's source as an internal code ("000:15(5)"); people read it as the
document's name and the article in words: 《宁夏回族自治区长期护理保险经办规程》第十五条第（五）项.
In Uyghur the title stays Chinese and is marked so: a page wraps it in ``lang="zh-Hans"``
and isolates it, plain text (the API, chat) isolates it with U+2068/U+2069, so right-to-left
text never reorders it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from portal.policy.errors import ProfileError

DOCUMENTS_FILE = Path(__file__).parent / "documents.toml"
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"

_CODE = re.compile(
    r"^(?P<document>\d{3}):(?:附件(?P<annex>\d+)"
    r"|(?P<article>\d+)?(?:\.(?P<paragraph>\d+))?"
    r"(?:\((?P<item>[0-9一二三四五六七八九十]+)\)(?P<sub_item>\d+)?)?)$"
)
_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 → 一, 15 → 十五, 20 → 二十, 71 → 七十一 (articles and items, 1–99)."""
    if not 0 < number < 100:
        raise ValueError(f"{number} is outside 1–99")
    tens, ones = divmod(number, 10)
    words = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return words + (_DIGITS[ones] if ones else "")


def _from_chinese(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    if numeral == "十":
        return 10
    tens, _, ones = numeral.rpartition("十")
    if "十" not in numeral:
        return _DIGITS.index(numeral)
    return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)


@dataclass(frozen=True)
class Document:
    code: str
    region: str
    title: str
    titled: bool
    articles: int
    annexes: int
    lists: Mapping[str, tuple[str, ...]]

    @property
    def display_title(self) -> str:
        return f"《{self.title}》" if self.titled else self.title


@dataclass(frozen=True)
class Segment:
    """A piece of a citation; a document title is always Chinese, whatever the page."""

    text: str
    chinese_title: bool = False


@dataclass(frozen=True)
class Citation:
    source: str
    zh: tuple[Segment, ...]
    ug: tuple[Segment, ...]

    def segments(self, language: str) -> tuple[Segment, ...]:
        return self.ug if language == "ug" else self.zh

    def text(self, language: str) -> str:
        """Plain text; in Uyghur each Chinese title is isolated (U+2068 … U+2069)."""
        if language != "ug":
            return "".join(segment.text for segment in self.zh)
        return "".join(
            f"{FIRST_STRONG_ISOLATE}{segment.text}{POP_DIRECTIONAL_ISOLATE}"
            if segment.chinese_title
            else segment.text
            for segment in self.ug
        )

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.text("zh"), "ug": self.text("ug")}


@cache
def documents() -> Mapping[str, Document]:
    data = tomllib.loads(DOCUMENTS_FILE.read_text(encoding="utf-8"))
    return {
        code: Document(
            code=code,
            region=str(entry["region"]),
            title=str(entry["title"]),
            titled=bool(entry.get("titled", True)),
            articles=int(entry["articles"]),
            annexes=int(entry.get("annexes", 0)),
            lists={key: tuple(labels) for key, labels in entry.get("lists", {}).items()},
        )
        for code, entry in data.items()
        if code != "uyghur"
    }


@cache
def _uyghur_words() -> Mapping[str, str]:
    data: dict[str, Any] = tomllib.loads(DOCUMENTS_FILE.read_text(encoding="utf-8"))
    return {key: str(value) for key, value in data["uyghur"].items()}


@dataclass(frozen=True)
class _Place:
    """One code, checked against the document: where in it the rule is."""

    document: Document
    annex: int | None = None
    article: int | None = None
    paragraph: int | None = None
    item_label: str | None = None
    item: int | None = None
    sub_item_label: str | None = None
    sub_item: int | None = None

    def zh(self) -> str:
        if self.annex is not None:
            return f"附件{self.annex}"
        words = f"第{chinese_number(self.article)}条" if self.article else ""
        if self.paragraph:
            words += f"第{chinese_number(self.paragraph)}款"
        if self.item_label is not None and self.item is not None:
            words += f"第{_zh_label(self.item_label, self.item)}项"
        if self.sub_item_label is not None and self.sub_item is not None:
            words += f"第{_zh_label(self.sub_item_label, self.sub_item)}目"
        return words

    def ug(self) -> str:
        word = _uyghur_words()
        if self.annex is not None:
            return f"{self.annex}-{word['annex']}"
        parts = []
        if self.article:
            parts.append(f"{self.article}-{word['article']}")
        if self.paragraph:
            parts.append(f"{self.paragraph}-{word['paragraph']}")
        if self.item is not None:
            parts.append(f"{self.item}-{word['item']}")
        if self.sub_item is not None:
            parts.append(f"{self.sub_item}-{word['sub_item']}")
        return "، ".join(parts)


def _zh_label(printed: str, number: int) -> str:
    """An item as the document prints it: （五） stays （五）; "3." becomes 三 (in words)."""
    if printed.startswith("（"):
        return printed
    return chinese_number(number)


def _place(code: str) -> _Place:
    match = _CODE.match(code.strip())
    if match is None:
        raise ProfileError(f"source {code!r} is not like '000:15(5)'")
    document = documents().get(match["document"])
    if document is None:
        raise ProfileError(f"source {code!r}: there is no document {match['document']}")
    if match["annex"]:
        annex = int(match["annex"])
        if not 1 <= annex <= document.annexes:
            raise ProfileError(f"source {code!r}: {document.code} has no annex {annex}")
        return _Place(document, annex=annex)
    article = int(match["article"]) if match["article"] else None
    if article is not None and not 1 <= article <= document.articles:
        raise ProfileError(f"source {code!r}: {document.code} has no article {article}")
    paragraph = int(match["paragraph"]) if match["paragraph"] else None
    if match["item"] is None:
        if article is None:
            raise ProfileError(f"source {code!r} names no article or item")
        return _Place(document, article=article, paragraph=paragraph)
    key = f"{article or ''}" + (f".{paragraph}" if paragraph else "")
    item = _from_chinese(match["item"])
    item_label = _label(document, key, item, code)
    place = _Place(document, article=article, paragraph=paragraph, item_label=item_label, item=item)
    if match["sub_item"] is None:
        return place
    sub_item = int(match["sub_item"])
    sub_label = _label(document, f"{key}({item})", sub_item, code)
    return _Place(
        document,
        article=article,
        paragraph=paragraph,
        item_label=item_label,
        item=item,
        sub_item_label=sub_label,
        sub_item=sub_item,
    )


def _label(document: Document, key: str, number: int, code: str) -> str:
    labels = document.lists.get(key)
    if labels is None:
        raise ProfileError(f"source {code!r}: {document.code} has no numbered list at {key!r}")
    if not 1 <= number <= len(labels):
        raise ProfileError(f"source {code!r}: {document.code} {key!r} has no item {number}")
    return labels[number - 1]


@cache
def cite(source: str) -> Citation:
    """The readable citation of ``source`` ("000:12.2(2); 000:16", several joined by "; ").

    Parts from the same document share its title. Raises ``ProfileError`` for a code that
    does not point at a place the document has.
    """
    places = [_place(part) for part in source.split(";") if part.strip()]
    if not places:
        raise ProfileError("an empty source")
    zh: list[Segment] = []
    ug: list[Segment] = []
    previous: Document | None = None
    for place in places:
        if place.document is previous:
            zh.append(Segment("、" + place.zh()))
            ug.append(Segment("؛ " + place.ug()))
            continue
        if previous is not None:
            zh.append(Segment("；"))
            ug.append(Segment("؛ "))
        title = place.document.display_title
        zh.append(Segment(title, chinese_title=True))
        zh.append(Segment(place.zh()))
        ug.append(Segment(title, chinese_title=True))
        ug.append(Segment(" " + place.ug()))
        previous = place.document
    return Citation(source=source, zh=_joined(zh), ug=_joined(ug))


def _joined(segments: list[Segment]) -> tuple[Segment, ...]:
    """Neighbouring plain segments as one, so a renderer writes fewer pieces."""
    joined: list[Segment] = []
    for segment in segments:
        if not segment.text:
            continue
        if joined and not segment.chinese_title and not joined[-1].chinese_title:
            joined[-1] = Segment(joined[-1].text + segment.text)
        else:
            joined.append(segment)
    return tuple(joined)


def check_source(source: str, where: str) -> str:
    """``source`` if every part points at a real place in a document, else ``ProfileError``."""
    try:
        cite(source)
    except ProfileError as error:
        raise ProfileError(f"{where}: {error}") from error
    return source


def document_order(source: str) -> tuple[int, ...]:
    """Where ``source``'s first part stands in its document, to list rules in its order."""
    place = _place(source.split(";")[0])
    return (
        int(place.document.code),
        place.annex or 0,
        place.article or 0,
        place.paragraph or 0,
        place.item or 0,
        place.sub_item or 0,
    )


def documents_cited(source: str) -> frozenset[str]:
    return frozenset(part.strip().split(":", 1)[0] for part in source.split(";") if part.strip())
