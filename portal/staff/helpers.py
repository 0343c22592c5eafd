"""Words the console shows for stored codes: account events, access-log actions, deadlines."""

from datetime import date, datetime
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.cases.labels import DEADLINE_LABELS, STEP_LABELS, event_label
from portal.clock import CHINA
from portal.extensions import db
from portal.models import AccessLog, Application, Case, CaseStep, InsuredPerson, StaffUser
from portal.policy import load_form
from portal.policy.assessment import CONCLUSION_FORM
from portal.template_helpers import in_language

ACCOUNT_EVENTS = {
    "created": _l("建立账号"),
    "role_changed": _l("更换岗位"),
    "disabled": _l("停用"),
    "enabled": _l("启用"),
    "password_reset": _l("重设密码"),
    "second_factor_reset": _l("重设验证器"),
    "second_factor_set_up": _l("设置验证器"),
    "unlocked": _l("解除锁定"),
    "locked": _l("多次输错，锁定"),
    "signed_in": _l("登录"),
    "sign_in_failed": _l("登录失败"),
}
CALLER_RELATIONS = {
    "self": _l("本人"),
    "family": _l("家属"),
    "agent": _l("代办人"),
    "other": _l("其他人"),
}
ACCESS_ACTIONS = {
    "case_file": _l("案件档案"),
    "person_file": _l("一人一档"),
    "material": _l("材料文件"),
    "id_number_revealed": _l("完整身份证号码"),
    "conclusion_letter": _l("评估结论书"),
    "handoff_chat": _l("转人工对话"),
    "caller_lookup": _l("热线查询来电人进度"),
    "complaint_evidence": _l("投诉的证据文件"),
    # What citizens' own pages show of a person (portal/apply, people, privacy).
    "application": _l("申请"),
    "self_assessment": _l("失能自评"),
    "people_list": _l("我为谁办理"),
    "my_applications": _l("我的申请"),
    "my_data": _l("我的全部信息"),
    "refused:application": _l("想打开别人的申请，被拒绝"),
    "refused:self_assessment": _l("想打开别人的自评，被拒绝"),
    "refused:representation": _l("想打开别人的参保人，被拒绝"),
    "refused:material": _l("想打开不属于这个人的文件，被拒绝"),
}


def china_time(moment: datetime) -> str:
    """A stored moment as the clock in China showed it."""
    return f"{moment.astimezone(CHINA):%Y-%m-%d %H:%M}"


def account_event_label(action: str) -> str:
    return str(ACCOUNT_EVENTS.get(action, action))


def access_action_label(action: str) -> str:
    return str(ACCESS_ACTIONS.get(action, action))


def deadline_label(rule: str) -> str:
    return str(DEADLINE_LABELS.get(rule, rule))


def step_label(step: CaseStep | str) -> str:
    return str(STEP_LABELS[CaseStep(step)])


def audit_actor(entry: AccessLog) -> str:
    if entry.staff_user_id:
        user = db.session.get(StaffUser, entry.staff_user_id)
        return f"{user.display_name} ({user.username})" if user else entry.actor
    return str(_l("本人或代办人（%(actor)s）", actor=entry.actor))


def audit_consent(entry: AccessLog) -> str:
    """Under whose consent a hotline look was made: 来电人 马先生（家属）."""
    consent = entry.caller_consent
    if consent is None:
        return ""
    relation = CALLER_RELATIONS.get(consent.relation, consent.relation)
    return str(
        _l("来电人 %(name)s（%(relation)s）同意", name=consent.caller_name, relation=relation)
    )


def audit_person(entry: AccessLog) -> InsuredPerson | None:
    if entry.insured_person_id is None:
        return None
    return db.session.get(InsuredPerson, entry.insured_person_id)


def mask_name(name: str) -> str:
    """马*兰, 王*: for the public publicity list (000:59 脱敏)."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def iso_date(value: str) -> date:
    return date.fromisoformat(value)


def level_label(level: int | str) -> str:
    """A conclusion's level in words, per the national standard's names."""
    found = load_form(CONCLUSION_FORM).level(int(level))
    return in_language(found.name)


def answer_row(row: tuple[Any, list[str]]) -> dict[str, Any]:
    question, lines = row
    return {"key": question.title, "lines": lines, "href": None}


def conclusion_level(case: Case) -> int:
    from portal.cases.decisions import conclusion

    return int(conclusion(case).get("level", 0))


def case_of_application(application: Application) -> Case | None:
    return db.session.scalar(select(Case).filter_by(application_id=application.id))


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        china_time=china_time, mask_name=mask_name, iso_date=iso_date, answer_row=answer_row
    )
    app.jinja_env.globals.update(
        account_event_label=account_event_label,
        access_action_label=access_action_label,
        deadline_label=deadline_label,
        step_label=step_label,
        event_label=event_label,
        audit_actor=audit_actor,
        audit_person=audit_person,
        audit_consent=audit_consent,
        level_label=level_label,
        case_of_application=case_of_application,
        conclusion_level=conclusion_level,
    )
