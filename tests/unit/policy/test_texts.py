"""Every text a person sees exists in Chinese and in Uyghur, and the Uyghur is clean UEY."""

import re
from datetime import date

import pytest

from portal.policy.eligibility import KnownFacts, check_eligibility
from portal.policy.profiles import load_profile, region_codes
from portal.policy.self_assessment import form_codes, load_form, score

# Uyghur Arabic-script alphabet (UEY). ھ is U+06BE; ە U+06D5; ې U+06D0; ئ U+0626.
UYGHUR_LETTERS = set("ئاەبپتجچخدرزژسشغفقكگڭلمنھوۇۆۈۋېىي")
UYGHUR_ALLOWED = UYGHUR_LETTERS | set("0123456789 \n،؛؟.:!()«»-ABCDEFG")
ARABIC_HEH = "\u0647"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _texts(value, path=""):
    """Every {"zh": ..., "ug": ...} pair inside a to_dict() result."""
    if isinstance(value, dict):
        if set(value) == {"zh", "ug"}:
            yield path, value
            return
        for key, inner in value.items():
            # A citation keeps its Chinese title on Uyghur pages (test_documents.py).
            if key != "citation":
                yield from _texts(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _texts(inner, f"{path}[{index}]")


def _all_texts():
    for code in region_codes():
        for path, text in _texts(load_profile(code).to_dict()):
            yield f"region {code}{path}", text
    for code in form_codes():
        form = load_form(code)
        for path, text in _texts(form.to_dict()):
            yield f"form {code}{path}", text
        for key, text in form.reasons.items():
            # Templates: check them with the placeholders taken out.
            yield (
                f"form {code}.reasons.{key}",
                {
                    "zh": re.sub(r"\{\w+\}", "", text.zh),
                    "ug": re.sub(r"\{\w+\}", "", text.ug),
                },
            )
        for level in form.levels:
            yield f"form {code}.levels.{level.level}", level.name.to_dict()
        for band, text in form.band_names.items():
            yield f"form {code}.band_names.{band}", text.to_dict()


ALL_TEXTS = list(_all_texts())


def test_there_are_texts_to_check():
    assert len(ALL_TEXTS) > 200


@pytest.mark.parametrize(("where", "text"), ALL_TEXTS, ids=[w for w, _ in ALL_TEXTS])
def test_text_is_present_in_both_languages(where, text):
    assert text["zh"].strip(), where
    assert text["ug"].strip(), where
    assert HAN.search(text["zh"]), f"{where}: Chinese text has no Chinese characters"
    assert not HAN.search(text["ug"]), f"{where}: Chinese characters in Uyghur text"


@pytest.mark.parametrize(("where", "text"), ALL_TEXTS, ids=[w for w, _ in ALL_TEXTS])
def test_uyghur_never_uses_arabic_heh(where, text):
    assert ARABIC_HEH not in text["ug"], f"{where}: use ھ (U+06BE), not ه (U+0647)"


@pytest.mark.parametrize(("where", "text"), ALL_TEXTS, ids=[w for w, _ in ALL_TEXTS])
def test_uyghur_uses_only_uyghur_letters(where, text):
    stray = sorted({ch for ch in text["ug"] if ch not in UYGHUR_ALLOWED})
    assert not stray, f"{where}: unexpected characters {[hex(ord(c)) for c in stray]}"


def test_filled_in_results_are_clean_too():
    refusals = check_eligibility(
        KnownFacts(
            region="ningxia",
            today=date(2026, 9, 1),
            insured=False,
            months_disabled=1,
            receives_work_injury_care_allowance=True,
        )
    )
    six = score(
        "xinjiang_six_item",
        dict.fromkeys(
            ("eating", "dressing", "continence", "toileting", "bathing", "bed_chair_transfer"),
            "dependent",
        ),
        region="xinjiang",
    )
    texts = [t for r in refusals for t in (r.message, r.instead, r.statement)] + list(six.reasons)
    for text in texts:
        assert ARABIC_HEH not in text.ug
        assert not HAN.search(text.ug)
        assert text.zh and text.ug


@pytest.mark.parametrize(
    ("code", "ug"),
    [
        ("ningxia", "نىڭشيا"),
        ("xinjiang", "شىنجاڭ"),
        ("heilongjiang", "خېيلۇڭجياڭ"),
        ("fuzhou", "فۇجۇ"),
        ("tianjin", "تيەنجىن"),
    ],
)
def test_region_names_in_uyghur(code, ug):
    assert load_profile(code).name.ug.startswith(ug)
