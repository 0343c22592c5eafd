"""Mainland resident ID numbers (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check."""

import re
from datetime import date

from portal.digits import ascii_digits

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
SHAPE = re.compile(r"^\d{17}[\dX]$")


def check_character(first_17_digits: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first_17_digits, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def normalise(raw: str) -> str:
    return ascii_digits(raw).strip().replace(" ", "").upper()


def has_valid_shape(id_number: str) -> bool:
    return bool(SHAPE.match(id_number))


def birth_date(id_number: str) -> date | None:
    try:
        return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def is_valid(id_number: str) -> bool:
    return (
        has_valid_shape(id_number)
        and birth_date(id_number) is not None
        and check_character(id_number[:17]) == id_number[17]
    )


def with_check_character(first_17_digits: str) -> str:
    return first_17_digits + check_character(first_17_digits)
