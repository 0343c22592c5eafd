"""Fixed sentences the actions say, in Chinese and Uyghur."""
from __future__ import annotations

from typing import Optional

from . import links
from .parsing import REGION_NAMES, REGIONS

TEXTS = {
    "ask_region": {
        "zh": "各地规定不一样，请问您在哪个地区？回复数字：\n"
        + "\n".join(f"{i} {REGION_NAMES['zh'][r]}" for i, r in enumerate(REGIONS, 1)),
        "ug": "ھەر قايسى جايلارنىڭ بەلگىلىمىسى ئوخشىمايدۇ، قايسى جايدا تۇرىسىز؟ رەقەم يېزىڭ:\n"
        + "\n".join(f"{i} {REGION_NAMES['ug'][r]}" for i, r in enumerate(REGIONS, 1)),
    },
    "region_noted": {
        "zh": "好的，记住了，您在{region}。请问想了解什么？比如“怎么申请”“要带什么材料”。",
        "ug": "بولىدۇ، رايونىڭىز: {region}. نېمىنى بىلمەكچىسىز؟ مەسىلەن «قانداق ئىلتىماس قىلىمەن».",
    },
    "busy": {
        "zh": "系统有点忙，暂时查不到。请稍后再试，或拨打热线{hotline}，也可以在长护通上查：{link}",
        "ug": "سىستېما ھازىر ئالدىراش، كېيىنرەك قايتا سىناڭ ياكى {hotline} نومۇرىغا تېلېفون قىلىڭ. تور بېكەت: {link}",
    },
    "link": {"zh": "👉 在这里办：{link}", "ug": "👉 بۇ يەردە بېجىرىڭ: {link}"},
    "provisional": {
        "zh": "节假日安排正式公布后，这个日期可能会变。",
        "ug": "دەم ئېلىش ۋاقتى رەسمىي ئېلان قىلىنغاندىن كېيىن بۇ چېسلا ئۆزگىرىشى مۇمكىن.",
    },
    "xinjiang_objection_note": {
        "zh": "注意：新疆的异议期从公示开始那天算，请按公示开始日期核对。",
        "ug": "دىققەت: شىنجاڭدا نارازىلىق ۋاقتى ئېلان باشلانغان كۈندىن ھېسابلىنىدۇ.",
    },
    "deadline_need_rule": {
        "zh": "请告诉我是哪个期限，比如“异议最晚哪天提”“结论书最晚哪天送到”“什么时候能重新评估”。",
        "ug": "قايسى مۇددەتنى سورايسىز؟ مەسىلەن «نارازىلىقنى ئەڭ كېچىكسە قايسى كۈنى بىلدۈرىمەن».",
    },
    "institutions_none": {
        "zh": "没找到符合条件的定点护理机构，可以换个区县或服务方式再查。",
        "ug": "شەرتكە ماس ئاسراش ئورنى تېپىلمىدى، باشقا رايون ياكى مۇلازىمەت شەكلى بىلەن قايتا ئىزدەڭ.",
    },
    "institutions_intro": {
        "zh": "{region}{district}的定点护理机构：",
        "ug": "بەلگىلەنگەن ئاسراش ئورۇنلىرى ({region} {district}):",
    },
    "not_bound": {
        "zh": "您的微信还没有绑定长护通账号，所以查不到申请进度。请先登录长护通绑定，或直接在网上查看：{link}",
        "ug": "ئۈندىدارىڭىز تېخى ھېساباتقا باغلانمىغان، ئىلتىماس ئەھۋالىنى كۆرەلمەيمەن. ئاۋۋال كىرىپ باغلاڭ: {link}",
    },
    "no_applications": {
        "zh": "您的账号下还没有申请记录。要申请可以点：{link}",
        "ug": "ھېساباتىڭىزدا تېخى ئىلتىماس يوق. ئىلتىماس قىلىش: {link}",
    },
    "handoff": {
        "zh": "好的，已为您转人工，工作人员会尽快在这里回复您，请稍等。着急的话可以拨打热线{hotline}。",
        "ug": "بولىدۇ، خادىمغا يۆتكىدىم، خادىم بۇ يەردە تېزدىن جاۋاب بېرىدۇ، سەل ساقلاڭ. جىددىي بولسا {hotline} نومۇرىغا تېلېفون قىلىڭ.",
    },
    "handoff_complaint": {
        "zh": "很抱歉给您添麻烦了。已为您转人工，工作人员会尽快在这里回复您。也可以在网上投诉：{link}",
        "ug": "ئاۋارە قىلغىنىمىز ئۈچۈن كەچۈرۈڭ. خادىمغا يۆتكىدىم، تېزدىن جاۋاب بېرىدۇ. توردىمۇ ئەرز قىلالايسىز: {link}",
    },
    "handoff_failed": {
        "zh": "转人工暂时没接通，请直接拨打热线{hotline}，我们会尽快处理。",
        "ug": "خادىمغا ئۇلىنالمىدى، {hotline} نومۇرىغا بىۋاسىتە تېلېفون قىلىڭ.",
    },
    "fallback": {
        "zh": "抱歉，我没太听明白。您可以换个说法，比如“怎么申请”“要带什么材料”“异议多久内提”；找人工请回复“转人工”。",
        "ug": "كەچۈرۈڭ، چۈشەنمىدىم. باشقىچە سوراپ بېقىڭ، مەسىلەن «قانداق ئىلتىماس قىلىمەن»؛ خادىم بىلەن سۆزلەشمەكچى بولسىڭىز «خادىم» دەپ يېزىڭ.",
    },
}


def text(key: str, language: Optional[str], **values: str) -> str:
    language = language if language in ("zh", "ug") else "zh"
    values.setdefault("hotline", links.hotline())
    return TEXTS[key][language].format(**values)


def with_link(body: str, link_key: Optional[str], language: Optional[str]) -> str:
    url = links.page_url(link_key)
    if not url:
        return body
    return body + "\n" + text("link", language, link=url)
