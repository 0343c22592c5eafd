"""Answers as a person reads them back on the check-your-answers page and the record."""

from typing import Any

from flask_babel import gettext as _
from wtforms import RadioField

from portal.apply.questions import Question
from portal.template_helpers import masked_id


def readable(question: Question, answer: dict[str, Any]) -> list[str]:
    form = question.form_class()(meta={"csrf": False}, data=answer)
    lines = []
    for field in form:
        name = field.name
        value = answer.get(name)
        if value in (None, ""):
            continue
        if isinstance(field, RadioField):
            labels = {str(choice.value): str(choice.label) for choice in field.choices}
            lines.append(labels.get(str(value), str(value)))
        elif name == "months":
            lines.append(_("%(months)s 个月", months=value))
        elif name == "id_number":
            lines.append(masked_id(str(value)))
        else:
            lines.append(str(value))
    return lines
