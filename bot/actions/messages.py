"""Fixed sentences the actions say, in Chinese and Uyghur, and how every reply is sent."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from . import bidi, citations, knowledge, links
from .regions import REGION_NAMES, REGIONS

TEXTS = {
    "ask_region": {
        "zh": "各地规定不一样，请问您在哪个地区？回复数字：\n"
        + "\n".join(f"{i} {REGION_NAMES['zh'][r]}" for i, r in enumerate(REGIONS, 1)),
        "ug": "ھەر قايسى جايلارنىڭ بەلگىلىمىسى ئوخشىمايدۇ، قايسى جايدا تۇرىسىز؟ رەقەم يېزىڭ:\n"
        + "\n".join(f"{i} {REGION_NAMES['ug'][r]}" for i, r in enumerate(REGIONS, 1)),
    },
    "region_noted": {
        "zh": "好的，记住了，您在{region}。请问想了解什么？比如“怎么申请”“要带什么材料”。",
        "ug": "بولىدۇ، ئېسىمدە: رايونىڭىز — {region}. نېمىنى بىلمەكچىسىز؟ "
        "مەسىلەن «قانداق ئىلتىماس قىلىمەن»، «قانداق ماتېرىيال كېرەك».",
    },
    "busy": {
        "zh": "系统有点忙，暂时查不到。请稍后再试，或拨打热线{hotline}，也可以在长护通上查：{link}",
        "ug": "سىستېما ھازىر ئالدىراش، ھازىرچە تاپالمىدىم. كېيىنرەك قايتا سىناڭ ياكى {hotline} "
        "نومۇرلۇق مۇلازىمەت تېلېفونىغا تېلېفون قىلىڭ؛ پەرۋىش سۇغۇرتىسى مۇلازىمىتى تور "
        "بېتىدىنمۇ كۆرەلەيسىز:\n{link}",
    },
    "link": {"zh": "👉 在这里办：{link}", "ug": "👉 بۇ يەردە بېجىرىڭ:\n{link}"},
    "citation": {"zh": "依据：{citation}", "ug": "ئاساس: {citation}"},
    "provisional": {
        "zh": "节假日安排正式公布后，这个日期可能会变。",
        "ug": "بايرام-دەم ئېلىش ئورۇنلاشتۇرۇشى رەسمىي ئېلان قىلىنغاندىن كېيىن، بۇ چېسلا "
        "ئۆزگىرىشى مۇمكىن.",
    },
    "deadline_need_rule": {
        "zh": "请告诉我是哪个期限，比如“异议最晚哪天提”“结论书最晚哪天送到”“什么时候能重新评估”。",
        "ug": "قايسى مۇددەتنى سورايسىز؟ "
        "مەسىلەن «نارازىلىقنى ئەڭ كېچىكىپ قايسى كۈنى بىلدۈرىمەن»، "
        "«خۇلاسە خېتى ئەڭ كېچىكىپ قايسى كۈنى يەتكۈزۈلىدۇ»، «قاچان قايتا باھالاتقىلى بولىدۇ».",
    },
    "institutions_none": {
        "zh": "没找到符合条件的定点护理机构，可以换个区县或护理方式再查。",
        "ug": "شەرتكە ماس بېكىتىلگەن پەرۋىش ئورنى تېپىلمىدى، باشقا رايون ياكى پەرۋىش شەكلى "
        "بىلەن قايتا ئىزدەپ بېقىڭ.",
    },
    "institutions_intro": {
        "zh": "{region}{district}的定点护理机构：",
        "ug": "بېكىتىلگەن پەرۋىش ئورۇنلىرى ({place}):",
    },
    "not_bound": {
        "zh": "您的微信还没有绑定长护通账号，所以查不到申请进度。"
        "请登录长护通，在这里获取绑定码：{link}\n"
        "然后发“绑定”加上 6 位绑定码，例如：绑定 123456。",
        "ug": "ئۈندىدارىڭىز تېخى پەرۋىش سۇغۇرتىسى مۇلازىمىتىدىكى ھېساباتقا باغلانمىغان، شۇڭا "
        "ئىلتىماس ئەھۋالىنى كۆرەلمەيمەن. پەرۋىش سۇغۇرتىسى مۇلازىمىتى تور بېتىگە كىرىپ، بۇ يەردىن "
        "باغلاش نومۇرىنى ئېلىڭ:\n"
        "{link}\n"
        "ئاندىن «باغلاش» دېگەن سۆز بىلەن 6 خانىلىق نومۇرنى يېزىپ ئەۋەتىڭ، مەسىلەن: باغلاش 123456.",
    },
    "draft": {"zh": "草稿", "ug": "تاپشۇرۇلمىغان ئىلتىماس"},
    "to_do": {"zh": "有要您做的事", "ug": "قىلىشقا تېگىشلىك ئىشىڭىز بار"},
    "provisional_mark": {"zh": "（暂定）", "ug": " (ۋاقىتلىق)"},
    "provisional_note": {
        "zh": "标“暂定”的日期，节假日安排正式公布后可能会变。",
        "ug": "«ۋاقىتلىق» دەپ بەلگە قويۇلغان چېسلا بايرام-دەم ئېلىش ئورۇنلاشتۇرۇشى رەسمىي ئېلان "
        "قىلىنغاندىن كېيىن ئۆزگىرىشى مۇمكىن.",
    },
    "bind_ask_code": {
        "zh": "请登录长护通，在这里获取 6 位绑定码：{link}\n"
        "然后把“绑定”和绑定码一起发给我，例如：绑定 123456。绑定码 10 分钟内有效。",
        "ug": "پەرۋىش سۇغۇرتىسى مۇلازىمىتى تور بېتىگە كىرىپ، بۇ يەردىن 6 خانىلىق باغلاش "
        "نومۇرىنى ئېلىڭ:\n{link}\n"
        "ئاندىن «باغلاش» دېگەن سۆز بىلەن نومۇرنى يېزىپ ئەۋەتىڭ، مەسىلەن: باغلاش 123456. "
        "نومۇر 10 مىنۇت ئىچىدە ئىناۋەتلىك.",
    },
    "bind_done": {
        "zh": "绑定成功！以后在这里问“我的申请”，就能查到申请进度。",
        "ug": "باغلاندى! ئەمدى بۇ يەردە «ئىلتىماسلىرىم» دەپ سورىسىڭىز، ئىلتىماسىڭىزنىڭ ئەھۋالىنى "
        "كۆرەلەيسىز.",
    },
    "no_applications": {
        "zh": "您的账号下还没有申请记录。要申请可以点：{link}",
        "ug": "ھېساباتىڭىزدا تېخى ئىلتىماس يوق. ئىلتىماس قىلماقچى بولسىڭىز:\n{link}",
    },
    "handoff": {
        "zh": "好的，已为您转人工，工作人员会尽快在这里回复您，请稍等。"
        "着急的话可以拨打热线{hotline}。",
        "ug": "بولىدۇ، سىزنى خادىمغا يۆتكىدۇق، خادىم بۇ يەردە تېزدىن جاۋاب بېرىدۇ، سەل ساقلاڭ. "
        "جىددىي بولسا {hotline} نومۇرلۇق مۇلازىمەت تېلېفونىغا تېلېفون قىلىڭ.",
    },
    "handoff_complaint": {
        "zh": "很抱歉给您添麻烦了。已为您转人工，工作人员会尽快在这里回复您。"
        "也可以在网上投诉：{link}",
        "ug": "ئاۋارە قىلغىنىمىز ئۈچۈن كەچۈرۈڭ. سىزنى خادىمغا يۆتكىدۇق، خادىم بۇ يەردە تېزدىن "
        "جاۋاب بېرىدۇ. توردىمۇ ئەرز قىلالايسىز:\n{link}",
    },
    "handoff_failed": {
        "zh": "转人工暂时没接通，请直接拨打热线{hotline}，我们会尽快处理。",
        "ug": "خادىمغا ئۇلىنالمىدى، {hotline} نومۇرلۇق مۇلازىمەت تېلېفونىغا بىۋاسىتە تېلېفون "
        "قىلىڭ، تېزدىن بىر تەرەپ قىلىمىز.",
    },
    "fallback": {
        "zh": "抱歉，我没太听明白。您可以换个说法，比如“怎么申请”“要带什么材料”“异议多久内提”；"
        "找人工请回复“转人工”。",
        "ug": "كەچۈرۈڭ، چۈشەنمىدىم. باشقىچە سوراپ بېقىڭ، مەسىلەن «قانداق ئىلتىماس قىلىمەن»، "
        "«قانداق ماتېرىيال كېرەك»، «نارازىلىقنى قانچە كۈن ئىچىدە بىلدۈرىمەن»؛ "
        "خادىم بىلەن سۆزلەشمەكچى بولسىڭىز «خادىم» دەپ يېزىڭ.",
    },
    "out_of_scope": {
        "zh": "这个问题不属于长期护理保险，我答不了。"
        "我能回答长护险的申请条件、材料、评估、各种期限、护理服务和投诉。其他问题请拨打热线{hotline}。",
        "ug": "بۇ سوئال ئۇزۇن مۇددەتلىك پەرۋىش سۇغۇرتىسىغا ئائىت ئەمەس، جاۋاب بېرەلمەيمەن. "
        "مەن پەرۋىش سۇغۇرتىسىنىڭ ئىلتىماس شەرتى، ماتېرىيالى، باھالاش، ھەرخىل مۇددەتلەر، "
        "پەرۋىش مۇلازىمىتى ۋە ئەرز توغرىسىدا جاۋاب بېرەلەيمەن. "
        "باشقا سوئاللار ئۈچۈن {hotline} نومۇرلۇق مۇلازىمەت تېلېفونىغا تېلېفون قىلىڭ.",
    },
}


def text(key: str, language: str | None, **values: str) -> str:
    language = language if language in ("zh", "ug") else "zh"
    values.setdefault("hotline", links.hotline())
    return TEXTS[key][language].format(**values)


def with_link(body: str, link_key: str | None, language: str | None) -> str:
    url = links.page_url(link_key)
    if not url:
        return body
    return body + "\n" + text("link", language, link=url)


def answer_text(found: knowledge.Answer, language: str) -> str:
    """An answer as it is said: the text, its citation in words when it is one region's
    document, and the portal page where to act."""
    body = found.text
    citation = citations.cite(found.source, language) if found.kind == "own" else None
    if citation:
        body += "\n" + text("citation", language, citation=citation)
    return with_link(body, found.link, language)


def say(dispatcher: CollectingDispatcher, message: str, language: str | None) -> None:
    """Sends a reply; Uyghur replies get their numbers, codes and titles isolated (bidi.py)."""
    dispatcher.utter_message(text=bidi.isolate(message) if language == "ug" else message)
