"""Every message in the code and templates has a real translation in both catalogs."""

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def _source_messages() -> set[str]:
    with (ROOT / "babel.cfg").open() as handle:
        from babel.messages.frontend import parse_mapping_cfg

        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _catalog(language: str) -> Catalog:
    with (ROOT / "locales" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


SOURCE_MESSAGES = _source_messages()


def test_source_has_messages() -> None:
    assert "长护通" in SOURCE_MESSAGES


@pytest.mark.parametrize("language", ["zh", "ug"])
def test_every_message_is_translated(language: str) -> None:
    catalog = _catalog(language)
    missing = sorted(m for m in SOURCE_MESSAGES if m not in catalog)
    assert not missing, f"{language}: not in the catalog (run `make catalogs`): {missing}"
    untranslated = sorted(m for m in SOURCE_MESSAGES if not catalog[m].string or catalog[m].fuzzy)
    assert not untranslated, f"{language}: empty or fuzzy translations: {untranslated}"


def test_uyghur_uses_uyghur_letters_not_arabic_heh() -> None:
    """Uyghur writes h as ھ (U+06BE) and the vowel e as ە (U+06D5); ه (U+0647) is a typo."""
    wrong = [m.id for m in _catalog("ug") if m.id and "\u0647" in str(m.string)]
    assert not wrong


def test_uyghur_translations_keep_their_placeholders() -> None:
    import re

    placeholder = re.compile(r"%\(\w+\)s")
    for message in _catalog("ug"):
        if message.id and message.string:
            assert sorted(placeholder.findall(str(message.id))) == sorted(
                placeholder.findall(str(message.string))
            ), message.id
