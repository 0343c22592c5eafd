"""One question per page while a citizen files a complaint, and the hotline's one-page form."""

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.auth.service import is_mobile_number, normalise_phone
from portal.complaints.labels import CONCERNED, TOPICS

MAX_WHAT_HAPPENED = 2000


def choices(pairs: Iterable[tuple[str, object]], blank: bool = False) -> list[SelectChoice]:
    found = [SelectChoice(value, label) for value, label in pairs]
    return [SelectChoice("", ""), *found] if blank else found


def _strip(value: str | None) -> str | None:
    return value.strip() if value else value


def _phone(value: str | None) -> str | None:
    return normalise_phone(value) if value else value


def _check_mobile(form: FlaskForm, field: StringField) -> None:
    if field.data and not is_mobile_number(field.data):
        raise ValidationError(_l("手机号码应该是 11 位数字，以 1 开头，例如 13812345678。"))


class RegionForm(FlaskForm):
    answer = RadioField(
        _l("投诉的事发生在哪个地区？"), validators=[InputRequired(_l("请选择地区。"))]
    )


class TopicForm(FlaskForm):
    answer = RadioField(
        _l("您要投诉或举报什么问题？"),
        choices=choices(TOPICS.items()),
        validators=[InputRequired(_l("请选择一个问题。不确定就选“其他问题”。"))],
    )


class ConcernedForm(FlaskForm):
    answer = RadioField(
        _l("您投诉的是哪个单位？"),
        choices=choices(CONCERNED.items()),
        validators=[InputRequired(_l("请选择一个单位。不清楚就选最后一项。"))],
    )


class InstitutionForm(FlaskForm):
    answer = StringField(
        _l("这个单位叫什么名字？"),
        validators=[Optional(), Length(max=128, message=_l("名字太长了，请写短一点。"))],
        filters=[_strip],
    )


class WhatHappenedForm(FlaskForm):
    answer = TextAreaField(
        _l("发生了什么事？"),
        validators=[
            DataRequired(_l("请写一写发生了什么事，说话输入也可以。")),
            Length(
                max=MAX_WHAT_HAPPENED,
                message=_l("请不要超过 %(count)s 个字。", count=MAX_WHAT_HAPPENED),
            ),
        ],
        filters=[_strip],
    )


class IdentityForm(FlaskForm):
    answer = RadioField(
        _l("您要实名投诉，还是匿名？"),
        choices=choices(
            [
                ("real_name", _l("实名：留下姓名和联系方式，答复会发给您")),
                ("anonymous", _l("匿名：工作人员看不到您是谁，答复只在这里查看")),
            ]
        ),
        validators=[InputRequired(_l("请选择实名或者匿名。"))],
    )


class NameForm(FlaskForm):
    answer = StringField(
        _l("您的姓名"),
        validators=[
            DataRequired(_l("实名投诉请写上您的姓名。")),
            Length(max=64, message=_l("姓名太长了，请检查。")),
        ],
        filters=[_strip],
    )


class ContactForm(FlaskForm):
    answer = RadioField(
        _l("答复怎样告诉您？"),
        choices=choices([("sms", _l("发短信到我的手机")), ("wechat", _l("发到我绑定的微信"))]),
        validators=[InputRequired(_l("请选择怎样收到答复。"))],
    )


class PhoneForm(FlaskForm):
    answer = StringField(
        _l("答复发到哪个手机号？"),
        validators=[InputRequired(_l("请填写手机号码。")), _check_mobile],
        filters=[_phone],
    )


class EvidenceForm(FlaskForm):
    document = FileField(_l("上传照片或文件"))


class ConfirmForm(FlaskForm):
    """An empty form: the page's only button."""


class PhoneComplaintForm(FlaskForm):
    """The hotline types while the caller speaks: one page, keyboard only, few required fields."""

    key = HiddenField()
    caller_name = StringField(_l("来电人姓名"), validators=[Length(max=64)], filters=[_strip])
    anonymous = BooleanField(_l("来电人要求匿名"))
    phone = StringField(_l("来电号码"), validators=[Optional(), _check_mobile], filters=[_phone])
    region = SelectField(_l("地区"), validators=[InputRequired(_l("请选择地区。"))])
    topic = SelectField(
        _l("问题"),
        choices=choices(TOPICS.items(), blank=True),
        validators=[InputRequired(_l("请选择问题。"))],
    )
    concerned = SelectField(
        _l("投诉的单位"),
        choices=choices(CONCERNED.items(), blank=True),
        validators=[InputRequired(_l("请选择投诉的单位。"))],
    )
    institution = StringField(
        _l("单位名称"), validators=[Optional(), Length(max=128)], filters=[_strip]
    )
    content = TextAreaField(
        _l("投诉内容"),
        validators=[
            DataRequired(_l("请记下投诉内容。")),
            Length(max=MAX_WHAT_HAPPENED),
        ],
        filters=[_strip],
    )
    reply_by_sms = BooleanField(_l("答复发短信给来电人"))

    def validate_reply_by_sms(self, field: BooleanField) -> None:
        if field.data and not self.phone.data:
            raise ValidationError(_l("要发短信答复，请填写来电号码。"))
        if field.data and self.anonymous.data:
            raise ValidationError(_l("匿名投诉不留联系方式，不能发短信答复。"))

    def validate_caller_name(self, field: StringField) -> None:
        if not self.anonymous.data and not field.data:
            raise ValidationError(_l("请填写来电人姓名，或者勾选“来电人要求匿名”。"))
