from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length, Regexp


class PasswordSignInForm(FlaskForm):
    username = StringField(
        _l("用户名"),
        validators=[InputRequired(_l("请填写用户名。")), Length(max=64)],
        filters=[lambda value: value.strip() if value else value],
    )
    password = PasswordField(
        _l("密码"), validators=[InputRequired(_l("请填写密码。")), Length(max=256)]
    )


class CodeForm(FlaskForm):
    code = StringField(
        _l("验证器上的 6 位数字"),
        validators=[
            InputRequired(_l("请填写验证器上显示的 6 位数字。")),
            Regexp(r"^\d{6}$", message=_l("验证码是 6 位数字。")),
        ],
        filters=[lambda value: value.replace(" ", "") if value else value],
    )
