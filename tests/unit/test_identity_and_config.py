from datetime import date

import pytest

from portal import id_numbers
from portal.crypto import DataCipher, mask_id_number


@pytest.mark.parametrize(
    "id_number",
    ["11010519491231002X", "440524188001010014", "640104194403120022"],
)
def test_valid_id_numbers(id_number: str) -> None:
    assert id_numbers.is_valid(id_number)


@pytest.mark.parametrize(
    ("id_number", "why"),
    [
        ("110105194912310021", "wrong check character"),
        ("11010519491331002X", "month 13"),
        ("1101051949123100", "too short"),
        ("11010519491231002Y", "Y is not a check character"),
    ],
)
def test_invalid_id_numbers(id_number: str, why: str) -> None:
    assert not id_numbers.is_valid(id_number), why


def test_normalise_accepts_lower_case_x_and_spaces() -> None:
    assert id_numbers.normalise(" 110105 19491231002x ") == "11010519491231002X"


def test_birth_date() -> None:
    assert id_numbers.birth_date("11010519491231002X") == date(1949, 12, 31)


def test_mask_shows_only_the_ends() -> None:
    assert mask_id_number("11010519491231002X") == "110***********002X"


def test_cipher_round_trip_is_randomised_but_lookup_is_stable() -> None:
    cipher = DataCipher.from_master_key("k")
    first, second = cipher.encrypt("11010519491231002X"), cipher.encrypt("11010519491231002X")
    assert first != second
    assert cipher.decrypt(first) == "11010519491231002X"
    assert cipher.lookup_hash("11010519491231002x") == cipher.lookup_hash("11010519491231002X")
    assert DataCipher.from_master_key("other").lookup_hash("1") != cipher.lookup_hash("1")


def test_plain_postgresql_urls_use_the_installed_driver() -> None:
    from portal.config import database_url

    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"
