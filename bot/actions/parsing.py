"""Reading what the bot needs from a message: script/language, region, dates, districts.

Region, date and district are read here deterministically instead of being learned as
entities: five regions and their cities form a small closed list, and dates have a few
spoken forms; a gazetteer and regular expressions are exact and testable where a model
trained on a few hundred examples would not be.
"""

from __future__ import annotations

import datetime as dt
import re

from .clock import china_today

# place names (province, prefecture cities, common short forms) → region code
_REGION_WORDS = {
    "ningxia": ["宁夏", "银川", "石嘴山", "吴忠", "固原", "中卫", "宁厦", "نىڭشيا", "يىنچۈەن"],
    "xinjiang": [
        "新疆",
        "乌鲁木齐",
        "乌市",
        "喀什",
        "伊犁",
        "伊宁",
        "和田",
        "阿克苏",
        "克拉玛依",
        "吐鲁番",
        "哈密",
        "昌吉",
        "库尔勒",
        "石河子",
        "阿勒泰",
        "塔城",
        "博乐",
        "شىنجاڭ",
        "ئۈرۈمچى",
        "قەشقەر",
        "غۇلجا",
        "غۇلجى",
        "خوتەن",
        "ئاقسۇ",
        "تۇرپان",
        "قۇمۇل",
        "كورلا",
        "كورلى",
        "سانجى",
        "ئالتاي",
        "چۆچەك",
        "قاراماي",
        "ئاتۇش",
    ],
    "heilongjiang": [
        "黑龙江",
        "哈尔滨",
        "齐齐哈尔",
        "大庆",
        "牡丹江",
        "佳木斯",
        "黑河",
        "绥化",
        "鸡西",
        "鹤岗",
        "双鸭山",
        "伊春",
        "七台河",
        "大兴安岭",
        "خېيلۇڭجياڭ",
        "خاربىن",
    ],
    "fuzhou": ["福州", "福建", "闽侯", "长乐", "福清", "فۇجۇ"],
    "tianjin": ["天津", "滨海新区", "تيەنجىن"],
}

_DIGIT_CHOICE = {
    "1": "ningxia",
    "2": "xinjiang",
    "3": "heilongjiang",
    "4": "fuzhou",
    "5": "tianjin",
    "１": "ningxia",
    "２": "xinjiang",
    "３": "heilongjiang",
    "４": "fuzhou",
    "５": "tianjin",
    "一": "ningxia",
    "二": "xinjiang",
    "三": "heilongjiang",
    "四": "fuzhou",
    "五": "tianjin",
    "٣": "heilongjiang",
    "١": "ningxia",
    "٢": "xinjiang",
    "٤": "fuzhou",
    "٥": "tianjin",
}

_ARABIC = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def detect_language(text: str) -> str | None:
    """'ug' for mainly Arabic-script text, 'zh' for Han, None when neither (e.g. "2")."""
    text = text or ""
    arabic = len(_ARABIC.findall(text))
    han = len(_HAN.findall(text))
    if arabic == 0 and han == 0:
        return None
    return "ug" if arabic > han else "zh"


def detect_region(text: str) -> str | None:
    text = text or ""
    for region, words in _REGION_WORDS.items():
        if any(word in text for word in words):
            return region
    return None


_QUESTION_WORDS = re.compile(
    r"[?？吗嘛么啥哪几咋]|什么|多久|多少|怎么|怎样|能不能|可以不|行不行"
    r"|قانچە|قاچان|نېمە|قانداق|قەيەر|قايسى|\S+مۇ\b|\S+مدۇ\b|\S+امدۇ\b|؟"
)


def asks_something(text: str) -> bool:
    """True when a message that names a region also asks a question ("宁夏…咋办")."""
    return bool(_QUESTION_WORDS.search(text or ""))


def region_from_choice(text: str) -> str | None:
    """A numbered choice reply ("2", "2.", "选2", "第2个") → region code."""
    stripped = re.sub(r"[\s.。、,，)）:：选第个号]", "", text or "")
    return _DIGIT_CHOICE.get(stripped)


# ---------------------------------------------------------------- dates

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _cn_number(text: str) -> int | None:
    """Chinese numerals up to 99 (十, 十一, 二十三, 三十一) or Arabic digits."""
    if text.isdigit():
        return int(text)
    if not text:
        return None
    if "十" in text:
        tens, _, units = text.partition("十")
        tens_value = _CN_DIGITS.get(tens) if tens else 1
        units_value = _CN_DIGITS.get(units) if units else 0
        if tens_value is None or units_value is None:
            return None
        return tens_value * 10 + units_value
    if len(text) == 1:
        return _CN_DIGITS.get(text)
    return None


_NUM = r"(\d{1,2}|[一二三四五六七八九十两]{1,3})"
_ZH_FULL = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")
_ZH_MONTH_DAY = re.compile(_NUM + r"\s*月(?:份)?\s*" + _NUM + r"\s*[日号號]?")
_UG_FULL = re.compile(r"(\d{4})\s*-?\s*يىل(?:ى|ىنىڭ)?\s*(\d{1,2})\s*-?\s*ئاي(?:نىڭ)?\s*(\d{1,2})")
_UG_MONTH_DAY = re.compile(r"(\d{1,2})\s*-?\s*ئاي(?:نىڭ)?\s*(\d{1,2})")
_UG_MONTHS = [
    "يانۋار",
    "فېۋرال",
    "مارت",
    "ئاپرېل",
    "ماي",
    "ئىيۇن",
    "ئىيۇل",
    "ئاۋغۇست",
    "سېنتەبىر",
    "ئۆكتەبىر",
    "نويابىر",
    "دېكابىر",
]
_UG_DAY_MONTHNAME = re.compile(r"(\d{1,2})\s*-?\s*(" + "|".join(_UG_MONTHS) + ")")
_RELATIVE = {
    "今天": 0,
    "今儿": 0,
    "昨天": -1,
    "昨儿": -1,
    "前天": -2,
    "بۈگۈن": 0,
    "تۈنۈگۈن": -1,
    "ئالدىنقى كۈنى": -2,
}
# "去年11月20日": a year named in words; without one, this year or the last (see parse_date)
_YEAR_WORDS = {"前年": -2, "去年": -1, "今年": 0, "ئالدىنقى يىلى": -2, "بۇلتۇر": -1, "بۇ يىل": 0}


def parse_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The first date in a message, in China's calendar. Without a year: this year, or last
    year when the date would lie more than a month ahead (people ask about letters already
    received); "去年" / "今年" name the year."""
    today = today or china_today()
    text = text or ""
    match = _ZH_FULL.search(text) or _UG_FULL.search(text)
    if match:
        return _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    month = day = None
    match = _ZH_MONTH_DAY.search(text)
    if match:
        month, day = _cn_number(match.group(1)), _cn_number(match.group(2))
    if month is None:
        match = _UG_MONTH_DAY.search(text)
        if match:
            month, day = int(match.group(1)), int(match.group(2))
    if month is None:
        match = _UG_DAY_MONTHNAME.search(text)
        if match:
            day, month = int(match.group(1)), _UG_MONTHS.index(match.group(2)) + 1
    if month is not None and day is not None:
        named = next((offset for word, offset in _YEAR_WORDS.items() if word in text), None)
        if named is not None:
            return _safe_date(today.year + named, month, day)
        candidate = _safe_date(today.year, month, day)
        if candidate and candidate > today + dt.timedelta(days=31):
            candidate = _safe_date(today.year - 1, month, day)
        return candidate
    for word, offset in _RELATIVE.items():
        if word in text:
            return today + dt.timedelta(days=offset)
    return None


def _safe_date(year: int, month: int | None, day: int | None) -> dt.date | None:
    try:
        return dt.date(year, month or 0, day or 0)
    except ValueError:
        return None


# ---------------------------------------------------------------- deadlines

# Words that say which period is asked about. "Strong" words name it whatever else the
# message says; the "weak" ones (结论书, 受理) also name the event a period runs from
# ("结论书10月9日收到的" after an objection question is about the objection), so they count
# only when neither the message nor the conversation names a period.
STRONG_RULE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "objection",
        ("异议", "不服", "复评", "申诉", "不同意", "不认可", "نارازى", "ئېتىراز", "قايتا كۆرۈپ"),
    ),
    (
        "reassessment_earliest",
        ("重新评估", "重评", "再评估", "再评", "重新申请评估", "قايتا باھالا", "يېڭىدىن باھالا"),
    ),
    ("validity_end", ("有效期", "到期", "过期", "管多久", "管几年", "ئىناۋەت", "مۇددىتى توش")),
    ("benefit_start", ("待遇", "享受", "开始领", "领钱", "开始给钱", "تەمىنات", "بەھرىلىن")),
    ("publicity_end", ("公示", "ئېلان")),
    (
        "conclusion_delivery",
        ("送到", "送达", "出结论", "结论.*出来", "结果.*出来", "多久出", "يەتكۈزۈل", "قاچان چىق"),
    ),
    ("acceptance_review", ("审核结果", "受理结果", "受理了没", "受理没", "تەكشۈرۈش نەتىجى")),
)
WEAK_RULE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("conclusion_delivery", ("结论书", "结论", "评估结果", "خۇلاسە")),
    ("acceptance_review", ("受理", "审核", "قوبۇل", "تەكشۈرۈش")),
)

# retrieval topic answering the same question without a date
RULE_TOPIC = {
    "acceptance_review": "acceptance_time",
    "conclusion_delivery": "conclusion_time",
    "publicity_end": "publicity",
    "objection": "objection",
    "reassessment_earliest": "reassessment",
    "validity_end": "validity",
    "benefit_start": "benefit_start",
}
TOPIC_RULE = {topic: rule for rule, topic in RULE_TOPIC.items()}


def _first_rule(text: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    for rule, words in table:
        if any(re.search(word, text) for word in words):
            return rule
    return None


def strong_rule(text: str) -> str | None:
    """The period a message names in so many words, whatever else it says."""
    return _first_rule(text or "", STRONG_RULE_WORDS)


def detect_deadline_rule(text: str, *fallbacks: str | None) -> str | None:
    """The period a message asks about: its strong words, else the first of `fallbacks` (the
    period the conversation was about, then the topic the model chose), else weak words."""
    text = text or ""
    rule = strong_rule(text)
    if rule:
        return rule
    for fallback in fallbacks:
        if fallback in RULE_TOPIC:
            return fallback
    return _first_rule(text, WEAK_RULE_WORDS)


# ---------------------------------------------------------------- institutions

_SERVICE_WORDS = (
    ("home", ("上门", "居家", "到家", "家里", "ئۆيدە", "ئۆيگە")),
    ("community", ("社区", "日间", "مەھەللە")),
    (
        "institution",
        ("机构护理", "养老院", "护理院", "住进", "住院式", "敬老院", "入住", "ئورۇندا", "ياتاقلىق"),
    ),
)
_ZH_DISTRICT = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:新区|区|县|旗|市))")
_UG_DISTRICT = re.compile(r"(\S+)\s+(?:رايونى|رايون|ناھىيىسى|ناھىيە)")
_NOT_DISTRICT = (
    "社区",
    "小区",
    "地区",
    "市区",
    "城区",
    "片区",
    "郊区",
    "区域",
    "哪个区",
    "哪区",
    "这个区",
    "我们区",
    "本市",
    "城市",
    "全市",
    "哪个市",
)


def detect_service_type(text: str) -> str | None:
    text = text or ""
    for service_type, words in _SERVICE_WORDS:
        if any(word in text for word in words):
            return service_type
    return None


def detect_district(text: str) -> str | None:
    text = text or ""
    match = _UG_DISTRICT.search(text)
    if match:
        return match.group(1)
    for match in _ZH_DISTRICT.finditer(text):
        name = match.group(1)
        # drop leading filler picked up by the lazy match ("我在金凤区" → "金凤区")
        name = re.sub(r"^(我在|我住|住在|在|我们|我家|咱|我|的|那|这|有|查|找)+", "", name)
        if len(name) < 2 or any(bad in name for bad in _NOT_DISTRICT):
            continue
        if detect_region(name) and len(name) <= 4 and name.endswith("市"):
            continue  # "银川市" names the region, not a district
        return name
    return None


# ---------------------------------------------------------------- binding codes

# Full-width (１２３) and Arabic-Indic (١٢٣ / ۱۲۳) digits, as phone keyboards type them.
_DIGITS = str.maketrans("０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 3)
_CODE_IN_TEXT = re.compile(
    r"(?<![\d\-/.])(?<!\d[\-/.])"
    r"(\d{6}|\d{3}[ \u3000\-]\d{3}|\d{2} \d{2} \d{2}|\d(?: \d){5})"
    r"(?![\-/.]?\d)"
)


def normalise_code(value: str) -> str | None:
    """'１２３ ４５６' → '123456'; None unless exactly six digits remain."""
    digits = re.sub(r"[\s\-]", "", (value or "").translate(_DIGITS))
    return digits if re.fullmatch(r"[0-9]{6}", digits) else None


def binding_code(text: str) -> str | None:
    """The 6-digit binding code in "绑定 123456" / "باغلاش كودى 123 456", else None.

    "123 456", "123-456", "12 34 56" and "1 2 3 4 5 6" are read too (voice input, copying
    from the page); a longer run of digits or a date (a phone number, 2024-10-09) is not.
    """
    match = _CODE_IN_TEXT.search((text or "").translate(_DIGITS))
    return normalise_code(match.group(1)) if match else None
