"""Words for a complaint's stored codes, shared by the citizen's pages and the console."""

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l

from portal.models import ComplaintStatus

TOPICS = {
    "service_quality": _l("护理服务质量"),
    "fees": _l("收费问题"),
    "fraud": _l("虚假记录、骗取长护险基金"),
    "assessment": _l("失能评估不公正"),
    "delay": _l("推诿、拖延办理"),
    "attitude": _l("工作人员态度"),
    "other": _l("其他问题"),
}
CONCERNED = {
    "care_institution": _l("定点护理机构"),
    "assessment_institution": _l("定点评估机构"),
    "third_party": _l("委托承办机构（第三方）"),
    "agency": _l("医保经办机构"),
    "other": _l("其他，或者不清楚"),
}
# Shown to the citizen: what is happening to their complaint, in plain words.
STATUS = {
    ComplaintStatus.DRAFT: _l("还没有提交"),
    ComplaintStatus.RECEIVED: _l("已收到，等待处理"),
    ComplaintStatus.CHECKING: _l("正在核查"),
    ComplaintStatus.WITH_THIRD_PARTY: _l("已转委托承办机构核查"),
    ComplaintStatus.REPORTED_BACK: _l("核查结果已报回医保经办机构"),
    ComplaintStatus.ANSWERED: _l("已答复"),
}
HOLDERS = {"agency": _l("医保经办机构"), "third_party": _l("委托承办机构")}
CONTACT = {
    "sms": _l("短信"),
    "wechat": _l("微信"),
    "none": _l("不联系（只在网上看答复）"),
}
EVENTS = {
    "submitted": _l("提交"),
    "recorded": _l("热线记录来电投诉"),
    "taken": _l("接手处理"),
    "note": _l("内部备注"),
    "passed_to_third_party": _l("转委托承办机构核查"),
    "reported_back": _l("委托承办机构报回核查结果"),
    "target_date_set": _l("定下预计答复日期"),
    "answered": _l("答复"),
    "reply_sent": _l("答复已发送"),
    "reply_not_sent": _l("答复没有发出"),
}


def label(table: Mapping[Any, object], code: object) -> str:
    return str(table.get(code, code or ""))
