"""Every text the bot can say, as Chinese | Uyghur pairs.

Used by `make side-by-side` (docs/answers_side_by_side.md, read clause by clause when a text
changes) and by the tests that hold the Uyghur to the glossary and the isolation rules.
Answers are rendered as a person receives them: citation in words, link, Uyghur isolated.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pathlib
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from . import bidi, citations, deadlines, knowledge, messages
from .regions import REGION_NAMES, REGIONS

BOT = pathlib.Path(__file__).resolve().parents[1]
EXAMPLE_DATES = {"from": dt.date(2026, 9, 9), "due": dt.date(2026, 10, 9)}
# the qualifier the portal's deadlines API gives a period (tests/contracts/portal_api.json)
EXAMPLE_QUALIFIERS = {("objection", "xinjiang"): "at_least"}
# the same file whatever the environment the command or the tests run in
EXAMPLE_ENVIRONMENT = {"CHANGHU_PUBLIC_URL": "https://changhu.example", "CHANGHU_HOTLINE": "12393"}


@dataclass(frozen=True)
class Pair:
    key: str
    zh: str
    ug: str


def _answers() -> Iterator[Pair]:
    for topic, entry in knowledge.topics().items():
        regions: list[str | None] = list(REGIONS)
        if not entry["region_specific"]:
            regions = [None, *(r for r in REGIONS if r in entry["answers"])]
        for region in regions:
            zh = knowledge.answer(topic, "zh", region)
            ug = knowledge.answer(topic, "ug", region)
            if zh is None or ug is None:  # cannot happen: region given or not region-specific
                raise LookupError(f"no answer for {topic} / {region}")
            yield Pair(
                f"answer {topic} / {region or 'all'} ({zh.kind})",
                messages.answer_text(zh, "zh"),
                bidi.isolate(messages.answer_text(ug, "ug")),
            )


def _deadlines() -> Iterator[Pair]:
    body = {
        "from": EXAMPLE_DATES["from"].isoformat(),
        "due": EXAMPLE_DATES["due"].isoformat(),
        "working_days": None,
        "provisional": False,
    }
    for rule in deadlines.RESULT:
        for region in REGIONS:
            example = {**body, "source": "", "qualifier": EXAMPLE_QUALIFIERS.get((rule, region))}
            zh = deadlines.format_result(example, rule, region, "zh")
            ug = deadlines.format_result(example, rule, region, "ug")
            own_words = (rule, region) in deadlines.NOTES or deadlines.READING_NOTE["zh"] in zh
            if own_words or region == "ningxia":
                yield Pair(f"deadline {rule} / {region}", zh, bidi.isolate(ug))


def _messages() -> Iterator[Pair]:
    values = {
        "link": "https://changhu.example/…",
        "place": "",
        "region": REGION_NAMES["zh"]["ningxia"],
        "district": "金凤区",
        "citation": citations.cite("000:15(5)", "zh") or "",
    }
    for key in messages.TEXTS:
        zh = messages.text(key, "zh", **values)
        ug_values = {
            **values,
            "region": REGION_NAMES["ug"]["ningxia"],
            "district": "",
            "place": REGION_NAMES["ug"]["ningxia"],
            "citation": citations.cite("000:15(5)", "ug") or "",
        }
        ug = messages.text(key, "ug", **ug_values)
        yield Pair(f"message {key}", zh, bidi.isolate(ug))


def _citations() -> Iterator[Pair]:
    for document in citations.DOCUMENTS:
        source = f"{document}:15(5)" if document != "004" else "004:(五)"
        zh = citations.cite(source, "zh") or ""
        ug = citations.cite(source, "ug") or ""
        yield Pair(f"citation {source}", zh, bidi.isolate(ug))


def _responses() -> Iterator[Pair]:
    domain = yaml.safe_load((BOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variants in domain["responses"].items():
        if name.startswith("utter_faq/"):
            continue  # labels of the ResponseSelector's classes, never said
        ug = next(v["text"] for v in variants if v.get("condition"))
        zh = next(v["text"] for v in variants if not v.get("condition"))
        yield Pair(f"response {name}", zh, bidi.isolate(ug))


@contextlib.contextmanager
def _example_environment() -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in EXAMPLE_ENVIRONMENT}
    os.environ.update(EXAMPLE_ENVIRONMENT)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def pairs() -> list[Pair]:
    with _example_environment():
        return [*_answers(), *_deadlines(), *_messages(), *_citations(), *_responses()]


def uyghur_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every Uyghur text a person can read from the bot."""
    for pair in pairs():
        yield pair.key, pair.ug


def side_by_side() -> str:
    """The Markdown review file: one row per text, Chinese | Uyghur."""
    lines = [
        "# Every bot text, Chinese | Uyghur",
        "",
        "Generated by `make -C bot side-by-side` from actions/ and domain.yml; do not edit.",
        "Read each Uyghur cell against its Chinese twin, clause by clause. Example values:",
        f"dates {EXAMPLE_DATES['from']} → {EXAMPLE_DATES['due']}, links to changhu.example.",
        "",
        "| text | 中文 | ئۇيغۇرچە |",
        "|---|---|---|",
    ]
    for pair in pairs():
        cells = [pair.key, pair.zh, pair.ug]
        lines.append(
            "| " + " | ".join(c.replace("\n", "<br>").replace("|", "\\|") for c in cells) + " |"
        )
    return "\n".join(lines) + "\n"
