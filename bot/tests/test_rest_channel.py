"""Functional tests: the real trained model and action server, through the REST channel.

`make test` trains models/current.tar.gz first; BOT_MODEL overrides the path.
"""

import os
import pathlib
import uuid

import pytest
from fake_portal import BINDING_ERRORS, SECRET, FakePortal, draft_application, submitted_application
from servers import BOT, BotServers

from actions import knowledge

pytestmark = pytest.mark.rest

MODEL = pathlib.Path(os.environ.get("BOT_MODEL", BOT / "models" / "current.tar.gz"))

# one question per topic, as people ask it
ZH_QUESTIONS = {
    "eligibility": "俺爹中风半身不遂躺了一年多了能不能办长护险",
    "refusal": "哪些情况会不予受理",
    "materials": "申请要带什么材料",
    "how_to_apply": "在哪里申请长护险",
    "self_assessment": "自评表在哪填",
    "acceptance_time": "申请交上去多久有结果",
    "conclusion_time": "评估结论多久出来",
    "publicity": "公示几天",
    "objection": "对评估结论不服怎么办",
    "reassessment": "什么时候可以重新评估",
    "validity": "评估结论有效期多久",
    "benefit_start": "评上了什么时候开始享受待遇",
    "service_types": "长护险有哪些服务",
    "choose_institution": "护理机构怎么选",
    "change_institution": "能换护理机构吗",
    "care_plan": "护理计划是什么",
    "hospital_pause": "老人住院了护理服务怎么办",
    "suspension": "待遇被暂停了怎么恢复",
    "complaints_info": "投诉找哪里",
    "privacy": "我的个人信息安全吗",
    "premium": "长护险怎么交钱",
    "family_caregiver": "亲情照护是什么",
    "assessment_process": "评估的时候家属要在场吗",
    "what_is_ltci": "长护险是什么",
    "who_may_apply": "监护人申请要不要委托书",
    "recusal": "评估员是我家亲戚行不行",
    "benefit_amount": "长护险一个月给多少钱",
}
UG_QUESTIONS = {
    "eligibility": "ئانام پالەچ بولۇپ كارىۋاتتا يېتىپ قالدى ئىلتىماس قىلسا بولامدۇ",
    "materials": "قانداق ماتېرىيال كېرەك",
    "objection": "نارازىلىقنى قانچە كۈن ئىچىدە بىلدۈرىمەن",
    "validity": "باھالاش خۇلاسىسىنىڭ ئىناۋەتلىك مۇددىتى قانچە",
    "premium": "سۇغۇرتا پۇلى قەيەردىن تۇتۇلىدۇ",
}


@pytest.fixture(scope="module")
def portal():
    fake = FakePortal().start()
    yield fake
    fake.stop()
    assert not fake.unmatched, f"requests outside the contract file: {fake.unmatched}"


@pytest.fixture(scope="module")
def bot(portal):
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    servers = BotServers(
        MODEL,
        env={
            "CHANGHU_PORTAL_URL": portal.url,
            "CHANGHU_BOT_SECRET": SECRET,
            "CHANGHU_PUBLIC_URL": "https://changhu.example",
        },
    ).start()
    yield servers
    servers.stop()


def sender() -> str:
    return f"wx-{uuid.uuid4().hex[:10]}"


def text_of(replies) -> str:
    """What a person reads (the invisible isolation marks of Uyghur replies removed)."""
    text = "\n".join(r.get("text", "") for r in replies)
    return text.replace("\u2068", "").replace("\u2069", "")


def customs(replies):
    return [r["custom"] for r in replies if "custom" in r]


@pytest.mark.parametrize("topic", sorted(ZH_QUESTIONS))
def test_one_chinese_question_per_topic(bot, topic):
    user = sender()
    assert "宁夏" in text_of(bot.say(user, "我在宁夏"))
    expected = knowledge.answer(topic, "zh", "ningxia")
    assert expected is not None
    reply = text_of(bot.say(user, ZH_QUESTIONS[topic]))
    assert expected.text in reply
    if expected.link:
        assert "https://changhu.example/" in reply


@pytest.mark.parametrize("topic", sorted(UG_QUESTIONS))
def test_uyghur_questions_get_uyghur_answers(bot, topic):
    user = sender()
    bot.say(user, "مەن شىنجاڭدا")
    reply = text_of(bot.say(user, UG_QUESTIONS[topic]))
    expected = knowledge.answer(topic, "ug", "xinjiang")
    assert expected is not None and expected.text in reply


def test_region_asked_with_numbered_choices(bot):
    user = sender()
    asked = text_of(bot.say(user, "对评估结论不服怎么办"))
    assert "1 宁夏" in asked and "2 新疆" in asked
    expected = knowledge.answer("objection", "zh", "xinjiang")
    assert expected is not None and expected.text in text_of(bot.say(user, "2"))


def test_region_from_the_question_itself(bot):
    reply = text_of(bot.say(sender(), "宁夏对评估结论不服，多久之内要提？"))
    assert "10个工作日" in reply


def test_deadline_with_a_date(bot, portal):
    user = sender()
    bot.say(user, "我在黑龙江")
    reply = text_of(bot.say(user, "结论书2025年10月9日收到的，异议最晚哪天？"))
    assert "黑龙江：从2025年10月9日算" in reply and "2025年10月29日" in reply
    assert (
        portal.last("/api/v1/regions/")["path"]
        == "/api/v1/regions/heilongjiang/deadlines/objection"
    )


def test_institution_search(bot, portal):
    user = sender()
    bot.say(user, "我在宁夏")
    reply = text_of(bot.say(user, "金凤区有哪些定点护理机构"))
    assert "银川市金凤区康宁护理院" in reply


def test_application_status_of_a_bound_user(bot, portal):
    user = sender()
    portal.bind(user, region="ningxia")
    assert "待受理审核" in text_of(bot.say(user, "我的申请到哪一步了"))


@pytest.mark.parametrize(
    "text,intent",
    [
        ("绑定123456", "bind_account"),
        ("绑定 123 456", "bind_account"),
        ("我的绑定码是123456", "bind_account"),
        ("باغلاش 123456", "bind_account"),
        ("باغلاش كودى 123456", "bind_account"),
        ("我的申请", "application_status"),
        ("我的申请到哪了", "application_status"),
        ("申请进度", "application_status"),
        ("ئىلتىماسىم", "application_status"),
        ("ئىلتىماسىمنىڭ ئەھۋالى", "application_status"),
    ],
)
def test_binding_and_status_phrases_reach_their_intents(bot, text, intent):
    parsed = bot.parse(text)
    assert parsed["intent"]["name"] == intent
    codes = [e["value"] for e in parsed["entities"] if e["entity"] == "binding_code"]
    assert codes == (["123 456"] if "123 456" in text else ["123456"] if "123456" in text else [])


def test_binding_conversation_then_the_status(bot, portal):
    user = sender()
    asked = text_of(bot.say(user, "怎么绑定账号"))
    assert "https://changhu.example/chat/bind" in asked and "绑定 123456" in asked
    code = portal.issue_code(
        region="xinjiang",
        applications=[draft_application(), submitted_application(provisional=True)],
    )
    wrong = "000000" if code != "000000" else "111111"
    assert text_of(bot.say(user, f"绑定 {wrong}")) == BINDING_ERRORS["wrong_code"]["zh"].format(
        left=4
    )
    done = text_of(bot.say(user, f"绑定 {code[:3]} {code[3:]}"))
    assert "绑定成功" in done and "“我的申请”" in done
    assert portal.bound[user]["region"] == "xinjiang"
    assert bot.tracker(user)["slots"]["region"] == "xinjiang"
    status = text_of(bot.say(user, "我的申请"))
    assert "· 草稿 阿*提：草稿，还没有提交" in status and "None" not in status
    assert "NX-2024-0001" in status and "节假日安排正式公布后可能会变" in status


def test_uyghur_status_question_of_an_unbound_chat(bot):
    reply = text_of(bot.say(sender(), "ئىلتىماسىمنىڭ ئەھۋالى"))
    assert "https://changhu.example/chat/bind" in reply and "باغلاش 123456" in reply


def test_handoff_pauses_and_the_portal_resumes(bot, portal):
    user = sender()
    replies = bot.say(user, "转人工")
    assert {"handoff": True, "reason": "user_request"} in customs(replies)
    assert any(h["sender_id"] == user for h in portal.handoffs)
    assert bot.tracker(user)["paused"] is True
    assert bot.say(user, "你好") == []  # staff answer now, not the bot
    bot.resume(user)  # staff closed the chat
    assert "长护通小助手" in text_of(bot.say(user, "你好"))


def test_second_consecutive_fallback_hands_off(bot):
    user = sender()
    first = bot.say(user, "今天天气怎么样")
    assert "不属于长期护理保险" in text_of(first) and not customs(first)
    second = bot.say(user, "讲个笑话")
    assert {"handoff": True, "reason": "repeated_fallback"} in customs(second)


def test_complaint_hands_off(bot):
    replies = bot.say(sender(), "护理员三天没来了")
    assert {"handoff": True, "reason": "complaint"} in customs(replies)


def test_uyghur_handoff(bot):
    replies = bot.say(sender(), "خادىم بىلەن سۆزلەشمەكچىمەن")
    assert {"handoff": True, "reason": "user_request"} in customs(replies)
    assert "خادىم" in text_of(replies)
