import datetime as dt

import pytest

from actions import parsing
from actions.dates import format_date
from components.mixed_tokenizer import load_dictionaries, tokenize_text

TODAY = dt.date(2024, 11, 20)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("我妈瘫痪在床好几年了，能申请吗？", "zh"),
        ("ئانام پالەچ بولۇپ قالدى ئىلتىماس قىلسا بولامدۇ", "ug"),
        ("ئۇزۇن مۇددەتلىك 长护险", "ug"),
        ("2", None),
        ("", None),
    ],
)
def test_language_is_read_from_the_script(text, expected):
    assert parsing.detect_language(text) == expected


@pytest.mark.parametrize(
    "text,region",
    [
        ("宁夏对评估结论不服，多久之内要提？", "ningxia"),
        ("我在银川", "ningxia"),
        ("乌鲁木齐的", "xinjiang"),
        ("ئۈرۈمچىدە تۇرىمەن", "xinjiang"),
        ("بىز غۇلجىدا", "xinjiang"),
        ("我家在黑龙江大庆", "heilongjiang"),
        ("福州鼓楼区", "fuzhou"),
        ("天津", "tianjin"),
        ("能申请吗", None),
    ],
)
def test_region_is_found_by_place_name(text, region):
    assert parsing.detect_region(text) == region


@pytest.mark.parametrize(
    "text,region",
    [
        ("1", "ningxia"),
        ("2", "xinjiang"),
        (" 3 ", "heilongjiang"),
        ("选4", "fuzhou"),
        ("５", "tianjin"),
        ("6", None),
        ("12", None),
    ],
)
def test_numbered_choice(text, region):
    assert parsing.region_from_choice(text) == region


@pytest.mark.parametrize(
    "text,expected",
    [
        ("结论书10月9日收到的，异议最晚哪天？", dt.date(2024, 10, 9)),
        ("十月九号收到结论书", dt.date(2024, 10, 9)),
        ("二月十号到的", dt.date(2024, 2, 10)),
        ("12月25号收到", dt.date(2023, 12, 25)),  # would be in the future: last year
        ("评估结论2024年5月10日作出的", dt.date(2024, 5, 10)),
        ("结论2024-03-18出的", dt.date(2024, 3, 18)),
        ("结论书是昨天收到的", dt.date(2024, 11, 19)),
        ("خۇلاسە خېتىنى 10-ئاينىڭ 9-كۈنى تاپشۇرۇۋالدىم", dt.date(2024, 10, 9)),
        ("9-سېنتەبىر تەستىقلاندى", dt.date(2024, 9, 9)),
        ("异议多久之内要提", None),
        ("2月30号", None),
    ],
)
def test_dates(text, expected):
    assert parsing.parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text,rule",
    [
        ("结论书10月9日收到的，异议最晚哪天？", "objection"),
        ("我3月5号拿到结论书 复评最晚啥时候申请", "objection"),
        ("结论是去年11月20日出的 什么时候能重新评估", "reassessment_earliest"),
        ("评估结论2024年5月10日作出的 有效期到哪天", "validity_end"),
        ("9月15号审批通过的 从哪天开始享受待遇", "benefit_start"),
        ("公示是8月1号开始的 公示到哪天结束", "publicity_end"),
        ("6月1日受理的 结论书最晚哪天送到", "conclusion_delivery"),
        ("10月8号受理的 啥时候出审核结果", "acceptance_review"),
        ("خۇلاسە خېتىنى ئالدىم نارازىلىقنى قاچانغىچە بىلدۈرىمەن", "objection"),
        ("خۇلاسىگە قوشۇلمايمىز قايتا كۆرۈپ چىقىشنى قاچانغىچە ئىلتىماس قىلىمىز", "objection"),
        ("خۇلاسە 3-ئاينىڭ 1-كۈنى چىقتى قاچان قايتا باھالاتقىلى بولىدۇ", "reassessment_earliest"),
        ("你好", None),
    ],
)
def test_deadline_rule(text, rule):
    assert parsing.detect_deadline_rule(text) == rule


@pytest.mark.parametrize(
    "text,previous,chosen,rule",
    [
        # a date alone, or with the event it counts from, belongs to the period just discussed
        ("结论书是10月9号收到的", "objection", "conclusion_delivery", "objection"),
        ("10月9号收到的", "reassessment_earliest", None, "reassessment_earliest"),
        ("6月1日受理的", "conclusion_delivery", "acceptance_review", "conclusion_delivery"),
        # a message naming its own period keeps it
        ("6月1日受理的 结论书最晚哪天送到", "objection", None, "conclusion_delivery"),
        ("结论书10月9日收到 有效期到哪天", "objection", None, "validity_end"),
        # without a conversation: the model's topic, then the event words
        ("结论书10月9日收到的", None, "objection", "objection"),
        ("结论书10月9日收到的", None, None, "conclusion_delivery"),
    ],
)
def test_deadline_rule_in_a_conversation(text, previous, chosen, rule):
    assert parsing.detect_deadline_rule(text, previous, chosen) == rule


def test_district_and_service_type():
    assert parsing.detect_district("金凤区有哪些定点护理机构") == "金凤区"
    assert parsing.detect_district("我在鼓楼区 有没有社区护理的") == "鼓楼区"
    assert parsing.detect_district("附近有能上门护理的机构吗") is None
    assert parsing.detect_district("社区护理是怎么回事") is None
    assert parsing.detect_district("تەڭرىتاغ رايونىدا قايسى ئاسراش ئورۇنلىرى بار") == "تەڭرىتاغ"
    assert parsing.detect_district("تەڭرىتاغ رايونى ئاسراش ئورنى") == "تەڭرىتاغ"
    assert parsing.detect_service_type("能上门护理的机构") == "home"
    assert parsing.detect_service_type("社区护理的") == "community"
    assert parsing.detect_service_type("找个能住的护理院") == "institution"
    assert parsing.detect_service_type("定点机构名单") is None


def test_date_formatting():
    assert format_date("2024-10-23", "zh") == "2024年10月23日"
    assert format_date("2024-10-23", "ug") == "2024-يىلى 10-ئاينىڭ 23-كۈنى"


def test_today_is_chinas_today(monkeypatch):
    """23:30 UTC on 2 March is already 3 March in China."""
    import actions.clock as clock

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2026, 3, 2, 23, 30, tzinfo=dt.timezone.utc).astimezone(tz)

    monkeypatch.setattr(clock.dt, "datetime", Frozen)
    assert clock.china_today() == dt.date(2026, 3, 3)


def test_tokenizer_uses_the_domain_dictionary_and_drops_spaces():
    load_dictionaries("dict")
    words = [w for w, _ in tokenize_text("我妈 失能等级评估 转人工  重新评估")]
    assert "失能等级评估" in words and "转人工" in words and "重新评估" in words
    assert all(w.strip() for w in words)


def test_tokenizer_splits_uyghur_on_whitespace_and_punctuation():
    text = "ئانام پالەچ، ئىلتىماس قىلسا بولامدۇ؟ 长护险"
    tokens = tokenize_text(text)
    assert [w for w, _ in tokens] == ["ئانام", "پالەچ", "ئىلتىماس", "قىلسا", "بولامدۇ", "长护险"]
    for word, start in tokens:
        assert text[start : start + len(word)] == word


@pytest.mark.parametrize(
    "text,code",
    [
        ("绑定123456", "123456"),
        ("绑定 123 456", "123456"),
        ("我的绑定码是123456", "123456"),
        ("绑定码：123-456。", "123456"),
        ("绑定 1 2 3 4 5 6", "123456"),
        ("绑定 １２３４５６", "123456"),
        ("باغلاش 123456", "123456"),
        ("باغلاش كودى 123 456", "123456"),
        ("باغلاش ١٢٣٤٥٦", "123456"),
        ("绑定", None),
        ("绑定 12345", None),
        ("绑定 1234567", None),
        ("电话13912345678", None),
        ("2024-10-09收到的", None),
    ],
)
def test_binding_code_is_six_digits(text, code):
    assert parsing.binding_code(text) == code
