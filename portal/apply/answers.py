"""Answers as they are kept, checked again, and read back on the check page and the record."""

from datetime import date
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from wtforms import DateField, RadioField

from portal.apply.questions import Question, question
from portal.template_helpers import long_date, masked_id


def storable(data: dict[str, Any]) -> dict[str, Any]:
    """A form's data as JSON keeps it (dates as ISO strings)."""
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in data.items()
        if name not in ("csrf_token", "submit")
    }


def still_valid(asked: Question, answer: dict[str, Any]) -> bool:
    """Whether a kept answer passes the question's form as it is today. One that no longer
    does (a date that does not exist, a field since changed) is asked again, never trusted."""
    typed = MultiDict([(name, str(value)) for name, value in answer.items() if value is not None])
    return bool(asked.form_class()(formdata=typed, meta={"csrf": False}).validate())


def valid_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """The kept answers that still pass their question's form, by question key."""
    return {
        key: answer
        for key, answer in answers.items()
        if (asked := question(key)) is not None
        and isinstance(answer, dict)
        and still_valid(asked, answer)
    }


def readable(asked: Question, answer: dict[str, Any]) -> list[str]:
    form = asked.form_class()(meta={"csrf": False}, data=answer)
    lines = []
    for field in form:
        name = field.name
        value = answer.get(name)
        if value in (None, ""):
            continue
        if isinstance(field, RadioField):
            labels = {str(choice.value): str(choice.label) for choice in field.choices}
            lines.append(labels.get(str(value), str(value)))
        elif isinstance(field, DateField) and field.data:
            lines.append(long_date(field.data))
        elif name == "months":
            lines.append(_("%(months)s 个月", months=value))
        elif name == "id_number":
            lines.append(masked_id(str(value)))
        else:
            lines.append(str(value))
    return lines
