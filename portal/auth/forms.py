from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Regexp, ValidationError

from portal.auth.service import is_mobile_number, normalise_phone
from portal.digits import ascii_digits


class PhoneForm(FlaskForm):
    phone = StringField(
        _l("手机号码"),
        validators=[InputRequired(_l("请填写手机号码。"))],
        filters=[lambda value: normalise_phone(value) if value else value],
    )

    def validate_phone(self, field: StringField) -> None:
        if not is_mobile_number(field.data or ""):
            raise ValidationError(_l("手机号码应该是 11 位数字，以 1 开头，例如 13812345678。"))


class CodeForm(FlaskForm):
    code = StringField(
        _l("短信验证码"),
        validators=[
            InputRequired(_l("请填写短信验证码。")),
            Regexp(r"^\d{6}$", message=_l("验证码是 6 位数字。")),
        ],
        filters=[lambda value: ascii_digits(value).strip() if value else value],
    )
