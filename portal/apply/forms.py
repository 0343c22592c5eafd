from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, RadioField
from wtforms.validators import DataRequired, InputRequired


class PersonForm(FlaskForm):
    person = RadioField(_l("为谁申请？"), validators=[InputRequired(_l("请选择为谁申请。"))])


class MaterialUploadForm(FlaskForm):
    document = FileField(_l("上传文件"))


class PledgeForm(FlaskForm):
    accept = BooleanField(
        _l("我已阅读并同意上面的承诺"),
        validators=[DataRequired(_l("提交申请前，需要勾选同意承诺书。"))],
    )


class ConfirmForm(FlaskForm):
    """An empty form: the page's only button confirms an irreversible action."""


class WarningsForm(FlaskForm):
    """Submitting although the agency may refuse: carries the reasons the person saw."""

    warnings = HiddenField()
