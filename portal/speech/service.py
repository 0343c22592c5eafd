"""Speech for a (language, text): synthesised once, cached on disk under a hash, served forever.

The cache key is a hash of (language, engine, text), so the URL of the audio never changes
meaning and browsers may keep it for a year. Engines are tried in order of preference; a
cached file from any of them is served before anything is synthesised. The cache is capped
in size: past the cap, the files heard least recently go (a file is touched when heard).
"""

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal.speech import engines

ENGINES_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "zh": ("gtts", "espeak-ng"),
    "ug": ("espeak-ng",),  # gTTS has no Uyghur voice
}
KEY_PATTERN = re.compile(r"[0-9a-f]{64}")
LOCAL_SYNTHESES_AT_ONCE = 2
_SENTENCE_END = {"zh": "。", "ug": "."}
_ENDS_SENTENCE = tuple(".。!！?？؟:：;；،,，、…")


class SpeechError(Exception):
    """The request cannot be spoken; the subclass says why."""


class UnsupportedLanguage(SpeechError):
    pass


class EmptyText(SpeechError):
    pass


class TextTooLong(SpeechError):
    pass


class SpeechUnavailable(SpeechError):
    """No engine could make audio."""


@dataclass(frozen=True)
class SpeechSettings:
    cache_dir: Path
    max_chars: int
    gtts_base_url: str
    gtts_timeout: float
    gtts_retry_after: float
    espeak_ng: str
    lame: str
    engine_timeout: float
    cache_max_bytes: int

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "SpeechSettings":
        return cls(
            cache_dir=Path(config["SPEECH_CACHE_DIR"]),
            max_chars=int(config["SPEECH_MAX_CHARS"]),
            gtts_base_url=str(config["SPEECH_GTTS_BASE_URL"]),
            gtts_timeout=float(config["SPEECH_GTTS_TIMEOUT"]),
            gtts_retry_after=float(config["SPEECH_GTTS_RETRY_AFTER"]),
            espeak_ng=str(config["SPEECH_ESPEAK_NG"]),
            lame=str(config["SPEECH_LAME"]),
            engine_timeout=float(config["SPEECH_ENGINE_TIMEOUT"]),
            cache_max_bytes=int(config["SPEECH_CACHE_MAX_BYTES"]),
        )


@dataclass
class SpeechState:
    """One app's memory: syntheses per engine, and when gTTS may be tried again.

    After gTTS fails it rests for a while, so that not every new text waits for Google's
    timeout where Google is unreachable.
    """

    syntheses: Counter[str] = field(default_factory=Counter)
    gtts_resting_until: float = 0.0
    # The cache's size as this process last counted it; None until first counted.
    cache_bytes: int | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    # espeak-ng and lame take seconds of CPU for a long text: a few at a time per process, so
    # that bursts of new texts cannot take every core from the pages.
    local_engine: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(LOCAL_SYNTHESES_AT_ONCE)
    )


@dataclass(frozen=True)
class Speech:
    key: str
    engine: str
    path: Path
    synthesised: bool = False  # made for this request, not found in the cache


def speak(language: str, text: str, settings: SpeechSettings, state: SpeechState) -> Speech:
    """The cached speech for this text, synthesising it with the first engine that works."""
    if language not in ENGINES_BY_LANGUAGE:
        raise UnsupportedLanguage(language)
    text = normalise_text(text, language)
    if not text:
        raise EmptyText
    if len(text) > settings.max_chars:
        raise TextTooLong(len(text))
    preferred = ENGINES_BY_LANGUAGE[language]
    for engine in preferred:
        key = speech_key(language, engine, text)
        path = audio_path(key, settings)
        if path.is_file():
            _touch(path)
            return Speech(key, engine, path)
    for engine in preferred:
        audio = _synthesise(engine, language, text, settings, state)
        if audio is None:
            continue
        key = speech_key(language, engine, text)
        path = audio_path(key, settings)
        _write_atomically(path, audio)
        with state.lock:
            state.syntheses[engine] += 1
        _keep_cache_under_cap(len(audio), settings, state)
        return Speech(key, engine, path, synthesised=True)
    raise SpeechUnavailable(language)


def normalise_text(text: str, language: str) -> str:
    """One line per block, spaces collapsed; a line without an ending gets a full stop.

    The full stop makes every engine pause between a heading and the next paragraph.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    ended = [
        line if line.endswith(_ENDS_SENTENCE) else line + _SENTENCE_END.get(language, ".")
        for line in lines
        if line
    ]
    return "\n".join(ended)


def speech_key(language: str, engine: str, text: str) -> str:
    return hashlib.sha256(f"{language}\n{engine}\n{text}".encode()).hexdigest()


def audio_path(key: str, settings: SpeechSettings) -> Path:
    return settings.cache_dir / key[:2] / f"{key}.mp3"


def cached_audio(key: str, settings: SpeechSettings) -> Path | None:
    if not KEY_PATTERN.fullmatch(key):
        return None
    path = audio_path(key, settings)
    return path if path.is_file() else None


def tts_status(settings: SpeechSettings) -> str:
    """`ok` when the offline engine is installed; gTTS is a bonus and not checked."""
    found = shutil.which(settings.espeak_ng) and shutil.which(settings.lame)
    return "ok" if found else "unavailable"


def _synthesise(
    engine: str, language: str, text: str, settings: SpeechSettings, state: SpeechState
) -> bytes | None:
    try:
        if engine == "gtts":
            if time.monotonic() < state.gtts_resting_until:
                return None
            return engines.gtts_mp3(
                text, language, base_url=settings.gtts_base_url, timeout=settings.gtts_timeout
            )
        # Waiting longer than one synthesis may take means the machine is overloaded.
        if not state.local_engine.acquire(timeout=settings.engine_timeout):
            return None
        try:
            return engines.espeak_mp3(
                text,
                language,
                espeak_ng=settings.espeak_ng,
                lame=settings.lame,
                timeout=settings.engine_timeout,
            )
        finally:
            state.local_engine.release()
    except engines.EngineFailed:
        if engine == "gtts":
            with state.lock:
                state.gtts_resting_until = time.monotonic() + settings.gtts_retry_after
        return None


def _touch(path: Path) -> None:
    """Marks a cached file as just heard (its modification time orders eviction)."""
    # Evicted meanwhile by another process: it is made again next time.
    with contextlib.suppress(OSError):
        os.utime(path)


def _keep_cache_under_cap(added: int, settings: SpeechSettings, state: SpeechState) -> None:
    """Counts the new file; past the cap, removes the least recently heard files until the
    cache is at 90% of it (so that not every new text walks the whole cache)."""
    with state.lock:
        if state.cache_bytes is None:
            state.cache_bytes = sum(size for _path, size, _heard in _cached_files(settings))
        else:
            state.cache_bytes += added
        if state.cache_bytes <= settings.cache_max_bytes:
            return
        files = sorted(_cached_files(settings), key=lambda found: found[2])
        total = sum(size for _path, size, _heard in files)
        for path, size, _heard in files:
            if total <= settings.cache_max_bytes * 0.9:
                break
            path.unlink(missing_ok=True)
            total -= size
        state.cache_bytes = total


def _cached_files(settings: SpeechSettings) -> list[tuple[Path, int, float]]:
    found = []
    for path in settings.cache_dir.glob("*/*.mp3"):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        found.append((path, stat.st_size, stat.st_mtime))
    return found


def _write_atomically(path: Path, audio: bytes) -> None:
    """Readers see the whole file or none: written beside its place, then renamed into it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "wb") as file:
            file.write(audio)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
