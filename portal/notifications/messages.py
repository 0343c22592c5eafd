"""What each kind of notification says, rendered in the reader's language when it is shown
(the inbox, the console) or sent (SMS, WeChat). Another feature adds its own kind with
``@message("kind")``; ``message`` (a title and a text written by a person) needs none."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _

from portal.cases.labels import DEADLINE_LABELS, EVENT_LABELS
from portal.dates import day_text
from portal.template_helpers import language


@dataclass(frozen=True)
class Words:
    title: str
    text: str


Render = Callable[[dict[str, Any]], Words]
MESSAGES: dict[str, Render] = {}


def message(kind: str) -> Callable[[Render], Render]:
    def register(render: Render) -> Render:
        MESSAGES[kind] = render
        return render

    return register


def words(kind: str, params: dict[str, Any]) -> Words:
    return MESSAGES[kind](params)


def _date(params: dict[str, Any], key: str) -> str:
    """Plain text (SMS, WeChat, the inbox): the day in words, in the reader's language."""
    return day_text(date.fromisoformat(str(params[key])), language())


@message("message")
def _written(params: dict[str, Any]) -> Words:
    """A text written by a person; the title may be left out."""
    return Words(str(params.get("title") or ""), str(params["text"]))


@message("complaint_reply")
def _complaint_reply(params: dict[str, Any]) -> Words:
    """The agency's reply to a complaint, as staff wrote it, with the complaint's number."""
    return Words(
        _("投诉已答复"),
        _(
            "您的投诉（编号%(reference)s）的答复：%(reply)s",
            reference=params["reference"],
            reply=params["reply"],
        ),
    )


# ------------------------------------------------------------------ news of a case


NEWS: dict[str, Callable[[dict[str, Any]], str]] = {
    "accepted": lambda p: _(
        "%(name)s的申请已受理，接下来定点评估机构会联系您，上门评估。", name=p["name"]
    ),
    "materials_requested": lambda p: _(
        "经办机构请您为%(name)s补交材料。请在长护通查看要补的材料，直接拍照上传。", name=p["name"]
    ),
    "refused": lambda p: _(
        "经办机构决定不受理%(name)s的申请。请在长护通查看理由和您可以做什么。", name=p["name"]
    ),
    "conclusion_deadline_extended": lambda p: _(
        "%(name)s的评估情况复杂，评估结论书送达的期限延长了。新的日期请在长护通查看。",
        name=p["name"],
    ),
    "assessment_scheduled": lambda p: _(
        "评估人员会在%(date)s上门为%(name)s评估。那天须有监护人或委托代理人在场。",
        name=p["name"],
        date=_date(p, "visit_on"),
    ),
    "publicity_started": lambda p: _(
        "%(name)s的评估结论达到待遇享受条件，正在公示。公示结束后会送达评估结论书。", name=p["name"]
    ),
    "delivered": lambda p: _(
        "%(name)s的评估结论书已送达。请在长护通查看结论、待遇和提出异议的期限。", name=p["name"]
    ),
    "re_evaluation_ordered": lambda p: _("经办机构决定对%(name)s组织复评。", name=p["name"]),
    "objection_declined": lambda p: _(
        "经办机构不受理对%(name)s评估结论的异议。请在长护通查看理由。", name=p["name"]
    ),
    "care_plan_proposed": lambda p: _(
        "%(name)s的护理服务计划已经制定好了。请在长护通查看，确认或者提出修改。", name=p["name"]
    ),
    "benefits_suspended": lambda p: _(
        "%(name)s的长期护理保险待遇暂停了。请在长护通查看原因和怎样申请恢复。", name=p["name"]
    ),
    "benefits_resumed": lambda p: _(
        "%(name)s的长期护理保险待遇从%(date)s起恢复。",
        name=p["name"],
        date=_date(p, "resume_from"),
    ),
}


@message("case_news")
def _news(params: dict[str, Any]) -> Words:
    return Words(str(EVENT_LABELS[params["event"]]), NEWS[params["event"]](params))


# ------------------------------------------------------------------ reminders


@message("objection_closes")
def _objection_closes(params: dict[str, Any]) -> Words:
    return Words(
        _("提出异议的期限快到了"),
        _(
            "如果对%(name)s的评估结论有异议，最晚在%(date)s提出。没有异议不用做什么。",
            name=params["name"],
            date=_date(params, "closes"),
        ),
    )


@message("visit_soon")
def _visit_soon(params: dict[str, Any]) -> Words:
    return Words(
        _("上门评估快到了"),
        _(
            "评估人员%(date)s上门为%(name)s评估。那天须有监护人或委托代理人在场。",
            name=params["name"],
            date=_date(params, "visit_on"),
        ),
    )


@message("validity_ends")
def _validity_ends(params: dict[str, Any]) -> Words:
    """``at_most`` False: the date is the one the conclusion letter states."""
    if params.get("at_most", True):
        text = _(
            "%(name)s的评估结论最长有效到%(date)s。有效期届满前要重新评估，才能继续享受待遇。"
            "经办机构会安排，您也可以在长护通申请重新评估。",
            name=params["name"],
            date=_date(params, "until"),
        )
    else:
        text = _(
            "%(name)s的评估结论有效期至%(date)s。有效期届满前要重新评估，才能继续享受待遇。"
            "经办机构会安排，您也可以在长护通申请重新评估。",
            name=params["name"],
            date=day_text(date.fromisoformat(str(params["until"])), language(), ending="until"),
        )
    return Words(_("评估结论的有效期快到了"), text)


@message("deadline_at_risk")
def _deadline_at_risk(params: dict[str, Any]) -> Words:
    days = int(params["days_left"])
    label = str(DEADLINE_LABELS.get(params["rule"], params["rule"]))
    due = _date(params, "due")
    if days < 0:
        text = _(
            "%(reference)s：%(deadline)s已超期（期限%(date)s）。",
            reference=params["reference"],
            deadline=label,
            date=due,
        )
    else:
        text = _(
            "%(reference)s：%(deadline)s还剩 %(count)s 个工作日（期限%(date)s）。",
            reference=params["reference"],
            deadline=label,
            count=days,
            date=due,
        )
    return Words(_("期限快到了"), text)
