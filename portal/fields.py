"""Form fields for what people type on a phone: digits from any keyboard (portal.digits),
dates as they are written. A field that cannot read its input says so in one sentence in the
person's language, and nothing else."""

import re
from datetime import date
from typing import Any

from wtforms import DateField, Field, IntegerField
from wtforms.validators import StopValidation, ValidationError

from portal.clock import china_today
from portal.digits import ascii_digits

# 2026-03-15, 2026/3/15, 2026.3.15, 2026年3月15日 (spaces allowed between the parts).
_WRITTEN_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_written_date(text: str) -> date | None:
    """A date as people write it, or None; ValueError when it is written well but does not
    exist (30 February)."""
    match = _WRITTEN_DATE.fullmatch(ascii_digits(text).strip())
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return date(year, month, day)


class _OneMessage(Field):
    """When the input cannot be read, its message is the only one shown."""

    def pre_validate(self, form: Any) -> None:
        if self.process_errors:
            raise StopValidation


class WholeNumberField(_OneMessage, IntegerField):
    def process_formdata(self, valuelist: list[Any]) -> None:
        typed = ascii_digits(str(valuelist[0])).strip() if valuelist else ""
        if valuelist:  # the validators (Optional, InputRequired) judge what was meant
            self.raw_data = [typed]
        if not typed:
            self.data = None
            return
        super().process_formdata([typed])


class WrittenDateField(_OneMessage, DateField):
    """A date typed or picked (`<input type=date>` sends 2026-03-15); stored answers are ISO
    strings, and one that no longer reads as a date leaves the field empty."""

    def __init__(
        self, label: Any = None, *, format_message: Any, missing_day_message: Any, **kwargs: Any
    ) -> None:
        super().__init__(label, **kwargs)
        self.format_message = format_message
        self.missing_day_message = missing_day_message

    def process_data(self, value: Any) -> None:
        if isinstance(value, str):
            try:
                value = parse_written_date(value)
            except ValueError:
                value = None
        self.data = value if isinstance(value, date) else None

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        try:
            self.data = parse_written_date(str(valuelist[0]))
        except ValueError as error:
            raise ValueError(str(self.missing_day_message)) from error
        if self.data is None:
            raise ValueError(str(self.format_message))


class NotAfterToday:
    """A date that has already happened (China's today counts)."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __call__(self, form: Any, field: Field) -> None:
        if field.data is not None and field.data > china_today():
            raise ValidationError(str(self.message))
