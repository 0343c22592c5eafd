"""One Uyghur voice (../shared/UYGHUR.md, locales/ug/glossary.toml): the glossary's words,
isolated numbers and codes, one date style, citations in words."""

from __future__ import annotations

import datetime as dt
import pathlib
import re
from typing import Any

import pytest
import tomli

from actions import bidi, catalog, citations, dates

BOT = pathlib.Path(__file__).resolve().parents[1]
GLOSSARY = BOT.parent / "locales" / "ug" / "glossary.toml"
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


def test_dates_in_one_style():
    day = dt.date(2027, 1, 20)
    assert dates.format_date(day, "ug") == "2027-يىلى 1-ئاينىڭ 20-كۈنى"
    assert dates.format_date("2027-01-20", "zh") == "2027年1月20日"
    assert dates.format_date(day, "ug") + dates.UNTIL_SUFFIX == "2027-يىلى 1-ئاينىڭ 20-كۈنىگىچە"


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
