"""One small form per case action; choices that depend on the case are filled in by the view."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.fields import WrittenDateField

YES_NO = [SelectChoice("yes", _l("是")), SelectChoice("no", _l("否"))]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _note(label: object, required: bool = False) -> TextAreaField:
    validators = [InputRequired(_l("请填写。"))] if required else [Optional()]
    return TextAreaField(label, validators=[*validators, Length(max=2000)])


class ActionForm(FlaskForm):
    """A decision with nothing to fill in but the button. Several sit on one page, each with
    its own prefix; CSRFProtect checks every POST, so the forms carry no token of their own."""

    class Meta:
        csrf = False


class AcceptForm(ActionForm):
    note = _note(_l("备注（可不填）"))


class RequestMaterialsForm(ActionForm):
    codes = MultiCheckboxField(_l("缺少的材料（一次列全）"), validate_choice=False)
    other = TextAreaField(_l("其他缺少的材料，每行一项"), validators=[Length(max=2000)])
    note = _note(_l("给申请人的说明（可不填）"))


class RefuseForm(ActionForm):
    reasons = MultiCheckboxField(_l("不予受理的理由"), validate_choice=False)
    note = _note(_l("给申请人的说明（可不填）"))


class ReasonForm(ActionForm):
    reason = _note(_l("原因"), required=True)


class ScheduleForm(ActionForm):
    visit_on = DateField(
        _l("上门评估日期"), validators=[InputRequired(_l("请填写上门评估的日期。"))]
    )
    assessors = MultiCheckboxField(_l("评估人员"), coerce=int, validate_choice=False)


class DeclareForm(ActionForm):
    tie = RadioField(
        _l("您和这位参保人有没有亲属关系或利害关系？"),
        choices=[SelectChoice("no", _l("没有")), SelectChoice("yes", _l("有，我回避"))],
        validators=[InputRequired(_l("请选择有没有。"))],
    )


class ConclusionForm(ActionForm):
    level = RadioField(
        _l("失能等级（国家标准）"), coerce=int, validators=[InputRequired(_l("请选择失能等级。"))]
    )
    qualifies = RadioField(
        _l("是否达到本地区待遇享受条件对应的等级？"),
        choices=YES_NO,
        validators=[InputRequired(_l("请选择是或否。"))],
    )
    summary = _note(_l("评估意见和护理服务建议"))
    # The medical-security department sets the validity (000:15(2), 001:8, 002:8(3)); when the
    # letter states its date, pages show it instead of "at most until" the 2-year limit.
    valid_until = WrittenDateField(
        _l("有效期至（可不填）"),
        format_message=_l("请按 年-月-日 填写，例如 2026-03-15。"),
        missing_day_message=_l("这个日期不存在，请核对后再填，例如 2026-03-15。"),
        validators=[Optional()],
        description=_l(
            "医疗保障部门确定的有效期，结论书上写明的才填。"
            "不填时，按“一般不超过 2 年”显示最长到哪天。"
        ),
    )


class RuleObjectionForm(ActionForm):
    objection_id = HiddenField()
    upheld = RadioField(
        _l("反映的情况是否基本属实？"),
        choices=[
            SelectChoice("yes", _l("基本属实，组织复评")),
            SelectChoice("no", _l("不属实，继续公示")),
        ],
        validators=[InputRequired(_l("请选择核实结果。"))],
    )
    note = _note(_l("核实情况"), required=True)


class DeliverForm(ActionForm):
    delivered_on = DateField(_l("送达日期"), validators=[InputRequired(_l("请填写送达日期。"))])


class ObjectionForm(ActionForm):
    received_on = DateField(
        _l("收到书面异议的日期"), validators=[InputRequired(_l("请填写收到的日期。"))]
    )
    request = _note(_l("复评请求"), required=True)
    facts = _note(_l("事实"))
    reasons = _note(_l("理由"))
    grounds = _note(_l("依据"))


class NoteForm(ActionForm):
    note = _note(_l("说明（可不填）"))


class RequiredNoteForm(ActionForm):
    note = _note(_l("理由"), required=True)


def _count(label: object, low: int, high: int) -> IntegerField:
    message = _l("请填写 %(low)s 到 %(high)s 之间的数字。", low=low, high=high)
    return IntegerField(
        label, validators=[InputRequired(message), NumberRange(low, high, message=message)]
    )


class CarePlanForm(ActionForm):
    """The care plan agreed with the institution and the person (000:19, 001:16, 002:16)."""

    mode = RadioField(_l("服务类型"), validators=[InputRequired(_l("请选择服务类型。"))])
    visits_per_week = _count(_l("每周几次"), 1, 21)
    minutes_per_visit = _count(_l("每次多少分钟"), 15, 1440)
    carers = _count(_l("护理人员几名"), 1, 20)
    people = _count(_l("照护几人"), 1, 20)
    items = _note(_l("服务内容（可不填）"))


class SuspendForm(ActionForm):
    """Suspending benefits in a case the region's document lists (000:24.1)."""

    reason = RadioField(_l("暂停的原因"), validators=[InputRequired(_l("请选择暂停的原因。"))])
    note = _note(_l("给参保人的说明（可不填）"))
