"""Forms of the requests on a case, one question per page."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, TextAreaField
from wtforms.validators import Length, Optional

MAX_TEXT = 2000


@dataclass(frozen=True)
class TextQuestion:
    """A question answered in the person's own words (typed or spoken)."""

    key: str
    title: object  # lazy strings: the page's language is chosen per request
    hint: object
    missing: object


class TextAnswerForm(FlaskForm):
    answer = TextAreaField(
        validators=[Length(max=MAX_TEXT, message=_l("请不要超过 2000 个字。"))],
        filters=[lambda value: value.strip() if value else value],
    )

    def require(self, message: object) -> bool:
        """Valid and not empty; otherwise the question's own message next to the box."""
        if not self.validate_on_submit():
            return False
        if not self.answer.data:
            self.answer.errors = [str(message)]
            return False
        return True


class DateAnswerForm(FlaskForm):
    answer = DateField(
        validators=[Optional()],
        format="%Y-%m-%d",
    )


class EvidenceForm(FlaskForm):
    document = FileField(_l("拍照或选择文件"))
