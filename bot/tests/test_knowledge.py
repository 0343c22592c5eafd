"""The knowledge file says what POLICY.md says, for every region, in both languages."""

from __future__ import annotations

import pathlib
import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from actions import knowledge, links
from actions.regions import REGION_NAMES, REGIONS

BOT = pathlib.Path(__file__).resolve().parents[1]
TOPICS = knowledge.topics()

# Regions with their own rule in POLICY.md (a row or bullet per region there).
REQUIRED_REGIONS = {
    "eligibility": {"ningxia", "xinjiang", "heilongjiang"},
    "refusal": {"ningxia", "xinjiang", "heilongjiang"},
    "materials": {"ningxia", "xinjiang", "heilongjiang"},
    "conclusion_time": {"ningxia", "xinjiang", "heilongjiang"},
    "publicity": {"ningxia", "xinjiang", "heilongjiang"},
    "objection": {"ningxia", "xinjiang", "heilongjiang"},
    "benefit_start": {"ningxia", "xinjiang"},
    "choose_institution": {"ningxia", "xinjiang", "heilongjiang"},
    "change_institution": {"ningxia", "tianjin"},
    "hospital_pause": {"ningxia"},
    "suspension": {"ningxia"},
    "complaints_info": {"fuzhou"},
    "premium": {"ningxia", "xinjiang", "heilongjiang"},
    "family_caregiver": {"tianjin"},
    "service_types": {"tianjin"},
    "assessment_process": {"heilongjiang"},
    "how_to_apply": {"xinjiang", "heilongjiang"},  # 001:7, 002:7: online material may be spared
}
# Answered at once whatever the region (issue 10, part 11), plus those the three
# provincial procedures state alike.
REGION_INDEPENDENT = {
    "what_is_ltci",
    "who_may_apply",
    "assessment_process",
    "service_types",
    "privacy",
    "recusal",
    "how_to_apply",
    "benefit_amount",
}
MAX_LEN = {"zh": 130, "ug": 500}  # Uyghur takes about four letters per Chinese character
CODE = re.compile(r"\b\d{3}:\S|national|默认|通用规程|ئورتاق قائىدە")


def all_entries() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for topic, entry in TOPICS.items():
        for region, answer in entry["answers"].items():
            yield topic, region, answer


def said(topic: str, language: str, region: str | None) -> str:
    found = knowledge.answer(topic, language, region)
    assert found is not None
    return found.text


def test_every_topic_is_a_retrieval_intent_with_training_data_in_both_languages():
    domain = yaml.safe_load((BOT / "domain.yml").read_text(encoding="utf-8"))
    zh = (BOT / "data" / "nlu" / "faq_zh.yml").read_text(encoding="utf-8")
    ug = (BOT / "data" / "nlu" / "faq_ug.yml").read_text(encoding="utf-8")
    for topic in TOPICS:
        assert f"utter_faq/{topic}" in domain["responses"]
        assert f"intent: faq/{topic}\n" in zh, topic
        assert f"intent: faq/{topic}\n" in ug, topic


@pytest.mark.parametrize("topic,region,answer", list(all_entries()))
def test_answer_in_both_languages_short_sourced_and_without_codes(topic, region, answer):
    for language in ("zh", "ug"):
        text = answer[language]
        assert text and len(text) <= MAX_LEN[language], (topic, region, language, len(text))
        assert not CODE.search(text), (topic, region, language)
    assert answer["source"]
    assert not re.search(r"[\u4e00-\u9fff]", answer["ug"]), "Chinese left in a Uyghur answer"
    assert "（" not in answer["ug"] and "）" not in answer["ug"], "full-width brackets in Uyghur"


@pytest.mark.parametrize("topic,region,answer", list(all_entries()))
def test_the_uyghur_says_every_number_the_chinese_says(topic, region, answer):
    """A cheap clause check: a dropped clause usually drops its number (6个月, 30日 …)."""
    numbers = {
        language: sorted(re.findall(r"\d+", answer[language].replace("{hotline}", "H")))
        for language in ("zh", "ug")
    }
    assert numbers["zh"] == numbers["ug"], (topic, region)
    assert ("{hotline}" in answer["zh"]) == ("{hotline}" in answer["ug"]), (topic, region)


def test_schema_regions_links_and_subjects():
    for topic, regions in REQUIRED_REGIONS.items():
        assert regions <= set(TOPICS[topic]["answers"]), topic
    for topic, entry in TOPICS.items():
        keys = set(entry["answers"])
        assert keys <= set(REGIONS) | {"all", "national"}, topic
        assert entry["link"] is None or entry["link"] in links.PAGES, topic
        if entry["region_specific"]:
            assert "all" not in keys and set(entry["subject"]) == {"zh", "ug"}, topic
        else:
            assert "all" in keys and "national" not in keys, topic
    assert {t for t, e in TOPICS.items() if not e["region_specific"]} >= REGION_INDEPENDENT


def test_region_independent_topics_need_no_region():
    for topic in REGION_INDEPENDENT:
        found = knowledge.answer(topic, "zh", None)
        assert found is not None and found.kind == "all", topic


def test_a_region_specific_topic_waits_for_the_region():
    assert knowledge.answer("objection", "zh", None) is None


@pytest.mark.parametrize(
    "topic,region",
    [
        ("benefit_start", "heilongjiang"),
        ("benefit_start", "tianjin"),
        ("benefit_start", "fuzhou"),
        ("objection", "tianjin"),
        ("hospital_pause", "xinjiang"),
        ("family_caregiver", "ningxia"),
        ("publicity", "fuzhou"),
    ],
)
def test_not_stated_says_so_with_the_hotline_and_never_another_regions_rule(topic, region):
    for language in ("zh", "ug"):
        found = knowledge.answer(topic, language, region)
        assert found is not None and found.kind == "not_stated"
        assert "12393" in found.text and REGION_NAMES[language][region] in found.text
        others = [name for code, name in REGION_NAMES[language].items() if code != region]
        assert not any(name in found.text for name in others), found.text
    assert "没有规定" in said(topic, "zh", region) and "经办机构会告诉您" in said(
        topic, "zh", region
    )
    assert "بەلگىلەنمىگەن" in said(topic, "ug", region)


def test_national_answer_for_a_region_without_its_own_says_the_document_sets_nothing_else():
    text = said("conclusion_time", "zh", "fuzhou")
    assert "30个工作日" in text and "福州的文件没有另外规定" in text


def test_xinjiang_refusal_6_6_is_or_and_only_a_failed_conclusion_counts():
    """001:6(6): less than 6 months since a failed conclusion, OR no clear change."""
    for topic in ("eligibility", "refusal"):
        zh = said(topic, "zh", "xinjiang")
        assert re.search(r"(没通过|未通过)[^。]*6个月，?或", zh), zh
        assert "且没明显变化" not in zh and "且没有明显变化" not in zh
        ug = said(topic, "ug", "xinjiang")
        assert "ئۆتەلمىگەن" in ug and re.search(r"6 ئاي توشمىغان،? ياكى", ug), ug
        assert "توشمىغان ھەم ئەھۋالى" not in ug


def test_heilongjiang_objection_adds_no_words_the_document_does_not_use():
    zh, ug = said("objection", "zh", "heilongjiang"), said("objection", "ug", "heilongjiang")
    assert "15个工作日" in zh and "长护通的理解" in zh
    assert "书面" not in zh and "逾期" not in zh and "不再受理" not in zh
    assert "يازما" not in ug and "ۋاقتى ئۆتسە" not in ug
    assert "15 خىزمەت كۈنى" in ug


def test_xinjiang_objection_for_a_failed_conclusion_has_no_period():
    zh = said("objection", "zh", "xinjiang")
    assert "公示期内" in zh and "没规定提出期限" in zh and "复评请求、事实、理由及依据" in zh
    ug = said("objection", "ug", "xinjiang")
    assert "بەلگىلەنمىگەن" in ug and "سەۋەب" in ug


def test_ningxia_objection_is_written_and_late_ones_are_refused():
    zh = said("objection", "zh", "ningxia")
    assert "10个工作日内" in zh and "书面" in zh and "逾期不再受理" in zh


def test_validity_is_generally_at_most_two_years_and_reassessment_needs_both_conditions():
    assert "一般不超过2年" in said("validity", "zh", None)
    assert "ئادەتتە 2 يىلدىن ئاشمايدۇ" in said("validity", "ug", None)
    reassessment = said("reassessment", "zh", None)
    assert "并且" in reassessment and "满6个月" in reassessment and "两条都满足" in reassessment
    assert "ئىككى شەرت تەڭ" in said("reassessment", "ug", None)


def test_only_an_agent_needs_a_power_of_attorney():
    zh = said("who_may_apply", "zh", None)
    assert "监护人" in zh and "不用交委托书" in zh and "委托代理人" in zh and "要交委托书" in zh
    ug = said("who_may_apply", "ug", None)
    assert "ۋەسىي" in ug and "ۋاكالەتنامە كېرەك ئەمەس" in ug
    assert "委托代理人申请的还要交委托书，监护人不用" in said("materials", "zh", "ningxia")


def test_sparing_paper_for_what_is_online_is_a_permission_only_where_the_document_says_it():
    """001:7, 002:7 可不要求: "may not ask", never a promise, and never for ningxia."""
    for region in ("xinjiang", "heilongjiang"):
        assert "可以不要求您" in said("how_to_apply", "zh", region)
        assert "تەلەپ قىلماسلىقى مۇمكىن" in said("how_to_apply", "ug", region)
    assert "不要求" not in said("how_to_apply", "zh", "ningxia")
    assert "不用再交" not in said("how_to_apply", "zh", None)


def test_no_answer_promises_one_time_notice_to_citizens():
    """一次性告知 is owed to institutions applying to be designated, not to citizens."""
    for _topic, _region, answer in all_entries():
        assert "一次性" not in answer["zh"] and "بىر قېتىمدىلا" not in answer["ug"]


def test_ningxia_premium_and_eligibility_say_what_000_9_says():
    """Issue 16: shared (not equal halves); flexible workers pay all of it themselves;
    职工医保, not any medical insurance."""
    zh, ug = said("premium", "zh", "ningxia"), said("premium", "ug", "ningxia")
    assert "单位和个人分担" in zh and "灵活就业人员本人全额缴纳" in zh
    assert "تەڭ كۆتۈرىدۇ" not in ug and "ئورتاق كۆتۈرىدۇ" in ug
    assert "ھەممىسىنى ئۆزى تۆلەيدۇ" in ug
    assert "职工医保" in said("eligibility", "zh", "ningxia")
    assert "خىزمەتچىلەر ئاساسىي داۋالاش سۇغۇرتىسى" in said("eligibility", "ug", "ningxia")


def test_no_arabic_heh_in_uyghur_text():
    """Uyghur writes h as ھ (U+06BE) and e as ە (U+06D5); ه (U+0647) is always a typo."""
    from actions import catalog

    bad = [where for where, text in catalog.uyghur_texts() if "\u0647" in text]
    for path in [
        BOT / "domain.yml",
        *(BOT / "data").rglob("*.yml"),
        *(BOT / "tests").rglob("*.yml"),
    ]:
        if "\u0647" in path.read_text(encoding="utf-8"):
            bad.append(str(path.relative_to(BOT)))
    assert not bad, bad
