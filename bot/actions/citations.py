"""Citations people can read: document names and articles in words, never codes.

The knowledge file and the portal's API keep the sources as codes ("000:15(5)",
"001:8(1)5; 001:8(2)3", "004:(五)", "001:附件3"); a person reads
«《宁夏回族自治区长期护理保险经办规程》第十五条» or, in Uyghur, the Chinese title (isolated
by bidi.isolate when the message is sent) followed by «15-ماددا» — the portal's style
(portal/policy/documents.py), at the level of the article: the bot's answers sum up a
whole article, the portal's deadline answers bring their own, finer citation.
"""

from __future__ import annotations

import re

# Titles stay Chinese in both languages (on Uyghur pages too, marked zh-Hans).
DOCUMENTS = {
    "000": "《宁夏回族自治区长期护理保险经办规程》",
    "001": "《新疆维吾尔自治区长期护理保险经办规程》",
    "002": "《黑龙江省长期护理保险经办规程》",
    "003": "《福州市长期护理保险委托承办管理办法》",
    "004": "天津市医保局2024年12月6日通知",  # it prints no title, only issuer and date
}
_CN_DIGITS = "零一二三四五六七八九"
_CN_VALUES = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CODE = re.compile(r"^(\d{3}):(.+)$")
_ARTICLE = re.compile(r"^(\d+)")
_ITEM = re.compile(r"^\(([一二三四五六七八九十]+)\)")
_ANNEX = re.compile(r"^附件(\d+)")


def chinese_number(value: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 58 → 五十八 (articles stay below 100)."""
    tens, units = divmod(value, 10)
    text = ("" if tens == 1 else _CN_DIGITS[tens]) + "十" if tens else ""
    return text + (_CN_DIGITS[units] if units else "")


def _cn_value(numeral: str) -> int:
    if "十" not in numeral:
        return _CN_VALUES[numeral]
    tens, _, units = numeral.partition("十")
    return (_CN_VALUES[tens] if tens else 1) * 10 + (_CN_VALUES[units] if units else 0)


def _part(reference: str, language: str) -> str | None:
    """'15(5)' → 第十五条 / 15-ماددا; '(五)' → 第（五）项 / 5-تۈر; '附件3' → 附件3 / 3-قوشۇمچە."""
    reference = reference.strip()
    if match := _ARTICLE.match(reference):
        number = int(match.group(1))
        return f"第{chinese_number(number)}条" if language == "zh" else f"{number}-ماددا"
    if match := _ITEM.match(reference):
        number = _cn_value(match.group(1))
        return f"第（{chinese_number(number)}）项" if language == "zh" else f"{number}-تۈر"
    if match := _ANNEX.match(reference):
        number = int(match.group(1))
        return f"附件{number}" if language == "zh" else f"{number}-قوشۇمچە"
    return None


def documents_of(source: str) -> list[str]:
    """The document numbers a source string names, in order: '000:9, 000:12' → ['000']."""
    found: list[str] = []
    for code in re.split(r"[,;，；]\s*", source or ""):
        match = _CODE.match(code.strip())
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return found


def cite(source: str, language: str) -> str | None:
    """A citation in words for a source naming one document; None for several or none.

    '000:9, 000:12, 000:16' → 《宁夏回族自治区长期护理保险经办规程》第九条、第十二条、第十六条.
    """
    language = "ug" if language == "ug" else "zh"
    documents = documents_of(source)
    if len(documents) != 1 or documents[0] not in DOCUMENTS:
        return None
    parts: list[str] = []
    for code in re.split(r"[,;，；]\s*", source):
        match = _CODE.match(code.strip())
        part = _part(match.group(2), language) if match else None
        if part and part not in parts:
            parts.append(part)
    name = DOCUMENTS[documents[0]]
    if language == "zh":
        return name + "、".join(parts)
    return f"{name} {'؛ '.join(parts)}" if parts else name
