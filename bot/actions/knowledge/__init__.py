"""Policy answers per topic × region × language, read from answers.yml."""
from __future__ import annotations

import functools
import pathlib
from dataclasses import dataclass
from typing import Dict, Optional

import yaml

ANSWERS_FILE = pathlib.Path(__file__).with_name("answers.yml")

# shown after a default answer for a region whose documents set nothing of their own
DEFAULT_NOTE = {
    "zh": "（当地文件未另行规定，按通用规程。）",
    "ug": "(يەرلىك ھۆججەتتە ئايرىم بەلگىلىمە يوق، ئورتاق قائىدە بويىچە.)",
}


@dataclass(frozen=True)
class Answer:
    topic: str
    region: Optional[str]  # region of the entry used; None for the default entry
    text: str
    source: str
    link: Optional[str]
    is_regional_default: bool  # default served to a region that has no entry


@functools.lru_cache(maxsize=1)
def load() -> Dict[str, dict]:
    with ANSWERS_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["topics"]


def topics() -> Dict[str, dict]:
    return load()


def is_region_specific(topic: str) -> bool:
    return bool(load().get(topic, {}).get("region_specific"))


def answer(topic: str, language: str, region: Optional[str]) -> Optional[Answer]:
    entry = load().get(topic)
    if entry is None:
        return None
    answers = entry["answers"]
    language = language if language in ("zh", "ug") else "zh"
    if region and region in answers:
        chosen, chosen_region, regional_default = answers[region], region, False
    else:
        chosen, chosen_region = answers["default"], None
        regional_default = bool(region) and entry.get("region_specific", False)
    text = chosen[language]
    if regional_default:
        text += DEFAULT_NOTE[language]
    return Answer(
        topic=topic,
        region=chosen_region,
        text=text,
        source=str(chosen["source"]),
        link=entry.get("link"),
        is_regional_default=regional_default,
    )
