"""The custom actions against a local fake of the portal API (tests/fake_portal.py)."""

import datetime as dt
import json
import re

import pytest
from fake_portal import BINDING_ERRORS, SECRET, draft_application, submitted_application
from helpers import raw_texts, run, slot, texts, tracker, user_event

from actions import bidi, deadlines, knowledge
from actions.applications import ActionApplicationStatus
from actions.binding import ActionBindAccount
from actions.context import ActionDetectContext
from actions.deadlines import ActionDeadline
from actions.faq import ActionAnswerFaq
from actions.handoff import ActionFallback, ActionHandoff
from actions.institutions import ActionSearchInstitutions
from actions.messages import text as message_text
from actions.pending import ActionAnswerPending


@pytest.fixture
def today(monkeypatch):
    """A question asked on 20 November 2025 in China ("10月9日" is then 2025-10-09)."""
    day = dt.date(2025, 11, 20)
    monkeypatch.setattr("actions.parsing.china_today", lambda: day)
    return day


async def test_context_sets_language_and_region(portal):
    _, events = await run(ActionDetectContext(), tracker("宁夏对评估结论不服，多久之内要提？"))
    assert slot(events, "language") == "zh" and slot(events, "region") == "ningxia"
    as_said = (message_text("ask_region", "zh"), bidi.isolate(message_text("ask_region", "ug")))
    for question in ({"event": "bot", "text": text} for text in as_said):
        _, events = await run(ActionDetectContext(), tracker("2", history=[question]))
        assert slot(events, "region") == "xinjiang" and slot(events, "language") == "<unset>"


async def test_a_bare_number_is_a_region_only_in_reply_to_the_region_question(portal):
    answered = {"event": "bot", "text": "宁夏：公示不少于3个工作日。"}
    for history in ([], [answered]):
        _, events = await run(ActionDetectContext(), tracker("1", history=history))
        assert slot(events, "region") == "<unset>"


async def test_faq_answers_for_the_region_in_the_question_with_its_citation_in_words(portal):
    messages, events = await run(
        ActionAnswerFaq(),
        tracker(
            "宁夏对评估结论不服，多久之内要提？", topic="objection", slots={"region": "ningxia"}
        ),
    )
    text = texts(messages)
    assert "10个工作日" in text and "https://changhu.example/applications/" in text
    assert "依据：《宁夏回族自治区长期护理保险经办规程》第十五条" in text
    assert not re.search(r"\d{3}:\d", text)
    assert slot(events, "last_topic") == "objection"


async def test_faq_asks_for_the_region_with_numbered_choices_then_answers(portal):
    messages, events = await run(
        ActionAnswerFaq(), tracker("对评估结论不服怎么办", topic="objection")
    )
    assert "1 宁夏" in texts(messages) and "5 天津" in texts(messages)
    pending = slot(events, "pending")
    assert json.loads(pending) == {"kind": "faq", "topic": "objection"}
    # the reply "3": action_detect_context has set region=heilongjiang by now
    messages, events = await run(
        ActionAnswerPending(),
        tracker(
            "3",
            intent="inform_region",
            slots={"pending": pending, "region": "heilongjiang", "language": "zh"},
        ),
    )
    assert "15个工作日" in texts(messages)
    assert slot(events, "pending") is None


@pytest.mark.parametrize(
    "topic,question",
    [
        ("what_is_ltci", "长护险是干啥的"),
        ("assessment_process", "评估的时候家属要在场吗"),
        ("who_may_apply", "监护人申请要委托书吗"),
        ("service_types", "护理方式有几种"),
        ("privacy", "我的信息会泄露吗"),
        ("recusal", "评估员是我家亲戚行不行"),
        ("benefit_amount", "每个月能报多少钱"),
    ],
)
async def test_region_independent_questions_are_answered_at_once(portal, topic, question):
    messages, events = await run(ActionAnswerFaq(), tracker(question, topic=topic))
    text = texts(messages)
    assert "请问您在哪个地区" not in text
    expected = knowledge.answer(topic, "zh", None)
    assert expected is not None and expected.text in text
    assert slot(events, "pending") is None


async def test_the_deployments_region_is_used_before_asking(portal, monkeypatch):
    monkeypatch.setenv("CHANGHU_DEFAULT_REGION", "xinjiang")
    messages, events = await run(ActionAnswerFaq(), tracker("异议多久内提", topic="objection"))
    text = texts(messages)
    assert "新疆：" in text and "公示期内" in text and "请问您在哪个地区" not in text
    assert slot(events, "region") == "<unset>"  # an assumption, not stored


async def test_faq_takes_the_region_from_the_bound_account(portal, monkeypatch):
    monkeypatch.setenv("CHANGHU_DEFAULT_REGION", "ningxia")  # the account's region comes first
    portal.bind("wx-user-1", region="xinjiang")
    messages, events = await run(
        ActionAnswerFaq(), tracker("评估结论多久出来", topic="conclusion_time")
    )
    assert "新疆" in texts(messages) and slot(events, "region") == "xinjiang"
    assert portal.last("/api/v1/bot/applications")["headers"]["Authorization"] == f"Bearer {SECRET}"


@pytest.mark.parametrize(
    "topic,region", [("benefit_start", "heilongjiang"), ("benefit_start", "tianjin")]
)
async def test_a_value_the_document_does_not_state_is_said_to_be_not_stated(portal, topic, region):
    messages, _ = await run(
        ActionAnswerFaq(), tracker("什么时候开始享受待遇", topic=topic, slots={"region": region})
    )
    text = texts(messages)
    assert "的文件没有规定" in text and "经办机构会告诉您" in text and "12393" in text
    assert "次月" not in text and "依据" not in text


async def test_uyghur_question_gets_a_uyghur_answer_with_isolated_citation(portal):
    messages, _ = await run(
        ActionAnswerFaq(),
        tracker(
            "شىنجاڭدا نارازىلىق بىلدۈرۈش ۋاقتى قانچە",
            topic="objection",
            slots={"region": "xinjiang"},
        ),
    )
    text = texts(messages)
    assert (
        "شىنجاڭدا" in text and "ئېلان" in text and "https://changhu.example/applications/" in text
    )
    assert "\u2068《新疆维吾尔自治区长期护理保险经办规程》\u2069 8-ماددا" in raw_texts(messages)


async def test_deadline_through_the_portal_api(portal, today):
    messages, events = await run(
        ActionDeadline(),
        tracker(
            "结论书10月9日收到的，异议最晚哪天？",
            intent="deadline_date",
            slots={"region": "ningxia"},
        ),
    )
    request = portal.last("/api/v1/regions/")
    assert request["path"] == "/api/v1/regions/ningxia/deadlines/objection"
    assert request["query"]["from"] == "2025-10-09"
    assert request["headers"]["Accept-Language"] == "zh"
    text = texts(messages)
    assert "宁夏：从2025年10月9日算，对结论有异议的，最晚2025年10月22日提出复评申请" in text
    assert "（10个工作日）" in text and "要书面提出，逾期不再受理" in text
    assert "依据：《宁夏回族自治区长期护理保险经办规程》第十五条" in text
    assert slot(events, "last_topic") == "objection"


async def test_heilongjiang_deadline_adds_no_written_form_and_says_it_is_the_portals_reading(
    portal,
):
    messages, _ = await run(
        ActionDeadline(),
        tracker(
            "2025年10月9日收到结论书 异议最晚哪天",
            intent="deadline_date",
            slots={"region": "heilongjiang"},
        ),
    )
    text = texts(messages)
    assert "2025年10月29日" in text and "长护通的理解" in text
    assert "书面" not in text and "逾期" not in text


async def test_provisional_dates_say_they_may_change(portal):
    messages, _ = await run(
        ActionDeadline(),
        tracker(
            "2026年12月21日收到结论书 异议最晚哪天",
            intent="deadline_date",
            slots={"region": "ningxia"},
        ),
    )
    assert "2027年1月5日" in texts(messages) and "可能会变" in texts(messages)


async def test_xinjiang_objection_counts_from_the_publicity_in_uyghur(portal):
    messages, _ = await run(
        ActionDeadline(),
        tracker(
            "خۇلاسە خېتىنى 2024-10-09 ئالدىم نارازىلىقنى قاچانغىچە بىلدۈرىمەن",
            intent="deadline_date",
            slots={"region": "xinjiang"},
        ),
    )
    assert portal.last("/api/v1/regions/")["headers"]["Accept-Language"] == "ug"
    text = texts(messages)
    assert "ئېلان باشلانغان" in text and "2024-يىلى 10-ئاينىڭ 15-كۈنىگىچە" in text
    assert "\u20685\u2069 خىزمەت كۈنى" in raw_texts(messages)


async def test_deadline_without_region_waits_for_it(portal, today):
    messages, events = await run(
        ActionDeadline(), tracker("10月9日收到结论书 异议最晚哪天", intent="deadline_date")
    )
    assert "1 宁夏" in texts(messages)
    pending = json.loads(slot(events, "pending"))
    assert pending == {"kind": "deadline", "rule": "objection", "start": "2025-10-09"}
    messages, _ = await run(
        ActionAnswerPending(),
        tracker(
            "1",
            intent="inform_region",
            slots={"pending": json.dumps(pending), "region": "ningxia", "language": "zh"},
        ),
    )
    assert "最晚2025年10月22日" in texts(messages)


async def test_a_period_the_regions_document_does_not_state_is_not_computed(portal):
    messages, _ = await run(
        ActionDeadline(),
        tracker(
            "2025年10月9日收到结论书 异议最晚哪天",
            intent="deadline_date",
            slots={"region": "tianjin"},
        ),
    )
    text = texts(messages)
    assert portal.last("/api/v1/regions/")["path"].endswith("/tianjin/deadlines/objection")
    assert "天津的文件没有规定提出异议的期限" in text and "12393" in text
    assert "2025年" not in text


async def test_a_date_sent_after_an_answer_belongs_to_that_answers_period(portal):
    """Issue 10: "结论书是…收到的" after the objection answer is about the objection,
    even though 结论书 alone would read as the conclusion's delivery."""
    messages, _ = await run(
        ActionDeadline(),
        tracker(
            "结论书是2025年10月9号收到的",
            intent="deadline_date",
            topic="conclusion_time",
            slots={"region": "ningxia", "last_topic": "objection"},
        ),
    )
    assert portal.last("/api/v1/regions/")["path"].endswith("/ningxia/deadlines/objection")
    assert "最晚2025年10月22日提出复评申请" in texts(messages)


async def test_a_date_with_its_own_question_is_not_bent_to_the_previous_topic(portal):
    await run(
        ActionDeadline(),
        tracker(
            "2025年6月2号受理的 结论书最晚哪天送到",
            intent="deadline_date",
            slots={"region": "heilongjiang", "last_topic": "objection"},
        ),
    )
    path = portal.last("/api/v1/regions/")["path"]
    assert path.endswith("/heilongjiang/deadlines/conclusion_delivery")


async def test_an_eligibility_question_with_a_month_in_it_is_not_a_deadline(portal):
    """Issue 10: "俺爹在哈尔滨 今年8月才参的保…" is eligibility (002:6(2)), not a deadline."""
    messages, _ = await run(
        ActionDeadline(),
        tracker(
            "俺爹在哈尔滨 今年8月才参的保 中风了治了3个月 能申请不",
            intent="deadline_date",
            topic="eligibility",
        ),
    )
    expected = knowledge.answer("eligibility", "zh", "heilongjiang")
    assert expected is not None and expected.text in texts(messages)
    assert not [r for r in portal.requests if "/deadlines/" in r["path"]]


async def test_deadline_question_without_a_date_gives_the_rule(portal):
    messages, _ = await run(
        ActionDeadline(),
        tracker("异议最晚哪天提", intent="deadline_date", slots={"region": "ningxia"}),
    )
    assert "10个工作日" in texts(messages)
    assert not [r for r in portal.requests if "/deadlines/" in r["path"]]


async def test_faq_with_a_date_is_computed(portal, today):
    messages, _ = await run(
        ActionAnswerFaq(),
        tracker(
            "10月9日收到结论书 不服的话多久之内提", topic="objection", slots={"region": "ningxia"}
        ),
    )
    assert "最晚2025年10月22日" in texts(messages)


async def test_portal_down_gives_the_hotline_and_a_link(portal, monkeypatch):
    monkeypatch.setenv("CHANGHU_PORTAL_URL", "http://127.0.0.1:9")  # nothing listens there
    messages, events = await run(
        ActionDeadline(),
        tracker(
            "结论书10月9日收到的，异议最晚哪天？",
            intent="deadline_date",
            slots={"region": "ningxia"},
        ),
    )
    assert "12393" in texts(messages) and "系统有点忙" in texts(messages)
    assert events == []


async def test_portal_timeout_is_answered_plainly(portal, monkeypatch):
    monkeypatch.setenv("CHANGHU_PORTAL_TIMEOUT", "0.3")
    portal.delay = 1.0
    messages, _ = await run(
        ActionSearchInstitutions(),
        tracker(
            "金凤区有哪些定点护理机构", intent="institution_search", slots={"region": "ningxia"}
        ),
    )
    assert "系统有点忙" in texts(messages)


async def test_institution_search_by_district_and_service_type(portal):
    messages, _ = await run(
        ActionSearchInstitutions(),
        tracker(
            "金凤区有能上门护理的机构吗", intent="institution_search", slots={"region": "ningxia"}
        ),
    )
    query = portal.last("/api/v1/institutions")["query"]
    assert query == {"region": "ningxia", "district": "金凤区", "service_type": "home"}
    text = texts(messages)
    assert "银川市金凤区康宁护理院" in text and "0951-5012345" in text and "/institutions/" in text


async def test_institution_search_nothing_found(portal):
    messages, _ = await run(
        ActionSearchInstitutions(),
        tracker(
            "不存在区能上门护理的机构", intent="institution_search", slots={"region": "ningxia"}
        ),
    )
    assert "没找到" in texts(messages)


async def test_application_status_of_a_bound_user(portal):
    portal.bind("wx-user-1", region="ningxia")
    messages, events = await run(
        ActionApplicationStatus(), tracker("我的申请到哪一步了", intent="application_status")
    )
    text = texts(messages)
    assert "· NX-2024-0001 马*兰：待受理审核，受理审核最晚到 2024年11月5日" in text
    assert "暂定" not in text and "https://changhu.example/applications/" in text
    assert slot(events, "region") == "ningxia"
    assert portal.last("/api/v1/bot/applications")["query"] == {"sender_id": "wx-user-1"}


async def test_a_draft_is_called_a_draft_and_a_provisional_date_may_change(portal):
    portal.bind(
        "wx-user-1",
        region="xinjiang",
        applications=[draft_application(), submitted_application(provisional=False)],
    )
    messages, _ = await run(
        ActionApplicationStatus(), tracker("我的申请", intent="application_status")
    )
    text = texts(messages)
    assert "None" not in text
    assert "· 草稿 阿*提：草稿，还没有提交，草稿保留到 2026年2月20日（暂定）" in text
    assert "受理审核最晚到 2024年11月5日\n" in text  # not provisional: no mark
    assert "节假日安排正式公布后可能会变" in text


async def test_the_status_is_the_cases_step_and_says_when_the_person_must_act(portal):
    asked = {
        **submitted_application(),
        "step": "materials_requested",
        "status_label": "等申请人补材料",
        "to_do": True,
    }
    refused = {
        **submitted_application(),
        "reference": "NX-2024-0002",
        "step": "refused",
        "status_label": "不予受理",
        "next_date": None,
        "next_label": None,
    }
    portal.bind("wx-user-1", applications=[asked, refused])
    messages, _ = await run(
        ActionApplicationStatus(), tracker("我的申请", intent="application_status")
    )
    text = texts(messages)
    assert "马*兰：等申请人补材料，受理审核最晚到 2024年11月5日，有要您做的事" in text
    assert "· NX-2024-0002 马*兰：不予受理\n" in text


async def test_uyghur_status_with_a_draft(portal):
    label = "تاپشۇرۇلمىغان ئىلتىماس ساقلىنىدىغان ئاخىرقى كۈن"  # the portal's, in Uyghur
    portal.bind("wx-user-1", applications=[{**draft_application(), "next_label": label}])
    messages, _ = await run(
        ActionApplicationStatus(), tracker("ئىلتىماسىم", intent="application_status")
    )
    text = texts(messages)
    assert "None" not in text and "تاپشۇرۇلمىغان ئىلتىماس" in text and "(ۋاقىتلىق)" in text
    assert f"{label}: 2026-يىلى 2-ئاينىڭ 20-كۈنى" in text and "بايرام-دەم ئېلىش" in text
    assert "\u2068阿*提\u2069" in raw_texts(messages)
    assert portal.last("/api/v1/bot/applications")["headers"]["Accept-Language"] == "ug"


async def test_application_status_of_an_account_without_applications(portal):
    portal.bind("wx-user-1", region=None, applications=[])
    messages, events = await run(
        ActionApplicationStatus(), tracker("申请进度", intent="application_status")
    )
    assert "还没有申请记录" in texts(messages) and "/apply/" in texts(messages)
    assert slot(events, "region") == "<unset>"


async def test_application_status_of_an_unbound_user(portal):
    messages, _ = await run(
        ActionApplicationStatus(), tracker("查进度", intent="application_status")
    )
    text = texts(messages)
    assert "还没有绑定" in text and "https://changhu.example/chat/bind" in text
    assert "“绑定”加上 6 位绑定码" in text and "绑定 123456" in text


async def test_uyghur_unbound_user_is_told_how_to_bind(portal):
    messages, _ = await run(
        ActionApplicationStatus(), tracker("ئىلتىماسىمنىڭ ئەھۋالى", intent="application_status")
    )
    text = texts(messages)
    assert "https://changhu.example/chat/bind" in text and "باغلاش 123456" in text
    assert "باغلانمىغان" in text


async def test_application_status_with_a_wrong_secret(portal, monkeypatch):
    monkeypatch.setenv("CHANGHU_BOT_SECRET", "wrong")
    messages, _ = await run(
        ActionApplicationStatus(), tracker("查进度", intent="application_status")
    )
    assert "系统有点忙" in texts(messages)


async def test_handoff_records_in_the_portal_emits_payload_and_pauses(portal):
    messages, events = await run(ActionHandoff(), tracker("转人工", intent="handoff_request"))
    assert {"handoff": True, "reason": "user_request"} in [m.get("custom") for m in messages]
    assert "工作人员会尽快" in texts(messages)
    assert [e["event"] for e in events] == ["action", "pause"]
    assert portal.handoffs == [
        {
            "sender_id": "wx-user-1",
            "reason": "user_request",
            "language": "zh",
            "last_message": "转人工",
        }
    ]


async def test_handoff_tells_the_portal_the_region_it_knew_for_the_regions_hotline(portal):
    await run(
        ActionHandoff(), tracker("转人工", intent="handoff_request", slots={"region": "fuzhou"})
    )
    await run(ActionHandoff(), tracker("خادىم", intent="handoff_request", sender_id="wx-user-2"))
    assert [h.get("region") for h in portal.handoffs] == ["fuzhou", None]


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


async def test_out_of_scope_says_what_the_bot_covers_and_gives_the_hotline(portal):
    messages, events = await run(
        ActionFallback(),
        tracker("养老金咋没到账", intent="out_of_scope", history=[user_event("你好", "greet")]),
    )
    text = texts(messages)
    assert "不属于长期护理保险" in text and "申请条件" in text and "12393" in text
    assert events == [] and not portal.handoffs


async def test_first_fallback_asks_to_rephrase(portal):
    messages, events = await run(
        ActionFallback(),
        tracker("今天天气怎么样", intent="nlu_fallback", history=[user_event("你好", "greet")]),
    )
    assert "换个说法" in texts(messages) and events == []
    assert not portal.handoffs


async def test_second_consecutive_fallback_hands_off(portal):
    messages, events = await run(
        ActionFallback(),
        tracker(
            "啊啊啊", intent="nlu_fallback", history=[user_event("今天天气怎么样", "out_of_scope")]
        ),
    )
    assert {"handoff": True, "reason": "repeated_fallback"} in [m.get("custom") for m in messages]
    assert events[-1]["event"] == "pause"


async def test_fallback_count_starts_afresh_after_resume(portal):
    history = [user_event("啊", "nlu_fallback"), {"event": "resume"}]
    _, events = await run(ActionFallback(), tracker("嗯", intent="nlu_fallback", history=history))
    assert events == [] and not portal.handoffs


async def test_core_fallback_reverts_the_message(portal):
    messages, events = await run(ActionFallback(), tracker("你好", intent="greet"))
    assert "换个说法" in texts(messages)
    assert [e["event"] for e in events] == ["rewind"]


# ------------------------------------------------------------------ binding


def bind_tracker(text, **kwargs):
    return tracker(text, intent="bind_account", **kwargs)


async def test_binding_with_the_code_from_the_page(portal):
    code = portal.issue_code(region="xinjiang")
    messages, events = await run(ActionBindAccount(), bind_tracker(f"绑定 {code}"))
    assert texts(messages) == "绑定成功！以后在这里问“我的申请”，就能查到申请进度。"
    assert slot(events, "region") == "xinjiang"
    request = portal.last("/api/v1/bot/bindings")
    assert request["body"] == {"sender_id": "wx-user-1", "code": code}
    assert request["headers"]["Authorization"] == f"Bearer {SECRET}"
    assert request["headers"]["Accept-Language"] == "zh"
    assert "wx-user-1" in portal.bound
    # the code is spent: the same code again is a wrong code
    messages, _ = await run(
        ActionBindAccount(), bind_tracker(f"绑定 {code}", sender_id="wx-user-2")
    )
    assert texts(messages) == BINDING_ERRORS["wrong_code"]["zh"].format(left=4)


async def test_binding_reads_the_code_entity_and_spaced_digits(portal):
    code = portal.issue_code(code="123456", region=None)
    entity = {"entity": "binding_code", "value": "123 456", "start": 7, "end": 14}
    messages, events = await run(
        ActionBindAccount(), bind_tracker("我的绑定码是123 456", entities=[entity])
    )
    assert "绑定成功" in texts(messages)
    assert portal.last("/api/v1/bot/bindings")["body"]["code"] == code
    assert events == []  # region null: the slot is left alone


async def test_uyghur_binding(portal):
    code = portal.issue_code(region="xinjiang")
    messages, events = await run(
        ActionBindAccount(), bind_tracker(f"باغلاش كودى {code[:3]} {code[3:]}")
    )
    text = texts(messages)
    assert "باغلاندى" in text and "«ئىلتىماسلىرىم»" in text
    assert portal.last("/api/v1/bot/bindings")["headers"]["Accept-Language"] == "ug"
    assert slot(events, "region") == "xinjiang"


async def test_binding_keeps_a_region_already_known(portal):
    code = portal.issue_code(region="ningxia")
    _, events = await run(
        ActionBindAccount(), bind_tracker(f"绑定{code}", slots={"region": "ningxia"})
    )
    assert events == []


@pytest.mark.parametrize("language,text", [("zh", "绑定 999999"), ("ug", "باغلاش 999999")])
async def test_a_wrong_code_gets_the_portals_sentence_verbatim(portal, language, text):
    portal.issue_code(code="123456")
    messages, events = await run(ActionBindAccount(), bind_tracker(text))
    assert texts(messages) == BINDING_ERRORS["wrong_code"][language].format(left=4)
    assert events == [] and portal.bound == {}


async def test_an_expired_code(portal):
    code = portal.issue_code(lifetime=-1)
    messages, events = await run(ActionBindAccount(), bind_tracker(f"绑定 {code}"))
    assert texts(messages) == "绑定码已经过期了。请在长护通网页上重新获取绑定码，10 分钟内发过来。"
    assert events == [] and portal.bound == {}


async def test_too_many_wrong_codes(portal):
    code = portal.issue_code(code="123456")
    for wrong in ("111111", "222222", "333333", "444444"):
        await run(ActionBindAccount(), bind_tracker(f"绑定 {wrong}"))
    messages, _ = await run(ActionBindAccount(), bind_tracker("绑定 555555"))
    assert texts(messages) == BINDING_ERRORS["too_many_tries"]["zh"]
    messages, _ = await run(
        ActionBindAccount(), bind_tracker(f"绑定 {code}")
    )  # now even the right one
    assert texts(messages) == BINDING_ERRORS["too_many_tries"]["zh"] and portal.bound == {}


@pytest.mark.parametrize("failure", ["down", "503", "wrong_secret"])
async def test_binding_when_the_portal_is_down_is_a_plain_busy_message(
    portal, monkeypatch, failure
):
    code = portal.issue_code()
    if failure == "down":
        monkeypatch.setenv("CHANGHU_PORTAL_URL", "http://127.0.0.1:9")  # nothing listens there
    elif failure == "503":
        portal.fail_bindings = True
    else:
        monkeypatch.setenv("CHANGHU_BOT_SECRET", "wrong")
    messages, events = await run(ActionBindAccount(), bind_tracker(f"绑定 {code}"))
    text = texts(messages)
    assert text.startswith("系统有点忙") and "12393" in text
    assert "https://changhu.example/chat/bind" in text and "没有权限" not in text
    assert events == [] and portal.bound == {}


@pytest.mark.parametrize("text", ["绑定", "怎么绑定账号", "绑定 12345"])
async def test_binding_without_a_code_asks_for_it(portal, text):
    messages, events = await run(ActionBindAccount(), bind_tracker(text))
    reply = texts(messages)
    assert "https://changhu.example/chat/bind" in reply and "绑定 123456" in reply
    assert events == [] and not portal.requests


async def test_uyghur_binding_without_a_code(portal):
    messages, _ = await run(ActionBindAccount(), bind_tracker("ھېساباتنى قانداق باغلايمەن"))
    reply = texts(messages)
    assert "https://changhu.example/chat/bind" in reply and "باغلاش 123456" in reply


@pytest.mark.parametrize(
    "action,intent", [(ActionAnswerPending, "inform_region"), (ActionFallback, "nlu_fallback")]
)
async def test_a_code_sent_alone_binds(portal, action, intent):
    """Bare digits are read as a region reply or not understood; a 6-digit one is a code."""
    code = portal.issue_code(region="tianjin")
    messages, events = await run(action(), tracker(f"{code[:3]} {code[3:]}", intent=intent))
    assert "绑定成功" in texts(messages) and slot(events, "region") == "tianjin"
    assert not portal.handoffs


async def test_a_code_alone_does_not_count_as_a_miss(portal):
    messages, events = await run(
        ActionFallback(),
        tracker("讲个笑话", intent="nlu_fallback", history=[user_event("999999", "nlu_fallback")]),
    )
    assert "换个说法" in texts(messages) and events == [] and not portal.handoffs


def test_the_portals_own_citation_and_reading_note_are_said_when_it_sends_them():
    body = {
        "due": "2025-10-29",
        "from": "2025-10-09",
        "working_days": 15,
        "provisional": False,
        "source": "002:8(6)",
        "citation": {"zh": "《黑龙江省长期护理保险经办规程》第八条第（六）项", "ug": "…"},
        "from_is_reading": True,
        "note": "这是门户网站写的说明。",
    }
    text = deadlines.format_result(body, "objection", "heilongjiang", "zh")
    assert "依据：《黑龙江省长期护理保险经办规程》第八条第（六）项" in text
    assert "这是门户网站写的说明。" in text and deadlines.READING_NOTE["zh"] not in text


@pytest.mark.parametrize(
    "text,topic,answered",
    [
        ("خېيلۇڭجياڭدا نارازىلىق مۇددىتى قانچە", "objection", True),
        ("黑龙江的 异议几天内提", "objection", True),
        ("我在黑龙江", "objection", False),
        ("مەن خېيلۇڭجياڭدا تۇرىمەن", "objection", False),
    ],
)
async def test_a_region_named_with_a_question_gets_the_answer(portal, text, topic, answered):
    messages, _ = await run(
        ActionAnswerPending(),
        tracker(text, intent="inform_region", topic=topic, slots={"region": "heilongjiang"}),
    )
    expected = knowledge.answer(topic, "ug" if "خ" in text else "zh", "heilongjiang")
    assert expected is not None
    assert (expected.text in texts(messages)) is answered
