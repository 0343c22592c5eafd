"""Tokenizer for a model that serves Chinese and Uyghur messages.

Han text goes through jieba with the domain dictionary (长护险, 失能等级评估 …); Uyghur is
written in Arabic script, which jieba cannot segment, so Arabic-script runs are split on
whitespace and punctuation. jieba returns whitespace and punctuation as tokens of their
own: those are dropped so that "能 申请 吗" (voice input) and "能申请吗" look alike.
"""

from __future__ import annotations

import glob
import logging
import re
from typing import Any

import jieba
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message

logger = logging.getLogger(__name__)
jieba.setLogLevel(logging.WARNING)

# Arabic letters used by Uyghur, incl. presentation forms; excludes Arabic punctuation
# (، ؛ ؟) so that those split words like Latin punctuation does.
_ARABIC_WORD = re.compile(
    r"[\u0621-\u063A\u0640-\u065F\u066E-\u06D3\u06D5-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]+"
)

_jieba = jieba.Tokenizer()
_loaded_dicts: set = set()


def load_dictionaries(path: str | None) -> None:
    """Loads every jieba user dictionary in `path` (once per file)."""
    if not path:
        return
    for userdict in sorted(glob.glob(f"{path}/*")):
        if userdict in _loaded_dicts:
            continue
        logger.info("Loading jieba user dictionary %s", userdict)
        # jieba leaves a file it opened itself unclosed: give it one that is closed here
        with open(userdict, "rb") as handle:
            _jieba.load_userdict(handle)
        _loaded_dicts.add(userdict)


def _keep(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


def tokenize_text(text: str) -> list[tuple[str, int]]:
    """Returns (word, start offset) pairs for mixed Han / Arabic-script text."""
    tokens: list[tuple[str, int]] = []
    position = 0
    for match in _ARABIC_WORD.finditer(text):
        tokens.extend(_jieba_tokens(text[position : match.start()], position))
        tokens.append((match.group(), match.start()))
        position = match.end()
    tokens.extend(_jieba_tokens(text[position:], position))
    return tokens


def _jieba_tokens(segment: str, offset: int) -> list[tuple[str, int]]:
    if not segment.strip():
        return []
    return [(word, offset + start) for word, start, _end in _jieba.tokenize(segment) if _keep(word)]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class MixedScriptTokenizer(JiebaTokenizer):
    """jieba for Han script, whitespace/punctuation splitting for Arabic script."""

    @staticmethod
    def supported_languages() -> list[str] | None:
        return None

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**JiebaTokenizer.get_default_config(), "dictionary_path": "dict"}

    @staticmethod
    def _load_custom_dictionary(path: str) -> None:
        load_dictionaries(path)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute)
        tokens = [Token(word, start) for word, start in tokenize_text(text)]
        if not tokens and text and text.strip():
            stripped = text.strip()
            tokens = [Token(stripped, text.index(stripped))]
        applied: list[Token] = self._apply_token_pattern(tokens)
        return applied
