"""One Uyghur voice (../shared/UYGHUR.md, locales/ug/glossary.toml): the glossary's words,
isolated numbers and codes, one date style, citations in words."""

from __future__ import annotations

import ast
import datetime as dt
import pathlib
import re
from typing import Any

import pytest
import tomli

from actions import bidi, catalog, citations, dates, deadlines

BOT = pathlib.Path(__file__).resolve().parents[1]
GLOSSARY = BOT.parent / "locales" / "ug" / "glossary.toml"
PORTAL_DATES = BOT.parent / "portal" / "dates.py"
SIDE_BY_SIDE = BOT / "docs" / "answers_side_by_side.md"


def glossary_terms() -> list[dict[str, Any]]:
    terms: list[dict[str, Any]] = tomli.loads(GLOSSARY.read_text(encoding="utf-8"))["term"]
    return terms


def avoided(training: bool) -> list[tuple[str, str]]:
    """(phrase, term) pairs a text must not contain; NLU training data may keep a phrase
    whose term says `training_ok` (people type it, the bot must understand it)."""
    return [
        (phrase, term["zh"])
        for term in glossary_terms()
        for phrase in term.get("avoid", [])
        if not (training and term.get("training_ok"))
    ]


def test_the_glossary_is_read_and_has_avoided_phrases():
    assert len(avoided(training=False)) >= 10


def test_no_text_the_bot_says_uses_an_avoided_phrase():
    found = [
        (where, phrase, term)
        for where, text in catalog.uyghur_texts()
        for phrase, term in avoided(training=False)
        if phrase in text
    ]
    assert not found, found


def test_training_data_keeps_an_avoided_phrase_only_where_the_glossary_allows():
    files = [
        *(BOT / "data" / "nlu").glob("*.yml"),
        *(BOT / "tests" / "nlu").glob("*.yml"),
        BOT / "tests" / "heldout" / "conversations.yml",
    ]
    found = [
        (path.name, phrase)
        for path in files
        for phrase, _term in avoided(training=True)
        if phrase in path.read_text(encoding="utf-8")
    ]
    assert not found, found


def stems(zh: str) -> list[str]:
    """The glossary's words for the term whose Chinese starts with `zh`, as they begin in any
    form: a verb without its -ش ending («ئۆزىنى قاچۇرۇش» → «ئۆزىنى قاچۇر»: قاچۇرىدۇ, قاچۇرۇشى)."""
    (term,) = [term for term in glossary_terms() if term["zh"].startswith(zh)]
    return [word[:-2] if word.endswith(("ۇش", "ىش", "ۈش")) else word for word in term["use"]]


@pytest.mark.parametrize("zh", ["长护通", "热线", "回避", "经办规程"])
def test_a_text_that_names_the_term_in_chinese_uses_the_glossarys_word(zh):
    """The product's one name, the hotline, recusal and the procedures: wherever the Chinese
    says it (outside a document's title, which stays Chinese), the Uyghur twin says the
    glossary's word."""
    said = [pair for pair in catalog.pairs() if zh in re.sub("《[^》]*》", "", pair.zh)]
    assert said, f"no bot text says {zh}"
    missing = [pair.key for pair in said if not any(stem in pair.ug for stem in stems(zh))]
    assert not missing, missing


def test_reassessment_and_re_evaluation_keep_their_own_words():
    """复评 is قايتا كۆرۈپ چىقىش, 重新评估 is قايتا باھالاش: an answer about one never uses
    the other's word, so that the two are never confused."""
    for pair in catalog.pairs():
        if "复评" in pair.zh and "重新评估" not in pair.zh:
            assert "قايتا باھالا" not in pair.ug, pair.key
        if "重新评估" in pair.zh and "复评" not in pair.zh:
            assert "قايتا كۆرۈپ" not in pair.ug, pair.key


def test_every_number_and_code_in_a_uyghur_reply_is_isolated():
    bare = [
        (where, run) for where, text in catalog.uyghur_texts() for run in bidi.unisolated_runs(text)
    ]
    assert not bare, bare


@pytest.mark.parametrize(
    "text,isolated",
    [
        ("(001:6(6))", f"({bidi.FSI}001:6(6){bidi.PDI})"),
        ("NX-2024-0001 马*兰", f"{bidi.FSI}NX-2024-0001{bidi.PDI} {bidi.FSI}马*兰{bidi.PDI}"),
        ("0951-1234567 نومۇرىغا", f"{bidi.FSI}0951-1234567{bidi.PDI} نومۇرىغا"),
        ("باغلاش 123 456", f"باغلاش {bidi.FSI}123 456{bidi.PDI}"),
        ("《宁夏》 15-ماددا", f"{bidi.FSI}《宁夏》{bidi.PDI} 15-ماددا"),
        ("2027-يىلى 1-ئاينىڭ 20-كۈنى", "2027-يىلى 1-ئاينىڭ 20-كۈنى"),
        ("بۇ يەردە:\nhttps://a.example/apply/", "بۇ يەردە:\nhttps://a.example/apply/"),
        # a citation the portal isolated already, next to a number the bot adds
        (
            f"{bidi.FSI}《宁夏》{bidi.PDI} 15-ماددا (10 كۈن)",
            f"{bidi.FSI}《宁夏》{bidi.PDI} 15-ماددا ({bidi.FSI}10{bidi.PDI} كۈن)",
        ),
    ],
)
def test_isolation(text, isolated):
    assert bidi.isolate(text) == isolated
    assert bidi.isolate(isolated) == isolated  # said once, isolated once


def portal_patterns() -> dict[str, dict[str, str]]:
    """PATTERNS as portal/dates.py writes it (read, not imported: the portal has its own
    virtualenv)."""
    tree = ast.parse(PORTAL_DATES.read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "PATTERNS"
            and node.value is not None
        ):
            patterns: dict[str, dict[str, str]] = ast.literal_eval(node.value)
            return patterns
    raise LookupError("no PATTERNS in portal/dates.py")


def test_dates_use_the_portals_patterns():
    portal = portal_patterns()
    for language, endings in dates.PATTERNS.items():
        for ending, pattern in endings.items():
            assert portal[language][ending] == pattern, (language, ending)


@pytest.mark.parametrize(
    "language,ending,expected",
    [
        ("zh", "on", "2027年1月20日"),
        ("zh", "until", "2027年1月20日"),
        ("zh", "since", "2027年1月20日"),
        ("ug", "on", "2027-يىلى 1-ئاينىڭ 20-كۈنى"),
        ("ug", "until", "2027-يىلى 1-ئاينىڭ 20-كۈنىگىچە"),
        ("ug", "since", "2027-يىلى 1-ئاينىڭ 20-كۈنىدىن"),
    ],
)
def test_dates_in_one_style(language, ending, expected):
    assert dates.format_date(dt.date(2027, 1, 20), language, ending) == expected
    assert dates.format_date("2027-01-20", language, ending) == expected


def deadline(rule: str, region: str, language: str, qualifier: str | None = None) -> str:
    body = {"from": "2026-09-09", "due": "2026-10-09", "source": "", "qualifier": qualifier}
    return deadlines.format_result(body, rule, region, language)


def test_a_last_day_is_said_as_the_portal_says_it():
    """A last day ("at the latest") is the day itself («ئەڭ كېچىكىپ … كۈنى»), as in the
    portal's pages; "at least until" and "at most until" take «… كۈنىگىچە», "from"
    «… كۈنىدىن»."""
    objection = deadline("objection", "ningxia", "ug")
    assert "ئەڭ كېچىكىپ 2026-يىلى 10-ئاينىڭ 9-كۈنى قايتا" in objection
    assert "2026-يىلى 9-ئاينىڭ 9-كۈنىدىن ھېسابلىغاندا" in objection
    assert "كېچىككەندە" not in objection and "10-ئاينىڭ 9-كۈنىگىچە" not in objection
    publicity = deadline("publicity_end", "ningxia", "ug", "at_least")
    assert "كەم دېگەندە 2026-يىلى 10-ئاينىڭ 9-كۈنىگىچە" in publicity
    validity = deadline("validity_end", "ningxia", "ug", "generally_at_most")
    assert "ئەڭ ئۇزۇن بولغاندا 2026-يىلى 10-ئاينىڭ 9-كۈنىگىچە" in validity
    assert "2026-يىلى 10-ئاينىڭ 9-كۈنىدىن باشلاپ" in deadline("benefit_start", "ningxia", "ug")


@pytest.mark.parametrize(
    "language,at_least", [("zh", "公示期至少到2026年10月9日"), ("ug", "كەم دېگەندە")]
)
def test_an_objection_window_that_lasts_at_least_is_never_a_last_day(language, at_least):
    """Xinjiang's objection window is the publicity, which lasts at least until the date
    the portal gives (qualifier at_least): not "at the latest", as in the portal's timeline."""
    text = deadline("objection", "xinjiang", language, "at_least")
    assert at_least in text
    assert "最晚" not in text and "ئەڭ كېچىكىپ" not in text


def test_no_reply_shows_a_bare_iso_date_or_a_month_name():
    months = ("يانۋار", "فېۋرال", "مارت", "ئاپرېل", "ئىيۇن", "ئىيۇل", "ئاۋغۇست", "سېنتەبىر")
    for pair in catalog.pairs():
        for text in (pair.zh, pair.ug):
            assert not re.search(r"\d{4}-\d{2}-\d{2}", text), pair.key
        assert not any(month in pair.ug for month in months), pair.key


@pytest.mark.parametrize(
    "source,zh,ug",
    [
        ("000:15(5)", "《宁夏回族自治区长期护理保险经办规程》第十五条", "15-ماددا"),
        ("001:8(1)5; 001:8(2)3", "《新疆维吾尔自治区长期护理保险经办规程》第八条", "8-ماددا"),
        ("000:9, 000:12, 000:16", "第九条、第十二条、第十六条", "》 9-ماددا؛ 12-ماددا؛ 16-ماددا"),
        ("001:6(3); 001:附件2", "第六条、附件2", "2-قوشۇمچە"),
        ("004:(五)", "天津市医保局2024年12月6日通知第（五）项", "通知 5-تۈر"),
        ("002:58", "《黑龙江省长期护理保险经办规程》第五十八条", "58-ماددا"),
    ],
)
def test_citations_in_words(source, zh, ug):
    assert zh in (citations.cite(source, "zh") or "")
    assert ug in (citations.cite(source, "ug") or "")
    assert ":" not in (citations.cite(source, "zh") or "")


def test_a_source_naming_several_documents_is_not_cited_as_one():
    assert citations.cite("000:14, 001:7, 002:7", "zh") is None


def test_the_committed_side_by_side_file_is_current():
    """`make side-by-side` writes it; it is read and reviewed whenever a text changes."""
    assert SIDE_BY_SIDE.read_text(encoding="utf-8") == catalog.side_by_side()
