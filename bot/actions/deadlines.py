"""Deadline questions with a date, answered by the portal's deadlines API.

"结论书10月9日收到的，异议最晚哪天？" → GET /api/v1/regions/<region>/deadlines/objection?from=…
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.events import SlotSet

from . import messages, portal_client
from .common import language_of, latest_text, pending_event, resolve_region
from .parsing import REGION_NAMES, RULE_TOPIC, detect_deadline_rule, format_date, parse_date

RESULT = {
    "acceptance_review": {
        "zh": "{region}：受理审核结果最晚在{due}前告诉您",
        "ug": "{region}: قوبۇل قىلىش نەتىجىسىنى ئۇقتۇرۇشنىڭ ئاخىرقى كۈنى: {due}",
    },
    "conclusion_delivery": {
        "zh": "{region}：评估结论书原则上最晚{due}前送达",
        "ug": "{region}: خۇلاسە خېتىنى يەتكۈزۈشنىڭ ئاخىرقى كۈنى: {due}",
    },
    "publicity_end": {
        "zh": "{region}：公示期至少到{due}",
        "ug": "{region}: ئېلان مەزگىلى كەم دېگەندە مۇشۇ كۈنگىچە داۋاملىشىدۇ: {due}",
    },
    "objection": {
        "zh": "{region}：异议最晚在{due}前书面提出，过期不再受理",
        "ug": "{region}: نارازىلىقنى يازما بىلدۈرۈشنىڭ ئاخىرقى كۈنى: {due}",
    },
    "reassessment_earliest": {
        "zh": "{region}：最早从{due}起可以申请重新评估",
        "ug": "{region}: يېڭىدىن باھالاشقا ئىلتىماس قىلالايدىغان ئەڭ بالدۇرقى كۈن: {due}",
    },
    "validity_end": {
        "zh": "{region}：评估结论有效期最长到{due}，到期前要重新评估",
        "ug": "{region}: خۇلاسىنىڭ ئىناۋەتلىك مۇددىتى ئاخىرلىشىدىغان كۈن: {due}",
    },
    "benefit_start": {
        "zh": "{region}：从{due}起享受长护险待遇",
        "ug": "{region}: تەمىنات باشلىنىدىغان كۈن: {due}",
    },
}

WORKING_DAYS = {"zh": "（{n}个工作日，依据{source}）", "ug": " ({n} خىزمەت كۈنى، {source})"}
SOURCE_ONLY = {"zh": "（依据{source}）", "ug": " ({source})"}
LINK_KEY = "applications"


def format_result(body: Dict[str, Any], rule: str, region: str, language: str) -> str:
    sentence = RESULT[rule][language].format(
        region=REGION_NAMES[language][region], due=format_date(body.get("due"), language)
    )
    source = body.get("source") or ""
    if body.get("working_days"):
        sentence += WORKING_DAYS[language].format(n=body["working_days"], source=source)
    elif source:
        sentence += SOURCE_ONLY[language].format(source=source)
    sentence += "。" if language == "zh" else "."
    if rule == "objection" and region == "xinjiang":
        sentence += messages.text("xinjiang_objection_note", language)
    if body.get("provisional"):
        sentence += messages.text("provisional", language)
    return sentence


async def answer_deadline(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    rule: str,
    start: dt.date,
    language: str,
) -> List[Dict[str, Any]]:
    region, events = await resolve_region(tracker, language)
    if region is None:
        dispatcher.utter_message(text=messages.text("ask_region", language))
        return events + [pending_event("deadline", rule=rule, start=start.isoformat())]
    try:
        body = await portal_client.deadline(region, rule, start.isoformat(), language)
    except portal_client.PortalUnavailable:
        dispatcher.utter_message(text=_busy(language))
        return events
    except portal_client.PortalError:
        # 404/400: the region has no such rule or the date was refused — give the policy text
        from .faq import answer_topic

        return events + await answer_topic(dispatcher, tracker, RULE_TOPIC[rule], language)
    if not isinstance(body, dict) or not body.get("due"):
        dispatcher.utter_message(text=_busy(language))
        return events
    text = format_result(body, rule, region, language)
    dispatcher.utter_message(text=messages.with_link(text, LINK_KEY, language))
    return events + [SlotSet("pending", None)]


def _busy(language: str) -> str:
    from . import links

    return messages.text("busy", language, link=links.page_url(LINK_KEY))


class ActionDeadline(Action):
    def name(self) -> Text:
        return "action_deadline"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        language = language_of(tracker)
        text = latest_text(tracker)
        rule: Optional[str] = detect_deadline_rule(text)
        start = parse_date(text)
        if rule is None:
            dispatcher.utter_message(text=messages.text("deadline_need_rule", language))
            return []
        if start is None:
            from .faq import answer_topic

            return await answer_topic(dispatcher, tracker, RULE_TOPIC[rule], language)
        return await answer_deadline(dispatcher, tracker, rule, start, language)
