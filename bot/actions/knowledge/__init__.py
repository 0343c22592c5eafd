"""Policy answers per topic × region × language, read from answers.yml (see its header)."""

from __future__ import annotations

import functools
import pathlib
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from .. import links
from ..regions import REGION_NAMES

ANSWERS_FILE = pathlib.Path(__file__).with_name("answers.yml")
LANGUAGES = ("zh", "ug")

# how an answer was chosen
Kind = Literal["all", "own", "national", "not_stated"]

# after a `national` answer: the region's own document sets nothing else
NATIONAL_NOTE = {
    "zh": "（{region}的文件没有另外规定，这是各省经办规程相同的规定。）",
    "ug": " ({region} ھۆججىتىدە ئايرىم بەلگىلىمە يوق؛ "
    "بۇ ھەرقايسى ئۆلكىلەرنىڭ بېجىرىش نىزامىدىكى ئوخشاش بەلگىلىمە.)",
}
# a region whose document does not state the topic (POLICY.md: "not stated")
NOT_STATED = {
    "zh": "{region}的文件没有规定{subject}，经办机构会告诉您；也可以拨打热线{hotline}咨询。",
    "ug": "{region} ھۆججىتىدە {subject} بەلگىلەنمىگەن، بېجىرىش ئورگىنى سىزگە ئۇقتۇرىدۇ؛ "
    "{hotline} نومۇرىغا تېلېفون قىلىپ سورىسىڭىزمۇ بولىدۇ.",
}


# what a period is called when a topic has no `subject` of its own
GENERIC_SUBJECT = {"zh": "这个期限", "ug": "بۇ مۇددەت"}


@dataclass(frozen=True)
class Answer:
    topic: str
    region: str | None  # the region the answer is for; None when it is for everyone
    kind: Kind
    text: str  # the answer alone, in the person's language, {hotline} filled in
    source: str  # codes, for the citation in words (actions/citations.py)
    link: str | None


@functools.lru_cache(maxsize=1)
def load() -> dict[str, dict[str, Any]]:
    with ANSWERS_FILE.open(encoding="utf-8") as handle:
        topics: dict[str, dict[str, Any]] = yaml.safe_load(handle)["topics"]
    return topics


def topics() -> dict[str, dict[str, Any]]:
    return load()


def is_region_specific(topic: str) -> bool:
    return bool(load().get(topic, {}).get("region_specific"))


def answer(topic: str, language: str, region: str | None) -> Answer | None:
    """The answer for `topic` in `region`; None for an unknown topic, or for a region-specific
    topic while the region is unknown (the caller asks for it)."""
    entry = load().get(topic)
    if entry is None:
        return None
    language = language if language in LANGUAGES else "zh"
    answers: dict[str, dict[str, str]] = entry["answers"]
    hotline = links.hotline()
    kind: Kind
    if region and region in answers:
        chosen, kind = answers[region], "own"
    elif not entry.get("region_specific"):
        chosen, kind = answers["all"], "all"
    elif region is None:
        return None
    elif "national" in answers:
        chosen, kind = answers["national"], "national"
    else:
        return not_stated(topic, language, region)
    text = chosen[language].format(hotline=hotline)
    if kind == "national" and region:
        text += NATIONAL_NOTE[language].format(region=REGION_NAMES[language][region])
    return Answer(
        topic=topic,
        region=region if kind != "all" else None,
        kind=kind,
        text=text,
        source=str(chosen["source"]),
        link=entry.get("link"),
    )


def not_stated(topic: str, language: str, region: str) -> Answer:
    """The region's document does not state it: the agency will tell, and the hotline."""
    language = language if language in LANGUAGES else "zh"
    entry = load().get(topic) or {}
    subject = (entry.get("subject") or GENERIC_SUBJECT)[language]
    text = NOT_STATED[language].format(
        region=REGION_NAMES[language][region], subject=subject, hotline=links.hotline()
    )
    return Answer(topic, region, "not_stated", text, "", entry.get("link"))
