from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired


class ConsentForm(FlaskForm):
    agree = BooleanField(
        _l("我已读懂上面的说明，同意为办理长期护理保险提供身份证号码和健康信息。"),
        validators=[DataRequired(_l("要继续办理，需要您勾选同意。不同意也可以到经办窗口办理。"))],
    )
