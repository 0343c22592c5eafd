"""Deadline questions with a date, answered by the portal's deadlines API.

"结论书10月9日收到的，异议最晚哪天？" → GET /api/v1/regions/<region>/deadlines/objection?from=…
The portal counts (working days, 民法典 arts. 201–203, holiday schedules); the bot chooses the
period, says the date in the person's language and what the region's document adds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from . import citations, knowledge, links, messages, portal_client
from .common import Events, answered, language_of, latest_text, pending_event, resolve_region
from .dates import FROM_SUFFIX, UNTIL_SUFFIX, format_date
from .parsing import RULE_TOPIC, TOPIC_RULE, detect_deadline_rule, parse_date, strong_rule
from .regions import REGION_NAMES
from .topics import say_topic, selected_topic

LINK_KEY = "applications"

# {start}: the date the person gave; {due}: the date the portal computed. Uyghur suffixes
# join the date's final «كۈنى»: {until} «… كۈنىگىچە», {since} / {start_since} «… كۈنىدىن».
RESULT = {
    "acceptance_review": {
        "zh": "{region}：从{start}受理算，受理审核结果最晚{due}告诉您",
        "ug": "{region}: {start} قوبۇل قىلىنغان بولسا، قوبۇل قىلىش تەكشۈرۈش نەتىجىسى ئەڭ "
        "كېچىككەندە {until} سىزگە ئۇقتۇرۇلىدۇ",
    },
    "conclusion_delivery": {
        "zh": "{region}：从{start}受理算，评估结论书原则上最晚{due}送达",
        "ug": "{region}: {start} قوبۇل قىلىنغان بولسا، باھالاش خۇلاسە خېتى پرىنسىپ جەھەتتىن "
        "ئەڭ كېچىككەندە {until} يەتكۈزۈلىدۇ",
    },
    "publicity_end": {
        "zh": "{region}：从{start}开始公示，公示期至少到{due}",
        "ug": "{region}: {start} ئاشكارا ئېلان باشلانغان بولسا، ئېلان مەزگىلى كەم دېگەندە "
        "{until} داۋاملىشىدۇ",
    },
    "objection": {
        "zh": "{region}：从{start}算，对结论有异议的，最晚{due}提出复评申请",
        "ug": "{region}: {start_since} ھېسابلىغاندا، نارازىلىقىڭىز بولسا ئەڭ كېچىككەندە {until} "
        "قايتا كۆرۈپ چىقىشنى ئىلتىماس قىلىڭ",
    },
    "reassessment_earliest": {
        "zh": "{region}：结论{start}作出的，最早从{due}起可以申请重新评估；还要失能状态有变化、"
        "和结论不匹配",
        "ug": "{region}: خۇلاسە {start} چىققان بولسا، ئەڭ بالدۇر {since} باشلاپ قايتا باھالاشقا "
        "ئىلتىماس قىلالايسىز؛ ئىقتىدار يوقىتىش ھالىتى ئۆزگىرىپ خۇلاسىگە ماس كەلمەسلىكىمۇ شەرت",
    },
    "validity_end": {
        "zh": "{region}：结论{start}作出的，有效期一般最长到{due}；"
        "结论书写明了日期的，以结论书为准。到期前要重新评估",
        "ug": "{region}: خۇلاسە {start} چىققان بولسا، ئىناۋەتلىك مۇددىتى ئادەتتە "
        "ئەڭ ئۇزۇن بولغاندا {until}؛ خۇلاسە خېتىدە چېسلا يېزىلغان بولسا، "
        "شۇ ئاساس قىلىنىدۇ. مۇددىتى توشۇشتىن بۇرۇن قايتا باھالىنىش كېرەك",
    },
    "benefit_start": {
        "zh": "{region}：{start}通过的，从{due}起享受长护险待遇",
        "ug": "{region}: {start} ئۆتكەن بولسا، {since} باشلاپ پەرۋىش سۇغۇرتىسى تەمىناتىدىن "
        "بەھرىلىنىسىز",
    },
}
WORKING_DAYS = {"zh": "（{n}个工作日）", "ug": " ({n} خىزمەت كۈنى)"}
END = {"zh": "。", "ug": ". "}
# what the region's document adds to the date (POLICY.md §3)
NOTES = {
    ("objection", "ningxia"): {
        "zh": "要书面提出，逾期不再受理。",
        "ug": "يازما شەكىلدە ئىلتىماس قىلىڭ، ۋاقتى ئۆتسە قوبۇل قىلىنمايدۇ.",
    },
    ("objection", "xinjiang"): {
        "zh": "新疆的异议期就是公示期，从公示开始那天算，上面把您说的日期当作公示开始日；"
        "要书面提出，写明复评请求、事实、理由及依据。没通过的结论不公示，文件没规定期限。",
        "ug": "شىنجاڭدا نارازىلىق مۇددىتى دېگىنى ئاشكارا ئېلان مەزگىلى، ئېلان باشلانغان كۈندىن "
        "ھېسابلىنىدۇ؛ يۇقىرىدا سىز ئېيتقان چېسلا ئېلان باشلانغان كۈن دەپ ھېسابلاندى. يازما "
        "شەكىلدە ئىلتىماس قىلىپ، تەلىپىڭىز، پاكىت، سەۋەب ۋە ئاساسىنى يېزىڭ. ئۆتەلمىگەن خۇلاسە "
        "ئېلان قىلىنمايدۇ، ئۇنىڭ مۇددىتى ھۆججەتتە بەلگىلەنمىگەن.",
    },
    ("conclusion_delivery", "xinjiang"): {
        "zh": "伤情复杂、涉及疾病种类较多的，可以适当延期30日。",
        "ug": "يارىلىنىش ئەھۋالى مۇرەككەپ ياكى كېسەللىك تۈرى كۆپ بولسا، 30 كۈن ئۇزارتىلىشى مۇمكىن.",
    },
}


# Heilongjiang's objection window has no start in 002:8(6): the portal counts from delivery and
# says so in the answer's `note`; this is the same sentence for an answer without one.
READING_NOTE = {
    "zh": "文件没写从哪天算，这里按结论书送达之日算，这是长护通的理解。",
    "ug": "ھۆججەتتە قايسى كۈندىن ھېسابلىنىدىغانلىقى يېزىلمىغان؛ بۇ يەردە خۇلاسە خېتى يەتكەن "
    "كۈندىن ھېسابلاندى، بۇ پەرۋىش سۇغۇرتىسى مۇلازىمىتىنىڭ چۈشىنىشى.",
}


def _citation(body: dict[str, Any], language: str) -> str | None:
    """The portal's citation in words when it sends one, else ours from the source code."""
    given = body.get("citation")
    if isinstance(given, dict) and given.get(language):
        return str(given[language])
    if isinstance(given, str) and given:
        return given
    return citations.cite(str(body.get("source") or ""), language)


def _reading_note(body: dict[str, Any], rule: str, region: str, language: str) -> str | None:
    if body.get("note"):
        return str(body["note"])
    if body.get("from_is_reading") or (rule, region) == ("objection", "heilongjiang"):
        return READING_NOTE[language]
    return None


def format_result(body: dict[str, Any], rule: str, region: str, language: str) -> str:
    """The portal's answer as a sentence, with the region's note and the citation."""
    due = format_date(body.get("due"), language)
    start = format_date(body.get("from"), language)
    sentence = RESULT[rule][language].format(
        region=REGION_NAMES[language][region],
        start=start,
        due=due,
        until=due + UNTIL_SUFFIX,
        since=due + FROM_SUFFIX,
        start_since=start + FROM_SUFFIX,
    )
    if body.get("working_days"):
        sentence += WORKING_DAYS[language].format(n=body["working_days"])
    sentence += END[language]
    note = NOTES.get((rule, region))
    if note:
        sentence += note[language]
    reading = _reading_note(body, rule, region, language)
    if reading:
        sentence += reading + (" " if language == "ug" else "")
    if body.get("provisional"):
        sentence += messages.text("provisional", language)
    sentence = sentence.rstrip()
    citation = _citation(body, language)
    if citation:
        sentence += "\n" + messages.text("citation", language, citation=citation)
    return sentence


async def answer_deadline(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    rule: str,
    start: dt.date,
    language: str,
) -> Events:
    region, events = await resolve_region(tracker, language)
    if region is None:
        messages.say(dispatcher, messages.text("ask_region", language), language)
        return [*events, pending_event("deadline", rule=rule, start=start.isoformat())]
    topic = RULE_TOPIC[rule]
    try:
        body = await portal_client.deadline(region, rule, start.isoformat(), language)
    except portal_client.PortalUnavailable:
        busy = messages.text("busy", language, link=links.page_url(LINK_KEY) or "")
        messages.say(dispatcher, busy, language)
        return events
    except portal_client.PortalError as exc:
        if exc.status == 422:  # the region's document does not state this period
            found = knowledge.not_stated(topic, language, region)
            messages.say(dispatcher, messages.answer_text(found, language), language)
            return [*events, *answered(topic)]
        # 404/400: no such rule here, or the date was refused — give the policy text
        return events + await say_topic(dispatcher, tracker, topic, language)
    if not isinstance(body, dict) or not body.get("due"):
        busy = messages.text("busy", language, link=links.page_url(LINK_KEY) or "")
        messages.say(dispatcher, busy, language)
        return events
    text = format_result(body, rule, region, language)
    messages.say(dispatcher, messages.with_link(text, LINK_KEY, language), language)
    return [*events, *answered(topic)]


def rule_for(tracker: Tracker) -> str | None:
    """The period the latest message asks about: its own words, else the period of the topic
    just answered (a date sent as a follow-up), else the topic the model chose."""
    previous = TOPIC_RULE.get(str(tracker.get_slot("last_topic") or ""))
    chosen = TOPIC_RULE.get(selected_topic(tracker) or "")
    return detect_deadline_rule(latest_text(tracker), previous, chosen)


def asked_topic(tracker: Tracker) -> str | None:
    """For a message without a date: the topic its own words name, else the model's."""
    rule = strong_rule(latest_text(tracker))
    return RULE_TOPIC[rule] if rule else selected_topic(tracker)


class ActionDeadline(Action):
    def name(self) -> str:
        return "action_deadline"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> Events:
        language = language_of(tracker)
        start = parse_date(latest_text(tracker))
        if start is None:  # "俺爹…今年8月才参的保…能申请不": a question, not a date
            topic = asked_topic(tracker)
            if topic:
                return await say_topic(dispatcher, tracker, topic, language)
            messages.say(dispatcher, messages.text("deadline_need_rule", language), language)
            return []
        rule = rule_for(tracker)
        if rule is None:
            messages.say(dispatcher, messages.text("deadline_need_rule", language), language)
            return []
        return await answer_deadline(dispatcher, tracker, rule, start, language)
