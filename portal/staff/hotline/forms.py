"""Forms of the hotline's console pages."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields import DateTimeLocalField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.auth.service import is_mobile_number, normalise_phone
from portal.clock import CHINA, china_now, utcnow
from portal.complaints.forms import choices
from portal.complaints.handling import MAX_TEXT
from portal.hotline.callers import query_is_valid
from portal.hotline.inbox import MAX_REPLY
from portal.staff.helpers import CALLER_RELATIONS


def _strip(value: str | None) -> str | None:
    return value.strip() if value else value


def _phone(value: str | None) -> str | None:
    return normalise_phone(value) if value else value


def _mobile(form: FlaskForm, field: StringField) -> None:
    if field.data and not is_mobile_number(field.data):
        raise ValidationError(_l("手机号码应该是 11 位数字，以 1 开头，例如 13812345678。"))


class ConsoleForm(FlaskForm):
    """Several forms share a page, each with its own prefix; CSRFProtect checks every POST
    (the templates carry its token), so the forms carry none of their own."""

    class Meta:
        csrf = False


class TextForm(ConsoleForm):
    text = TextAreaField(
        _l("内容"),
        validators=[DataRequired(_l("请填写内容。")), Length(max=MAX_TEXT)],
        filters=[_strip],
    )


class OptionalTextForm(ConsoleForm):
    text = TextAreaField(
        _l("说明"), validators=[Optional(), Length(max=MAX_TEXT)], filters=[_strip]
    )


class TargetDateForm(ConsoleForm):
    on = DateField(_l("预计答复日期"), validators=[InputRequired(_l("请填写日期。"))])


class ReplyForm(ConsoleForm):
    text = TextAreaField(
        _l("回复"),
        validators=[DataRequired(_l("请填写回复。")), Length(max=MAX_REPLY)],
        filters=[_strip],
    )


class SmsForm(ConsoleForm):
    phone = StringField(
        _l("手机号码"),
        validators=[InputRequired(_l("请填写手机号码。")), _mobile],
        filters=[_phone],
    )
    text = TextAreaField(
        _l("短信内容"),
        validators=[DataRequired(_l("请填写短信内容。")), Length(max=300)],
        filters=[_strip],
    )


class CallBackForm(ConsoleForm):
    key = HiddenField()
    name = StringField(_l("称呼"), validators=[Optional(), Length(max=64)], filters=[_strip])
    phone = StringField(
        _l("回电号码"),
        validators=[InputRequired(_l("请填写回电号码。")), _mobile],
        filters=[_phone],
    )
    about = TextAreaField(
        _l("要谈的事"), validators=[Optional(), Length(max=MAX_TEXT)], filters=[_strip]
    )
    promised_at = DateTimeLocalField(
        _l("答应回电的时间"),
        format="%Y-%m-%dT%H:%M",
        validators=[InputRequired(_l("请填写答应回电的时间。"))],
    )

    def validate_promised_at(self, field: DateTimeLocalField) -> None:
        if field.data and self.promised_utc() < utcnow().replace(second=0, microsecond=0):
            raise ValidationError(_l("答应回电的时间已经过去了。"))

    def promised_utc(self) -> datetime:
        """The form's time is the clock in China."""
        typed = self.promised_at.data or china_now().replace(tzinfo=None)
        return typed.replace(tzinfo=CHINA)


OUTCOME_LABELS = {
    "reached": _l("打通了，已说明"),
    "no_answer": _l("没人接"),
    "wrong_number": _l("号码不对"),
}


class OutcomeForm(ConsoleForm):
    outcome = RadioField(
        _l("结果"),
        choices=choices(OUTCOME_LABELS.items()),
        validators=[InputRequired(_l("请选择回电结果。"))],
    )
    note = TextAreaField(
        _l("备注"), validators=[Optional(), Length(max=MAX_TEXT)], filters=[_strip]
    )


class CallerForm(ConsoleForm):
    caller_name = StringField(
        _l("来电人姓名"),
        validators=[DataRequired(_l("请填写来电人姓名。")), Length(max=64)],
        filters=[_strip],
    )
    relation = RadioField(
        _l("来电人是参保人的"),
        choices=choices(CALLER_RELATIONS.items()),
        validators=[InputRequired(_l("请选择来电人是谁。"))],
    )
    consent = BooleanField(
        _l("来电人同意我查看参保人的办理进度"),
        validators=[DataRequired(_l("没有来电人的同意，不能查看。"))],
    )
    query = StringField(
        _l("手机号码或身份证号码"),
        validators=[InputRequired(_l("请填写手机号码或身份证号码。"))],
        filters=[_strip],
    )

    def validate_query(self, field: StringField) -> None:
        if field.data and not query_is_valid(field.data):
            raise ValidationError(_l("请填写 11 位手机号码或 18 位身份证号码。"))
