"""One Uyghur voice (../shared/UYGHUR.md): every Uyghur text people read in the portal — the
catalog, the region profiles, the self-assessment forms, the WeChat menu — uses the glossary's
words (locales/ug/glossary.toml), glues no suffix to a placeholder and writes Uyghur letters
and punctuation."""

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "locales" / "ug" / "glossary.toml"
CATALOG = ROOT / "locales" / "ug" / "LC_MESSAGES" / "messages.po"
# The region profiles, the self-assessment forms and every other policy data file.
POLICY_FILES = sorted((ROOT / "portal" / "policy").rglob("*.toml"))
MENU = ROOT / "portal" / "wechat" / "menu.toml"

PLACEHOLDER = r"(?:%\(\w+\)s|\{\w+\})"
ARABIC_LETTER = "\u0621-\u064a\u0671-\u06d5"  # letters, not ، ؛ ؟
# Case and plural suffixes that, written after a placeholder, fit only some of its values
# ("%(phone)s غا" is wrong for most numbers). Write «%(phone)s نومۇرىغا», «… كۈنىگىچە».
SUFFIXES = "غا|قا|گە|كە|دا|دە|تا|تە|دىن|تىن|نىڭ|نى|غىچە|قىچە|گىچە|كىچە|دىكى|تىكى|لار|لەر|دەك|تەك|چە"
# An isolated placeholder («⁨%(time)s⁩ دا») is checked the same way.
SUFFIX_AFTER_PLACEHOLDER = re.compile(
    rf"{PLACEHOLDER}\u2069?(?:[{ARABIC_LETTER}]|\s*-?(?:{SUFFIXES})(?![{ARABIC_LETTER}]))"
)
# Chinese punctuation and brackets never appear in Uyghur text; Arabic and Persian letters
# that look like Uyghur ones are typos (ھ for h, ى for i, ك for k).
FOREIGN = {
    "（": "Chinese bracket, write (",
    "）": "Chinese bracket, write )",
    "，": "Chinese comma, write ،",
    "、": "Chinese enumeration comma, write ،",
    "。": "Chinese full stop, write .",
    "；": "Chinese semicolon, write ؛",
    "\u0647": "Arabic heh, write ھ or ە",
    "\u06cc": "Persian yeh, write ى or ي",
    "\u06a9": "Persian keheh, write ك",
    "\u0629": "Arabic teh marbuta",
}


def glossary() -> list[dict[str, Any]]:
    with GLOSSARY.open("rb") as handle:
        terms: list[dict[str, Any]] = tomllib.load(handle)["term"]
    return terms


def catalog_texts() -> Iterator[tuple[str, str]]:
    with CATALOG.open("rb") as handle:
        for message in read_po(handle, locale="ug"):
            if message.id and message.string:
                yield f"catalog: {message.id}", str(message.string)


def policy_texts() -> Iterator[tuple[str, str]]:
    """Every `ug` text in the profiles and forms, with where it is."""

    def walk(node: Any, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "ug" and isinstance(value, str):
                    yield where, value
                else:
                    yield from walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{where}[{index}]")

    for path in POLICY_FILES:
        with path.open("rb") as handle:
            yield from walk(tomllib.load(handle), path.relative_to(ROOT).as_posix())


def policy_pairs() -> Iterator[tuple[str, str, str]]:
    """Every zh/ug pair in the profiles and forms: (where, zh, ug)."""

    def walk(node: Any, where: str) -> Iterator[tuple[str, str, str]]:
        if isinstance(node, dict):
            if isinstance(node.get("zh"), str) and isinstance(node.get("ug"), str):
                yield where, node["zh"], node["ug"]
            for key, value in node.items():
                yield from walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{where}[{index}]")

    for path in POLICY_FILES:
        with path.open("rb") as handle:
            yield from walk(tomllib.load(handle), path.relative_to(ROOT).as_posix())


def menu_texts() -> Iterator[tuple[str, str]]:
    """The WeChat menu's names, which carry both languages ("失能自评 ئۆزى باھالاش")."""
    with MENU.open("rb") as handle:
        for button in tomllib.load(handle)["button"]:
            for item in [button, *button.get("sub_button", [])]:
                yield "portal/wechat/menu.toml", item["name"]


def uyghur_texts() -> list[tuple[str, str]]:
    return [*catalog_texts(), *policy_texts(), *menu_texts()]


def avoided_in(texts: list[tuple[str, str]]) -> list[str]:
    return [
        f"{where}: «{phrase}» ({term['zh']}: use «{' / '.join(term['use'])}»)"
        for term in glossary()
        for phrase in term["avoid"]
        for where, text in texts
        if phrase in text
    ]


def suffix_after_placeholder(text: str) -> list[str]:
    return [match.group(0) for match in SUFFIX_AFTER_PLACEHOLDER.finditer(text)]


def test_the_glossary_keeps_its_format() -> None:
    """The bot's own test reads this file too."""
    terms = glossary()
    assert len(terms) > 20
    for term in terms:
        assert set(term) <= {"zh", "use", "avoid", "training_ok", "confirm"}, term
        assert isinstance(term["zh"], str) and term["zh"], term
        assert all(isinstance(w, str) and w for w in term["use"]), term
        assert all(isinstance(w, str) and w for w in term["avoid"]), term
        assert not set(term["use"]) & set(term["avoid"]), term
        for flag in ("training_ok", "confirm"):
            assert isinstance(term.get(flag, False), bool), term


def test_the_re_evaluation_and_a_new_assessment_are_different_words() -> None:
    """复评 (after an objection) and 重新评估 must not read the same, or one is taken for
    the other."""
    by_zh = {term["zh"].split(" ")[0]: term["use"] for term in glossary()}
    for re_evaluation in by_zh["复评"]:
        for reassessment in by_zh["重新评估"]:
            assert re_evaluation not in reassessment and reassessment not in re_evaluation


def test_no_uyghur_text_uses_an_avoided_word() -> None:
    texts = uyghur_texts()
    assert len(texts) > 400, "the texts were not all found"
    found = avoided_in(texts)
    assert not found, "\n".join(found)


def test_the_check_finds_an_avoided_word() -> None:
    assert avoided_in([("sample", "ئىقتىدارسىزلىق دەرىجىسىنى باھالاش")])
    assert not avoided_in([("sample", "ئىقتىدار يوقىتىش دەرىجىسىنى باھالاش")])


def test_the_product_has_one_uyghur_name() -> None:
    (product,) = [term for term in glossary() if term["zh"].startswith("长护通")]
    (name,) = product["use"]
    names = {where: text for where, text in catalog_texts() if where == "catalog: 长护通"}
    assert names == {"catalog: 长护通": name}
    sms = [text for where, text in catalog_texts() if where.startswith("catalog: 【长护通】")]
    assert sms and all(text.startswith(f"【{name}】") for text in sms)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("مۇلازىمەت تېلېفونى %(phone)s غا تېلېفون قىلىڭ", "%(phone)s غا"),
        ("%(region)sنىڭ سىياسەت ھۆججەتلىرى", "%(region)sن"),
        ("%(date)s دىن بۇرۇن", "%(date)s دىن"),
        ("{region}دا", "{region}د"),
        ("%(date)s-گىچە", "%(date)s-گىچە"),
        ("\u2068%(time)s\u2069 دا قوشۇلدى", "%(time)s\u2069 دا"),
    ],
)
def test_the_check_finds_a_suffix_after_a_placeholder(text: str, wrong: str) -> None:
    assert suffix_after_placeholder(text) == [wrong]


@pytest.mark.parametrize(
    "text",
    [
        "%(grade)s-دەرىجە",
        "%(first)s-يىلدىن %(last)s-يىلغىچە",
        "%(phone)s نومۇرىغا",
        "%(count)s خىزمەت كۈنى",
        "{region} تەۋسىيە قىلغان دەرىجىگە يەتتى",
        "%(date)s ئۆچۈرۈلىدۇ",
    ],
)
def test_the_check_lets_a_word_follow_a_placeholder(text: str) -> None:
    assert suffix_after_placeholder(text) == []


def test_no_suffix_is_glued_to_a_placeholder() -> None:
    found = [
        f"{where}: {wrong!r} in {text!r}"
        for where, text in uyghur_texts()
        for wrong in suffix_after_placeholder(text)
    ]
    assert not found, "\n".join(found)


# A date already ends in «كۈنى» (portal/dates.py): «%(date)s كۈنى» would say it twice.
DAY_AFTER_DATE = re.compile(r"%\(\w*date\w*\)s\s*كۈن")


def test_no_day_word_follows_a_date() -> None:
    assert DAY_AFTER_DATE.search("باھالىغۇچىلار %(date)s كۈنى ئۆيگە كېلىدۇ")
    found = [where for where, text in catalog_texts() if DAY_AFTER_DATE.search(text)]
    assert not found, found


def test_profiles_and_forms_keep_their_placeholders_in_uyghur() -> None:
    pairs = list(policy_pairs())
    assert len(pairs) > 150
    placeholder = re.compile(r"\{\w+\}")
    for where, zh, ug in pairs:
        assert sorted(placeholder.findall(zh)) == sorted(placeholder.findall(ug)), where


# An article code written into a text ("001:6(6)") sits between U+2066 (or U+2068) and
# U+2069, so right-to-left display keeps it whole: unisolated it shows as «.))6(001:6(».
ARTICLE_CODE = re.compile(r"\d{3}:[^\s،]+")


def unisolated_codes(text: str) -> list[str]:
    return [
        match.group(0)
        for match in ARTICLE_CODE.finditer(text)
        if text[match.start() - 1 : match.start()] not in ("\u2066", "\u2068")
        or "\u2069" not in text[match.start() : match.end() + 1]
    ]


def test_the_check_finds_an_article_code_left_to_the_text_direction() -> None:
    assert unisolated_codes("قوبۇل قىلىنمايدۇ (000:12(3)).") == ["000:12(3))."]
    assert unisolated_codes("قوبۇل قىلىنمايدۇ (\u2066000:12(3)\u2069).") == []


def test_article_codes_in_uyghur_text_are_isolated() -> None:
    found = [
        f"{where}: {code!r}" for where, text in uyghur_texts() for code in unisolated_codes(text)
    ]
    assert not found, "\n".join(found)


def test_uyghur_text_uses_uyghur_letters_and_punctuation() -> None:
    found = [
        f"{where}: {why} in {text!r}"
        for where, text in uyghur_texts()
        for character, why in FOREIGN.items()
        if character in text
    ]
    assert not found, "\n".join(found)
