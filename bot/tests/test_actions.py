"""The custom actions against a local fake of the portal API (tests/fake_portal.py)."""
import json

import pytest

from actions.applications import ActionApplicationStatus
from actions.context import ActionDetectContext
from actions.deadlines import ActionDeadline
from actions.faq import ActionAnswerFaq
from actions.handoff import ActionFallback, ActionHandoff
from actions.institutions import ActionSearchInstitutions
from actions.pending import ActionAnswerPending
from fake_portal import SECRET
from helpers import run, slot, texts, tracker, user_event


async def test_context_sets_language_and_region(portal):
    _, events = await run(ActionDetectContext(), tracker("宁夏对评估结论不服，多久之内要提？"))
    assert slot(events, "language") == "zh" and slot(events, "region") == "ningxia"
    _, events = await run(ActionDetectContext(), tracker("2", slots={"pending": "{}"}))
    assert slot(events, "region") == "xinjiang" and slot(events, "language") == "<unset>"


async def test_faq_answers_for_the_region_in_the_question(portal):
    messages, _ = await run(ActionAnswerFaq(), tracker("宁夏对评估结论不服，多久之内要提？", topic="objection",
                                                       slots={"region": "ningxia"}))
    text = texts(messages)
    assert "10个工作日" in text and "https://changhu.example/applications/" in text


async def test_faq_asks_for_the_region_with_numbered_choices_then_answers(portal):
    messages, events = await run(ActionAnswerFaq(), tracker("对评估结论不服怎么办", topic="objection"))
    assert "1 宁夏" in texts(messages) and "5 天津" in texts(messages)
    pending = slot(events, "pending")
    assert json.loads(pending) == {"kind": "faq", "topic": "objection"}
    # the reply "3": action_detect_context has set region=heilongjiang by now
    messages, events = await run(ActionAnswerPending(), tracker(
        "3", intent="inform_region", slots={"pending": pending, "region": "heilongjiang", "language": "zh"}))
    assert "15个工作日" in texts(messages)
    assert slot(events, "pending") is None


async def test_faq_takes_the_region_from_the_bound_account(portal):
    portal.bind("wx-user-1", region="xinjiang")
    messages, events = await run(ActionAnswerFaq(), tracker("评估结论多久出来", topic="conclusion_time"))
    assert "新疆" in texts(messages) and slot(events, "region") == "xinjiang"
    assert portal.last("/api/v1/bot/applications")["headers"]["Authorization"] == f"Bearer {SECRET}"


async def test_common_topics_need_no_region(portal):
    messages, events = await run(ActionAnswerFaq(), tracker("评估结论有效期多久", topic="validity"))
    assert "2年" in texts(messages) and slot(events, "pending") is None


async def test_uyghur_question_gets_a_uyghur_answer(portal):
    messages, _ = await run(ActionAnswerFaq(), tracker(
        "شىنجاڭدا نارازىلىق بىلدۈرۈش ۋاقتى قانچە", topic="objection", slots={"region": "xinjiang"}))
    text = texts(messages)
    assert "شىنجاڭدا" in text and "ئېلان" in text and "https://changhu.example/applications/" in text


async def test_deadline_through_the_portal_api(portal):
    messages, _ = await run(ActionDeadline(), tracker(
        "结论书10月9日收到的，异议最晚哪天？", intent="deadline_date", slots={"region": "ningxia"}))
    request = portal.last("/api/v1/regions/")
    assert request["path"] == "/api/v1/regions/ningxia/deadlines/objection"
    assert request["query"]["from"].endswith("-10-09")
    assert request["headers"]["Accept-Language"] == "zh"
    text = texts(messages)
    assert "宁夏：异议最晚在" in text and "10个工作日" in text and "fake:objection" in text


async def test_provisional_dates_say_they_may_change(portal):
    messages, _ = await run(ActionDeadline(), tracker(
        "2025年12月28日收到结论书 异议最晚哪天", intent="deadline_date", slots={"region": "heilongjiang"}))
    assert "可能会变" in texts(messages)


async def test_xinjiang_objection_counts_from_the_publicity(portal):
    messages, _ = await run(ActionDeadline(), tracker(
        "خۇلاسە خېتىنى 2024-10-09 ئالدىم نارازىلىقنى قاچانغىچە بىلدۈرىمەن", intent="deadline_date",
        slots={"region": "xinjiang"}))
    assert portal.last("/api/v1/regions/")["headers"]["Accept-Language"] == "ug"
    assert "ئېلان باشلانغان" in texts(messages)


async def test_deadline_without_region_waits_for_it(portal):
    messages, events = await run(ActionDeadline(), tracker("10月9日收到结论书 异议最晚哪天", intent="deadline_date"))
    assert "1 宁夏" in texts(messages)
    pending = json.loads(slot(events, "pending"))
    assert pending["kind"] == "deadline" and pending["rule"] == "objection"
    messages, _ = await run(ActionAnswerPending(), tracker(
        "1", intent="inform_region", slots={"pending": json.dumps(pending), "region": "ningxia", "language": "zh"}))
    assert "异议最晚在" in texts(messages)


async def test_deadline_rule_unknown_to_the_region_falls_back_to_the_policy_text(portal):
    messages, _ = await run(ActionDeadline(), tracker(
        "10月9日收到结论书 异议最晚哪天", intent="deadline_date", slots={"region": "tianjin"}))
    assert "当地文件未另行规定" in texts(messages)


async def test_deadline_question_without_a_date_gives_the_rule(portal):
    messages, _ = await run(ActionDeadline(), tracker(
        "异议最晚哪天提", intent="deadline_date", slots={"region": "ningxia"}))
    assert "10个工作日" in texts(messages)
    assert not [r for r in portal.requests if "/deadlines/" in r["path"]]


async def test_faq_with_a_date_is_computed(portal):
    messages, _ = await run(ActionAnswerFaq(), tracker(
        "10月9日收到结论书 不服的话多久之内提", topic="objection", slots={"region": "ningxia"}))
    assert "异议最晚在" in texts(messages)


async def test_portal_down_gives_the_hotline_and_a_link(portal, monkeypatch):
    monkeypatch.setenv("CHANGHU_PORTAL_URL", "http://127.0.0.1:9")  # nothing listens there
    messages, events = await run(ActionDeadline(), tracker(
        "结论书10月9日收到的，异议最晚哪天？", intent="deadline_date", slots={"region": "ningxia"}))
    assert "12393" in texts(messages) and "系统有点忙" in texts(messages)
    assert events == []


async def test_portal_timeout_is_answered_plainly(portal, monkeypatch):
    monkeypatch.setenv("CHANGHU_PORTAL_TIMEOUT", "0.3")
    portal.delay = 1.0
    messages, _ = await run(ActionSearchInstitutions(), tracker(
        "金凤区有哪些定点护理机构", intent="institution_search", slots={"region": "ningxia"}))
    assert "系统有点忙" in texts(messages)


async def test_institution_search_by_district_and_service_type(portal):
    messages, _ = await run(ActionSearchInstitutions(), tracker(
        "金凤区有能上门护理的机构吗", intent="institution_search", slots={"region": "ningxia"}))
    query = portal.last("/api/v1/institutions")["query"]
    assert query == {"region": "ningxia", "district": "金凤区", "service_type": "home"}
    text = texts(messages)
    assert "金凤区康乐护理院" in text and "0951-1234567" in text and "/institutions/" in text


async def test_institution_search_nothing_found(portal):
    messages, _ = await run(ActionSearchInstitutions(), tracker(
        "兴庆区能上门护理的机构", intent="institution_search", slots={"region": "ningxia"}))
    assert "没找到" in texts(messages)


async def test_application_status_of_a_bound_user(portal):
    portal.bind("wx-user-1", region="ningxia")
    messages, events = await run(ActionApplicationStatus(), tracker("我的申请到哪一步了", intent="application_status"))
    text = texts(messages)
    assert "CH-2024-0001" in text and "已安排上门评估" in text and "2024年11月5日" in text
    assert slot(events, "region") == "ningxia"
    assert portal.last("/api/v1/bot/applications")["query"] == {"sender_id": "wx-user-1"}


async def test_application_status_of_an_unbound_user(portal):
    messages, _ = await run(ActionApplicationStatus(), tracker("查进度", intent="application_status"))
    assert "还没有绑定" in texts(messages)


async def test_application_status_with_a_wrong_secret(portal, monkeypatch):
    monkeypatch.setenv("CHANGHU_BOT_SECRET", "wrong")
    messages, _ = await run(ActionApplicationStatus(), tracker("查进度", intent="application_status"))
    assert "系统有点忙" in texts(messages)


async def test_handoff_records_in_the_portal_emits_payload_and_pauses(portal):
    messages, events = await run(ActionHandoff(), tracker("转人工", intent="handoff_request"))
    assert {"handoff": True, "reason": "user_request"} in [m.get("custom") for m in messages]
    assert "工作人员会尽快" in texts(messages)
    assert [e["event"] for e in events] == ["action", "pause"]
    assert portal.handoffs == [{"sender_id": "wx-user-1", "reason": "user_request",
                                "language": "zh", "last_message": "转人工"}]


async def test_complaint_hands_off_with_the_complaint_page(portal):
    messages, _ = await run(ActionHandoff(), tracker("护理员三天没来了", intent="complaint"))
    assert {"handoff": True, "reason": "complaint"} in [m.get("custom") for m in messages]
    assert "/complaints/" in texts(messages)
    assert portal.handoffs[0]["reason"] == "complaint"


async def test_handoff_still_pauses_when_the_portal_fails(portal):
    portal.fail_handoffs = True
    messages, events = await run(ActionHandoff(), tracker("خادىم", intent="handoff_request"))
    assert "12393" in texts(messages)
    assert events[-1]["event"] == "pause"


async def test_first_fallback_asks_to_rephrase(portal):
    messages, events = await run(ActionFallback(), tracker(
        "今天天气怎么样", intent="nlu_fallback", history=[user_event("你好", "greet")]))
    assert "换个说法" in texts(messages) and events == []
    assert not portal.handoffs


async def test_second_consecutive_fallback_hands_off(portal):
    messages, events = await run(ActionFallback(), tracker(
        "啊啊啊", intent="nlu_fallback", history=[user_event("今天天气怎么样", "out_of_scope")]))
    assert {"handoff": True, "reason": "repeated_fallback"} in [m.get("custom") for m in messages]
    assert events[-1]["event"] == "pause"


async def test_fallback_count_starts_afresh_after_resume(portal):
    history = [user_event("啊", "nlu_fallback"), {"event": "resume"}]
    messages, events = await run(ActionFallback(), tracker("嗯", intent="nlu_fallback", history=history))
    assert events == [] and not portal.handoffs


async def test_core_fallback_reverts_the_message(portal):
    messages, events = await run(ActionFallback(), tracker("你好", intent="greet"))
    assert "换个说法" in texts(messages)
    assert [e["event"] for e in events] == ["rewind"]
