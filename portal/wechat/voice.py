"""The bot's answer spoken, for a person who spoke to it: an MP3 within WeChat's limits.

WeChat takes voice messages as temporary media of at most 2 MB and 60 seconds. Links are
not read aloud; an answer too long to say in 60 seconds is said up to the last sentence
that fits (the text reply has all of it).
"""

import re

from flask import current_app

from portal.speech import service as speech

MAX_BYTES = 2 * 1024 * 1024
MAX_SECONDS = 60.0
_LINK = re.compile(r"\S*https?://\S+")
_SENTENCE = re.compile(r"(?<=[。！？!?.؟\n])")

# Layer III bit rates (kbit/s) by MPEG version, and sample rates (Hz).
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_SAMPLE_RATES = {1: (44100, 48000, 32000), 2: (22050, 24000, 16000), 25: (11025, 12000, 8000)}
_VERSIONS = {3: 1, 2: 2, 0: 25}


def spoken_answer(text: str, language: str) -> bytes | None:
    """The answer as MP3, or None when it cannot be spoken (the text reply is enough)."""
    settings = speech.SpeechSettings.from_config(current_app.config)
    state: speech.SpeechState = current_app.extensions.setdefault(
        "changhu_speech", speech.SpeechState()
    )
    sentences = [part for part in _SENTENCE.split(_LINK.sub("", text)) if part.strip()]
    while sentences:
        try:
            audio = speech.speak(language, "".join(sentences), settings, state).path.read_bytes()
        except speech.SpeechError as error:
            current_app.logger.warning("no voice for a WeChat answer: %r", error)
            return None
        if len(audio) <= MAX_BYTES and mp3_seconds(audio) <= MAX_SECONDS:
            return audio
        sentences.pop()
    return None


def mp3_seconds(audio: bytes) -> float:
    """The playing time of an MP3, from its frame headers (constant or variable bit rate)."""
    position = _after_id3(audio)
    seconds = 0.0
    while position + 4 <= len(audio):
        frame = _frame(audio[position : position + 4])
        if frame is None:
            position += 1  # not a frame header: look for the next one
            continue
        length, duration = frame
        seconds += duration
        position += length
    return seconds


def _after_id3(audio: bytes) -> int:
    if not audio.startswith(b"ID3") or len(audio) < 10:
        return 0
    size = 0
    for byte in audio[6:10]:  # a "synchsafe" integer: 7 bits a byte
        size = (size << 7) | (byte & 0x7F)
    return 10 + size


def _frame(header: bytes) -> tuple[int, float] | None:
    """(length in bytes, seconds) of the Layer III frame starting with `header`."""
    if header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version_bits, layer_bits = (header[1] >> 3) & 3, (header[1] >> 1) & 3
    bitrate_index, rate_index = header[2] >> 4, (header[2] >> 2) & 3
    if version_bits == 1 or layer_bits != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    version = _VERSIONS[version_bits]
    bitrate = _BITRATES[1 if version == 1 else 2][bitrate_index] * 1000
    rate = _SAMPLE_RATES[version][rate_index]
    samples = 1152 if version == 1 else 576
    padding = (header[2] >> 1) & 1
    return samples // 8 * bitrate // rate + padding, samples / rate
