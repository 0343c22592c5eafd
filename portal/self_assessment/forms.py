from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired


class PersonChoiceForm(FlaskForm):
    person = RadioField(_l("为谁做自评？"), validators=[InputRequired(_l("请选择为谁做自评。"))])


class AnswerForm(FlaskForm):
    """The question and its options are set per item by the view."""

    answer = RadioField(validators=[InputRequired(_l("请选一个最符合的情况。"))])
