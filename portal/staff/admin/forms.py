from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, Regexp

from portal.models import StaffRole
from portal.staff.home import ROLE_LABELS

ALL_REGIONS = ""


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, str(label)) for role, label in ROLE_LABELS.items()]


class RoleForm(FlaskForm):
    role = SelectField(_l("岗位"), choices=role_choices, validators=[InputRequired()])
    region = SelectField(_l("地区"), validators=[Optional()])
    organisation = StringField(
        _l("评估机构（评估人员填写）"),
        validators=[Length(max=128)],
        filters=[lambda value: value.strip() if value else ""],
    )
    is_expert = BooleanField(_l("评估专家"))

    def chosen_role(self) -> StaffRole:
        return StaffRole(self.role.data)

    def chosen_region(self) -> str | None:
        return self.region.data or None


class NewAccountForm(RoleForm):
    username = StringField(
        _l("用户名"),
        validators=[
            InputRequired(_l("请填写用户名。")),
            Regexp(
                r"^[a-z0-9][a-z0-9._-]{2,63}$",
                message=_l("用户名用 3 到 64 个小写字母、数字、点、横线或下划线。"),
            ),
        ],
        filters=[lambda value: value.strip().lower() if value else value],
    )
    full_name = StringField(
        _l("姓名"),
        validators=[InputRequired(_l("请填写姓名。")), Length(max=64)],
        filters=[lambda value: value.strip() if value else value],
    )


class AuditForm(FlaskForm):
    class Meta:
        csrf = False  # a search (GET) changes nothing

    person = StringField(_l("参保人姓名或身份证号码"), validators=[Length(max=64)])
    staff = StringField(_l("工作人员"), validators=[Length(max=64)])
    date_from = DateField(_l("从"), validators=[Optional()])
    date_to = DateField(_l("到"), validators=[Optional()])


class ImportForm(FlaskForm):
    kind = RadioField(
        _l("导入什么"),
        choices=[
            SelectChoice("roster", _l("参保人员名单")),
            SelectChoice("institutions", _l("定点护理机构")),
        ],
        validators=[InputRequired(_l("请选择要导入的名单。"))],
    )
    document = FileField(_l("CSV 文件"))
