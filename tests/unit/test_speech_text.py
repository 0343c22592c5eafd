"""What the speech engines are given: normalised text, pinyin for espeak-ng, cache keys."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.speech.engines import looks_like_mp3, pinyin_for_espeak
from portal.speech.service import KEY_PATTERN, normalise_text, speech_key


def test_mandarin_becomes_tone_numbered_pinyin() -> None:
    assert pinyin_for_espeak("长期护理保险") == "chang2 qi1 hu4 li3 bao3 xian3"


def test_neutral_tone_is_five_and_u_umlaut_is_v() -> None:
    assert pinyin_for_espeak("绿的") == "lv4 de5"


def test_chinese_punctuation_becomes_pauses_espeak_understands() -> None:
    assert pinyin_for_espeak("你好，再见。") == "ni3 hao3 , zai4 jian4 ."


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("热线12393", "re4 xian4 1 2 3 9 3"),
        ("2026年", "2 0 2 6 nian2"),
        ("60岁", "60 sui4"),
    ],
)
def test_phone_numbers_and_years_are_read_digit_by_digit(text: str, spoken: str) -> None:
    assert pinyin_for_espeak(text) == spoken


def test_text_is_one_line_per_block_each_ending_a_sentence() -> None:
    text = "  长期护理保险 \n\n 在这里可以   了解政策。\n热线？ "
    assert normalise_text(text, "zh") == "长期护理保险。\n在这里可以 了解政策。\n热线？"


def test_uyghur_lines_end_with_a_full_stop_and_keep_their_question_mark() -> None:
    assert normalise_text("ئۇزۇن مۇددەت\nسوئال؟", "ug") == "ئۇزۇن مۇددەت.\nسوئال؟"


def test_cache_key_names_language_engine_and_text() -> None:
    key = speech_key("zh", "gtts", "你好。")
    assert KEY_PATTERN.fullmatch(key)
    assert key != speech_key("ug", "gtts", "你好。")
    assert key != speech_key("zh", "espeak-ng", "你好。")
    assert key != speech_key("zh", "gtts", "你好！")


@given(st.text(max_size=200))
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_text(text, "zh")
    assert normalise_text(once, "zh") == once


@pytest.mark.parametrize(
    ("audio", "is_mp3"),
    [
        (b"ID3\x04\x00", True),
        (b"\xff\xfb\x90\xc4", True),
        (b"\xff\xf3\x60\xc4", True),
        (b"RIFF\x00\x00", False),
        (b"<html>", False),
        (b"", False),
    ],
)
def test_mp3_is_recognised_by_id3_tag_or_frame_sync(audio: bytes, is_mp3: bool) -> None:
    assert looks_like_mp3(audio) is is_mp3
