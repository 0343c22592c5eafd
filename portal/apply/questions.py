"""The application's questions (xinjiang annex 1 fields, POLICY.md §2), one page each.

Each question says which section of the task list it belongs to, its fields, and when it is
asked: a question the region's rules don't need, or whose answer is already known, is skipped.
A question asked because of a refusal rule shows that rule as the region's own profile
states it, with its article: no region is named in the code.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from portal import id_numbers
from portal.auth.service import MAINLAND_MOBILE, normalise_phone
from portal.fields import NotAfterToday, WholeNumberField, WrittenDateField
from portal.models import Relation
from portal.policy import RefusalRule, RegionProfile

YES_NO = [SelectChoice("yes", _l("是")), SelectChoice("no", _l("否"))]
MONTHS_IN_DIGITS = _l("请只用数字填写月数，例如 2 年就填 24。")


@dataclass(frozen=True)
class Context:
    """What decides whether a question is asked."""

    profile: RegionProfile
    relation: Relation
    answers: dict[str, Any]


@dataclass(frozen=True)
class Question:
    key: str
    section: str
    title: Any
    fields: Callable[[], dict[str, Field]]
    hint: Any = None
    asked: Callable[[Context], bool] = lambda context: True
    voice_input: bool = False
    icons: dict[str, str] = field(default_factory=dict)
    # Refusal rules this answer is checked against: shown with the question where the
    # region's profile has them.
    rules: tuple[str, ...] = ()

    def form_class(self) -> type[FlaskForm]:
        return type(f"{self.key.title()}Form", (FlaskForm,), self.fields())

    def rules_in(self, profile: RegionProfile) -> list[RefusalRule]:
        return [rule for code in self.rules if (rule := profile.refusal(code)) is not None]


def _required(message: Any) -> InputRequired:
    return InputRequired(message)


def _months(label: Any, message: Any) -> Callable[[], dict[str, Field]]:
    return lambda: {
        "months": WholeNumberField(
            label,
            invalid_value_message=MONTHS_IN_DIGITS,
            validators=[
                _required(message),
                NumberRange(min=0, max=1200, message=_l("请填写 0 到 1200 之间的月数。")),
            ],
        )
    }


def _radios(
    label: Any, choices: list[SelectChoice], message: Any
) -> Callable[[], dict[str, Field]]:
    return lambda: {"choice": RadioField(label, choices=choices, validators=[_required(message)])}


def _has_refusal(code: str) -> Callable[[Context], bool]:
    return lambda context: context.profile.refusal(code) is not None


def _not_self(context: Context) -> bool:
    return context.relation is not Relation.SELF


def _answered(key: str, choice: str) -> Callable[[Context], bool]:
    return lambda context: context.answers.get(key, {}).get("choice") == choice


def _all(*conditions: Callable[[Context], bool]) -> Callable[[Context], bool]:
    return lambda context: all(condition(context) for condition in conditions)


def _phone_field(label: Any) -> StringField:
    return StringField(
        label,
        validators=[
            _required(_l("请填写手机号码。")),
            Regexp(
                MAINLAND_MOBILE.pattern,
                message=_l("手机号码应该是 11 位数字，以 1 开头，例如 13812345678。"),
            ),
        ],
        filters=[lambda value: normalise_phone(value) if value else value],
    )


def _id_number_field(label: Any) -> StringField:
    def checked(form: FlaskForm, field: StringField) -> None:
        from wtforms.validators import ValidationError

        if not id_numbers.is_valid(field.data or ""):
            raise ValidationError(
                _l("这个身份证号码不对，可能有一位输错了。请对照身份证再核对一遍。")
            )

    return StringField(
        label,
        validators=[_required(_l("请填写 18 位身份证号码。")), checked],
        filters=[lambda value: id_numbers.normalise(value) if value else value],
    )


QUESTIONS: tuple[Question, ...] = (
    # --- the insured person (name, ID, sex, age, region, insurance come from the roster) ---
    Question(
        "ethnicity",
        "insured",
        _l("参保人是什么民族？"),
        lambda: {
            "text": StringField(
                _l("民族"),
                validators=[
                    _required(_l("请填写民族，例如汉族、维吾尔族、回族。")),
                    Length(max=16),
                ],
            )
        },
        hint=_l("例如：汉族、维吾尔族、回族、哈萨克族"),
    ),
    Question(
        "insured_phone",
        "insured",
        _l("参保人的联系电话"),
        lambda: {"phone": _phone_field(_l("参保人的联系电话"))},
        hint=_l("评估人员上门前会先打这个电话。"),
    ),
    Question(
        "address",
        "insured",
        _l("参保人住在哪里？"),
        lambda: {
            "district": StringField(
                _l("区、县"), validators=[_required(_l("请填写区或县。")), Length(max=32)]
            ),
            "detail": StringField(
                _l("街道、小区、门牌号"),
                validators=[_required(_l("请填写详细地址，评估人员要上门。")), Length(max=120)],
            ),
        },
        hint=_l("评估人员会到这里上门评估。"),
    ),
    Question(
        "education",
        "insured",
        _l("参保人的文化程度"),
        _radios(
            _l("参保人的文化程度"),
            # annex 1 of 001 prints four: 文盲 / 小学 / 中学(含中专) / 大学(含大专)及以上
            [
                SelectChoice("none", _l("没有上过学（文盲）")),
                SelectChoice("primary", _l("小学")),
                SelectChoice("secondary", _l("中学（含中专）")),
                SelectChoice("college", _l("大学（含大专）及以上")),
            ],
            _l("请选择文化程度。"),
        ),
    ),
    Question(
        "living",
        "insured",
        _l("参保人现在和谁一起住？"),
        _radios(
            _l("参保人现在和谁一起住？"),
            # all nine living arrangements annex 1 prints, in its order
            [
                SelectChoice("with_children", _l("和子女住")),
                SelectChoice("with_parents", _l("和父母住")),
                SelectChoice("alone", _l("一个人住")),
                SelectChoice("with_spouse", _l("和配偶或伴侣住")),
                SelectChoice("with_siblings", _l("和兄弟姐妹住")),
                SelectChoice("with_non_relatives", _l("和没有亲属关系的人住")),
                SelectChoice("with_other_relatives", _l("和其他亲属住")),
                SelectChoice("care_home", _l("住在养老机构")),
                SelectChoice("hospital", _l("住在医院")),
            ],
            _l("请选择居住情况。"),
        ),
    ),
    # --- health and care situation ---
    Question(
        "months_disabled",
        "health",
        _l("参保人生活不能自理有多久了？"),
        _months(_l("月数"), _l("请填写大约几个月，不清楚可以估一个数。")),
        hint=_l("按月填写，例如 2 年就填 24。"),
        rules=("disabled_under_6_months",),
    ),
    Question(
        "months_treated",
        "health",
        _l("参保人为这个病持续治疗了多久？"),
        _months(_l("月数"), _l("请填写大约治疗了几个月。")),
        hint=_l("按月填写，例如 2 年就填 24。"),
        asked=_has_refusal("insured_and_treated_under_6_months"),
        rules=("insured_and_treated_under_6_months",),
    ),
    Question(
        "rehabilitation",
        "health",
        _l("参保人做过康复治疗吗？"),
        lambda: {
            "choice": RadioField(
                _l("参保人做过康复治疗吗？"),
                choices=YES_NO,
                validators=[_required(_l("请选择是否做过康复治疗。"))],
            ),
            "months": WholeNumberField(
                _l("做了几个月？"),
                invalid_value_message=MONTHS_IN_DIGITS,
                validators=[Optional(), NumberRange(min=0, max=1200)],
            ),
        },
    ),
    Question(
        "first_application",
        "health",
        _l("这是第一次申请失能评估吗？"),
        _radios(
            _l("这是第一次申请失能评估吗？"),
            YES_NO,
            _l("请选择是不是第一次申请。"),
        ),
    ),
    # 001:6.2(6): asked only where the region has the rule, and only about a failed
    # (未通过) conclusion — a passed one never counts.
    Question(
        "last_conclusion",
        "health",
        _l("上次评估的结论是什么？"),
        _radios(
            _l("上次评估的结论是什么？"),
            [
                SelectChoice("failed", _l("没有通过（没有达到享受待遇的等级）")),
                SelectChoice("passed", _l("通过了")),
                SelectChoice("not_sure", _l("记不清了")),
            ],
            _l("请选择上次评估的结论。"),
        ),
        asked=_all(_has_refusal("recent_failed_conclusion"), _answered("first_application", "no")),
        rules=("recent_failed_conclusion",),
    ),
    Question(
        "last_conclusion_date",
        "health",
        _l("上次没有通过的评估结论是哪天作出的？"),
        lambda: {
            "date": WrittenDateField(
                _l("结论作出的日期"),
                format_message=_l("请按 年-月-日 填写，例如 2026-03-15。"),
                missing_day_message=_l("这个日期不存在，请核对后再填，例如 2026-03-15。"),
                validators=[
                    _required(_l("请填写结论作出的日期，例如 2026-03-15。")),
                    NotAfterToday(_l("结论日期不能晚于今天。")),
                ],
                description="date",
            )
        },
        hint=_l("写在上次的评估结论书上。"),
        asked=_all(
            _has_refusal("recent_failed_conclusion"), _answered("last_conclusion", "failed")
        ),
        rules=("recent_failed_conclusion",),
    ),
    Question(
        "condition_changed",
        "health",
        _l("上次评估以后，参保人的病情或生活能力有明显变化吗？"),
        _radios(
            _l("上次评估以后，参保人的病情或生活能力有明显变化吗？"),
            [
                SelectChoice("yes", _l("有明显变化")),
                SelectChoice("no", _l("没有明显变化")),
                SelectChoice("not_sure", _l("说不清")),
            ],
            _l("请选择有没有明显变化。"),
        ),
        hint=_l("例如吃饭、穿衣、走路、记性、看和听，比上次更需要人帮。"),
        asked=_all(
            _has_refusal("no_clear_change_since_failed"), _answered("last_conclusion", "failed")
        ),
        rules=("no_clear_change_since_failed",),
    ),
    Question(
        "work_injury_allowance",
        "health",
        _l("参保人在领工伤保险的生活护理费吗？"),
        _radios(
            _l("参保人在领工伤保险的生活护理费吗？"),
            YES_NO,
            _l("请选择是否在领工伤保险生活护理费。"),
        ),
        asked=_has_refusal("work_injury_care_allowance"),
        rules=("work_injury_care_allowance",),
    ),
    Question(
        "care_category",
        "health",
        _l("希望用哪种护理方式？"),
        _radios(
            _l("希望用哪种护理方式？"),
            [
                SelectChoice("home_full_time", _l("全日居家护理")),
                SelectChoice("institution_full_time", _l("全日住在定点护理机构")),
                SelectChoice("institution_visits", _l("定点机构派人上门护理")),
            ],
            _l("请选择护理方式。"),
        ),
        hint=_l("评估通过后还可以再选定点护理机构。"),
    ),
    Question(
        "carer",
        "health",
        _l("需要帮助时（包括生病时），谁能来照顾参保人？"),
        _radios(
            _l("需要帮助时（包括生病时），谁能来照顾参保人？"),
            # all eight carers annex 1 prints, in its order
            [
                SelectChoice("spouse", _l("配偶")),
                SelectChoice("children", _l("子女")),
                SelectChoice("relatives_friends", _l("亲戚朋友")),
                SelectChoice("nanny", _l("保姆")),
                SelectChoice("care_worker", _l("护工")),
                SelectChoice("medical_staff", _l("医疗人员")),
                SelectChoice("nobody", _l("没有任何人")),
                SelectChoice("other", _l("其他人")),
            ],
            _l("请选择谁能来照顾参保人。"),
        ),
    ),
    Question(
        "reason",
        "health",
        _l("为什么申请？请简单说说参保人的情况"),
        lambda: {
            "text": TextAreaField(
                _l("申请原因"),
                validators=[
                    _required(
                        _l("请简单写几句申请的原因，例如：中风后卧床两年，吃饭穿衣都要人帮。")
                    ),
                    Length(max=500, message=_l("请写在 500 字以内。")),
                ],
            )
        },
        hint=_l("例如：中风后卧床两年，吃饭、穿衣、上厕所都要人帮。"),
        voice_input=True,
    ),
    # --- the applicant, when it is not the insured person (agent, guardian) ---
    Question(
        "applicant",
        "applicant",
        _l("申请人（代办人）的信息"),
        lambda: {
            "name": StringField(
                _l("申请人姓名"), validators=[_required(_l("请填写申请人的姓名。")), Length(max=64)]
            ),
            "id_number": _id_number_field(_l("申请人的身份证号码")),
            "phone": _phone_field(_l("申请人的手机号码")),
            "address": StringField(
                _l("申请人的住址"),
                validators=[_required(_l("请填写申请人的住址。")), Length(max=120)],
            ),
        },
        asked=_not_self,
    ),
)

SECTIONS = (
    ("insured", _l("参保人信息")),
    ("health", _l("健康和护理情况")),
    ("applicant", _l("申请人（代办人）")),
)


def question(key: str) -> Question | None:
    return next((q for q in QUESTIONS if q.key == key), None)


def asked_questions(context: Context, section: str | None = None) -> list[Question]:
    return [q for q in QUESTIONS if q.asked(context) and (section is None or q.section == section)]
