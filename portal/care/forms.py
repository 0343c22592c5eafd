"""Questions about care, one per page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired


class ModeForm(FlaskForm):
    mode = RadioField(
        _l("您想要哪一种护理方式？"), validators=[InputRequired(_l("请选择一种护理方式。"))]
    )


class InstitutionForm(FlaskForm):
    institution = RadioField(
        _l("选哪一家护理机构？"), validators=[InputRequired(_l("请选择一家护理机构。"))]
    )


class AdmittedForm(FlaskForm):
    day = DateField(
        _l("哪一天住进医院？"),
        validators=[InputRequired(_l("请填写住院的日期，例如 2026-06-01。"))],
    )


class DischargedForm(FlaskForm):
    day = DateField(
        _l("哪一天出院？"),
        validators=[InputRequired(_l("请填写出院的日期，例如 2026-06-10。"))],
    )


class StarsForm(FlaskForm):
    stars = RadioField(
        _l("您给这家护理机构打几颗星？"),
        choices=[
            SelectChoice("5", _l("5 颗星：很满意")),
            SelectChoice("4", _l("4 颗星：满意")),
            SelectChoice("3", _l("3 颗星：一般")),
            SelectChoice("2", _l("2 颗星：不太满意")),
            SelectChoice("1", _l("1 颗星：很不满意")),
        ],
        validators=[InputRequired(_l("请选择几颗星。"))],
    )
