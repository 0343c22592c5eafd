"""Citations people can read (POLICY.md: "citizens read citations as document names and
articles in words"): the internal code stays in the data, the page shows the words."""

import re

import pytest

from portal.policy.documents import (
    FIRST_STRONG_ISOLATE,
    POP_DIRECTIONAL_ISOLATE,
    chinese_number,
    cite,
    documents,
)
from portal.policy.errors import ProfileError
from portal.policy.profiles import load_profile, region_codes

NINGXIA = "《宁夏回族自治区长期护理保险经办规程》"
XINJIANG = "《新疆维吾尔自治区长期护理保险经办规程》"
HEILONGJIANG = "《黑龙江省长期护理保险经办规程》"
FUZHOU = "《福州市长期护理保险委托承办管理办法》"
CODE = re.compile(r"\d{3}:")


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (15, "十五"),
        (20, "二十"),
        (47, "四十七"),
        (71, "七十一"),
    ],
)
def test_article_numbers_in_chinese_words(number, words):
    assert chinese_number(number) == words


@pytest.mark.parametrize(
    ("source", "zh"),
    [
        # items printed （五）: kept as printed, as the issue's own example
        ("000:15(5)", f"{NINGXIA}第十五条第（五）项"),
        # items printed "3.": in words; article 12 has two numbered lists, one per paragraph
        ("000:12.2(3)", f"{NINGXIA}第十二条第二款第三项"),
        ("000:12.1(4)", f"{NINGXIA}第十二条第一款第四项"),
        ("000:16", f"{NINGXIA}第十六条"),
        ("001:附件3", f"{XINJIANG}附件3"),
        ("001:6.2(6)", f"{XINJIANG}第六条第二款第六项"),
        # article 8 prints its second way of assessing as （2）; its steps are "3、"
        ("001:8(1)5", f"{XINJIANG}第八条第（一）项第五目"),
        ("001:8(2)3", f"{XINJIANG}第八条第（2）项第三目"),
        ("002:6.2(2)", f"{HEILONGJIANG}第六条第二款第二项"),
        ("002:8(7)1", f"{HEILONGJIANG}第八条第（七）项第一目"),
        ("003:4(13)", f"{FUZHOU}第四条第（十三）项"),
        # 004 prints no title and has no articles, only items
        ("004:(五)", "天津市医保局2024年12月6日通知第（五）项"),
        # parts from one document share its title
        ("000:12.2(2); 000:16", f"{NINGXIA}第十二条第二款第二项、第十六条"),
        ("000:14; 001:7; 002:7", f"{NINGXIA}第十四条；{XINJIANG}第七条；{HEILONGJIANG}第七条"),
    ],
)
def test_chinese_citation_names_the_document_and_the_article_in_words(source, zh):
    assert cite(source).text("zh") == zh


def test_uyghur_citation_keeps_the_chinese_title_isolated_and_words_the_place():
    citation = cite("000:15(5)")
    title, place = citation.segments("ug")
    assert (title.text, title.chinese_title) == (NINGXIA, True)
    assert place.text == " 15-ماددا، 5-تۈر"
    assert not place.chinese_title
    assert citation.text("ug") == (
        f"{FIRST_STRONG_ISOLATE}{NINGXIA}{POP_DIRECTIONAL_ISOLATE} 15-ماددا، 5-تۈر"
    )


@pytest.mark.parametrize("source", ["000:12.2(3)", "001:8(2)3", "001:附件3", "004:(五)"])
def test_uyghur_words_have_no_chinese_brackets_or_numerals(source):
    for segment in cite(source).segments("ug"):
        if not segment.chinese_title:
            assert not re.search(r"[（）\u4e00-\u9fff]", segment.text), segment.text


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("009:1", "no document"),
        ("000:99", "no article 99"),
        ("000:15(9)", "no item 9"),
        # article 12 has two lists: which one must be said
        ("000:12(3)", "no numbered list"),
        ("001:附件7", "no annex 7"),
        ("article 12", "is not like"),
    ],
)
def test_a_code_pointing_nowhere_is_refused(source, problem):
    with pytest.raises(ProfileError, match=problem):
        cite(source)


def _sources(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "source" and inner:
                yield inner
            else:
                yield from _sources(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _sources(inner)


@pytest.mark.parametrize("region", region_codes())
def test_every_source_in_every_profile_reads_as_words_without_a_code(region):
    sources = set(_sources(load_profile(region).to_dict()))
    assert sources
    for source in sources:
        for language in ("zh", "ug"):
            text = cite(source).text(language)
            assert not CODE.search(text), text
            assert "national" not in text


def test_every_seed_document_has_a_title():
    assert sorted(documents()) == ["000", "001", "002", "003", "004"]
    assert {d.region for d in documents().values()} == set(region_codes())
