"""Whole answers on conversations the model never saw (issue 10, part 14).

Usage: python tests/answers_gate.py MODEL [--report results/answers_gate.json]

Starts the real action server and Rasa server with the trained model next to the fake
portal (which answers as the real API does, tests/contracts/portal_api.json), plays every
conversation in tests/heldout/conversations.yml through the REST channel and checks each
expected reply: the right answer text for the right region, the right date for the right
period, the region question only where it belongs. Prints the scores; exits 1 below the
pass marks or when a conversation marked `must_pass` goes wrong.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import uuid
from dataclasses import dataclass, field
from typing import Any

import yaml

HERE = pathlib.Path(__file__).resolve().parent
BOT = HERE.parent
sys.path[:0] = [str(BOT), str(HERE)]

from fake_portal import DEADLINES, SECRET, FakePortal  # noqa: E402
from servers import BotServers  # noqa: E402

from actions import deadlines, knowledge, messages  # noqa: E402

CONVERSATIONS = HERE / "heldout" / "conversations.yml"
PASS_MARKS = {"zh": 0.90, "ug": 0.85}
MAX_REGION_QUESTIONS = 0.10  # share of region-independent questions asked for a region
ISOLATES = str.maketrans("", "", "\u2068\u2069")


def load() -> list[dict[str, Any]]:
    conversations: list[dict[str, Any]] = yaml.safe_load(CONVERSATIONS.read_text(encoding="utf-8"))[
        "conversations"
    ]
    return conversations


def expected_texts(expect: dict[str, Any], language: str) -> list[str]:
    """The texts of which one must appear in the reply."""
    if "answer" in expect:
        topics = expect["answer"] if isinstance(expect["answer"], list) else [expect["answer"]]
        found = [knowledge.answer(t, language, expect.get("region")) for t in topics]
        return [answer.text for answer in found if answer is not None]
    if "deadline" in expect:
        case = expect["deadline"]
        recorded = DEADLINES[(case["region"], case["rule"], case["from"], language)]
        return [deadlines.format_result(recorded["body"], case["rule"], case["region"], language)]
    if expect.get("ask_region"):
        return [messages.text("ask_region", language)]
    if expect.get("out_of_scope"):
        return [messages.text("out_of_scope", language)]
    if "institutions" in expect:
        return ["\n".join(expect["institutions"])]
    raise ValueError(f"unknown expectation {expect}")


def reply_matches(expect: dict[str, Any], language: str, replies: list[dict[str, Any]]) -> bool:
    if "handoff" in expect:
        return {"handoff": True, "reason": expect["handoff"]} in [r.get("custom") for r in replies]
    said = "\n".join(str(r.get("text") or "") for r in replies).translate(ISOLATES)
    if "institutions" in expect:
        return all(name in said for name in expect["institutions"])
    return any(text.translate(ISOLATES) in said for text in expected_texts(expect, language))


@dataclass
class Outcome:
    conversation: dict[str, Any]
    right: bool = True
    asked_region: bool = False
    turns: list[dict[str, Any]] = field(default_factory=list)


def play(bot: BotServers, conversation: dict[str, Any]) -> Outcome:
    language = conversation["language"]
    ask = messages.text("ask_region", language)
    outcome = Outcome(conversation)
    sender = f"heldout-{uuid.uuid4().hex[:12]}"
    for turn in conversation["turns"]:
        replies = bot.say(sender, str(turn["say"]))
        said = "\n".join(str(r.get("text") or "") for r in replies)
        outcome.asked_region = outcome.asked_region or ask in said.translate(ISOLATES)
        expect = turn.get("expect")
        ok = expect is None or reply_matches(expect, language, replies)
        outcome.right = outcome.right and ok
        outcome.turns.append({"say": turn["say"], "expect": expect, "ok": ok, "said": said})
    return outcome


def summarise(outcomes: list[Outcome]) -> bool:
    passed = True
    for language, mark in PASS_MARKS.items():
        mine = [o for o in outcomes if o.conversation["language"] == language]
        score = sum(o.right for o in mine) / len(mine)
        ok = score >= mark
        passed = passed and ok
        print(
            f"[{language}] whole answers right: {sum(o.right for o in mine)}/{len(mine)} = "
            f"{score:.1%} (pass mark {mark:.0%}) {'PASS' if ok else 'FAIL'}"
        )
    required = [o for o in outcomes if o.conversation.get("must_pass")]
    missed = [o for o in required if not o.right]
    passed = passed and not missed
    print(
        f"[must pass] distinctions people were misled by (reassessment vs objection, the "
        f"ningxia premium): {len(required) - len(missed)}/{len(required)} "
        f"{'FAIL' if missed else 'PASS'}"
    )
    independent = [o for o in outcomes if o.conversation.get("region_independent")]
    asked = [o for o in independent if o.asked_region]
    share = len(asked) / len(independent)
    ok = share < MAX_REGION_QUESTIONS
    passed = passed and ok
    print(
        f"[region] region-independent questions asked for a region: {len(asked)}/"
        f"{len(independent)} = {share:.1%} (must stay under {MAX_REGION_QUESTIONS:.0%}) "
        f"{'PASS' if ok else 'FAIL'}"
    )
    for outcome in outcomes:
        if outcome.right and not (outcome.asked_region and outcome in independent):
            continue
        print(f"     ✗ {outcome.conversation['id']}")
        for turn in outcome.turns:
            if not turn["ok"] or outcome.asked_region:
                said = turn["said"].translate(ISOLATES).replace("\n", " ⏎ ")[:160]
                print(f"         {turn['say']!r} → {said!r} (expected {turn['expect']})")
    return passed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--report", default="results/answers_gate.json")
    args = parser.parse_args()
    portal = FakePortal().start()
    bot = BotServers(
        pathlib.Path(args.model),
        env={
            "CHANGHU_PORTAL_URL": portal.url,
            "CHANGHU_BOT_SECRET": SECRET,
            "CHANGHU_PUBLIC_URL": "https://changhu.example",
            "CHANGHU_DEFAULT_REGION": "",  # measured without the deployment's region
        },
    ).start()
    try:
        outcomes = [play(bot, conversation) for conversation in load()]
    finally:
        bot.stop()
        portal.stop()
    report = pathlib.Path(args.report)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(
        json.dumps(
            [{**o.conversation, "right": o.right, "turns": o.turns} for o in outcomes],
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    passed = summarise(outcomes)
    if portal.unmatched:
        print(f"requests outside tests/contracts/portal_api.json: {portal.unmatched}")
        passed = False
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
