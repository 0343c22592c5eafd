"""The held-out files measure questions the model never saw: none of them is in data/."""

from __future__ import annotations

import pathlib
import re

import yaml

BOT = pathlib.Path(__file__).resolve().parents[1]


def training_examples() -> set[str]:
    found: set[str] = set()
    for path in (BOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    found.add(normalise(line.strip()[2:]))
    return found


def normalise(text: str) -> str:
    """Entity annotations and punctuation removed: '绑定 [123456](binding_code)' → '绑定123456'."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[\s，。？！,.?!、]", "", text)


def heldout_messages() -> list[str]:
    messages = []
    for path in (BOT / "tests" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            messages += [
                line.strip()[2:] for line in block["examples"].splitlines() if line.strip()
            ]
    conversations = yaml.safe_load(
        (BOT / "tests" / "heldout" / "conversations.yml").read_text(encoding="utf-8")
    )["conversations"]
    for conversation in conversations:
        messages += [str(turn["say"]) for turn in conversation["turns"]]
    return messages


def test_no_held_out_message_is_a_training_example():
    trained = training_examples()
    digits_only = re.compile(r"^\d$")  # "1"…"5" answer the region question everywhere
    leaked = [m for m in heldout_messages() if normalise(m) in trained and not digits_only.match(m)]
    assert not leaked, leaked


def test_the_conversations_are_enough_and_in_both_languages():
    conversations = yaml.safe_load(
        (BOT / "tests" / "heldout" / "conversations.yml").read_text(encoding="utf-8")
    )["conversations"]
    assert len(conversations) >= 60
    languages = [c["language"] for c in conversations]
    assert languages.count("zh") >= 30 and languages.count("ug") >= 25
    assert sum(len(c["turns"]) > 1 for c in conversations) >= 8
    assert len({c["id"] for c in conversations}) == len(conversations)
