"""The speech engines, each turning text into MP3 bytes or raising EngineFailed.

gTTS (Google Translate's voice) sounds best for Mandarin but needs Google, which is often
unreachable from China; espeak-ng runs locally, speaks Uyghur, and reads Mandarin from pinyin.
"""

import re
import subprocess
from io import BytesIO
from typing import Any
from urllib.parse import urlsplit

from gtts import gTTS, gTTSError
from pypinyin import Style, lazy_pinyin

# Slower than espeak-ng's default of 175 words a minute: many listeners are old.
ESPEAK_WORDS_PER_MINUTE = "140"
# Mono speech needs no more than 48 kbit/s; files stay small on a slow phone connection.
LAME_ARGUMENTS = ("--quiet", "-m", "m", "-b", "48")
ESPEAK_VOICES = {"zh": "cmn-latn-pinyin", "ug": "ug"}
GTTS_LANGUAGES = {"zh": "zh-CN"}

_CHINESE_PUNCTUATION = str.maketrans(
    {
        "，": ", ",
        "、": ", ",
        "。": ". ",
        "；": "; ",
        "：": ": ",
        "？": "? ",
        "！": "! ",
        "…": ". ",
        "（": " ",
        "）": " ",
        "“": " ",
        "”": " ",
        "《": " ",
        "》": " ",
    }
)
# Phone and ID numbers are read digit by digit (一二三九三), as are years (二〇二五年).
_DIGIT_BY_DIGIT = re.compile(r"\d{5,}|\d{4}(?=年)")


class EngineFailed(Exception):
    """The engine could not make audio: unreachable, missing, timed out or broken."""


class _ConfigurableHostGTTS(gTTS):
    """gTTS with a configurable host.

    gTTS always builds "https://translate.google.{tld}/…" from `tld`; the request it prepares
    is re-pointed at `base_url` (a mirror, a proxy, or a test's fake server), keeping gTTS's
    own request body, headers and response parsing.
    """

    def __init__(self, text: str, *, base_url: str, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.base_url = base_url.rstrip("/")

    def _prepare_requests(self) -> list[Any]:
        prepared = super()._prepare_requests()
        for request in prepared:
            parts = urlsplit(request.url)
            request.prepare_url(f"{self.base_url}{parts.path}", None)
        return list(prepared)


def gtts_mp3(text: str, language: str, *, base_url: str, timeout: float) -> bytes:
    if language not in GTTS_LANGUAGES:
        raise EngineFailed(f"gTTS has no voice for {language}")
    tts = _ConfigurableHostGTTS(
        text,
        base_url=base_url,
        lang=GTTS_LANGUAGES[language],
        lang_check=False,  # checking would be one more request to Google
        timeout=timeout,
    )
    buffer = BytesIO()
    try:
        tts.write_to_fp(buffer)
    except (gTTSError, AssertionError, OSError) as error:
        raise EngineFailed(f"gTTS: {error}") from error
    audio = buffer.getvalue()
    if not looks_like_mp3(audio):
        raise EngineFailed("gTTS answered without audio")
    return audio


def espeak_mp3(text: str, language: str, *, espeak_ng: str, lame: str, timeout: float) -> bytes:
    if language not in ESPEAK_VOICES:
        raise EngineFailed(f"espeak-ng has no voice for {language}")
    spoken = pinyin_for_espeak(text) if language == "zh" else text
    voice = ["-v", ESPEAK_VOICES[language], "-s", ESPEAK_WORDS_PER_MINUTE]
    # -b 1: the text on stdin is UTF-8; --stdout: a WAV file, which lame turns into MP3.
    wav = _run([espeak_ng, *voice, "-b", "1", "--stdout"], spoken.encode("utf-8"), timeout)
    if not wav.startswith(b"RIFF"):
        raise EngineFailed("espeak-ng gave no WAV audio")
    audio = _run([lame, *LAME_ARGUMENTS, "-", "-"], wav, timeout)
    if not looks_like_mp3(audio):
        raise EngineFailed("lame gave no MP3 audio")
    return audio


def pinyin_for_espeak(text: str) -> str:
    """Mandarin as tone-numbered pinyin ("chang2 qi1"), which espeak-ng's cmn voice reads well."""
    text = _DIGIT_BY_DIGIT.sub(lambda match: " ".join(match.group()), text)
    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    return " ".join(" ".join(syllables).translate(_CHINESE_PUNCTUATION).split())


def looks_like_mp3(audio: bytes) -> bool:
    """An ID3 tag or an MPEG audio frame sync (11 set bits) at the start."""
    if audio.startswith(b"ID3"):
        return True
    return len(audio) >= 4 and audio[0] == 0xFF and audio[1] & 0xE0 == 0xE0


def _run(command: list[str], stdin: bytes, timeout: float) -> bytes:
    try:
        # The command comes from configuration and gets a list (no shell); the text is stdin.
        result = subprocess.run(  # noqa: S603
            command, input=stdin, capture_output=True, timeout=timeout, check=True
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise EngineFailed(f"{command[0]}: {error}") from error
    return result.stdout
