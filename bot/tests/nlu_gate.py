"""NLU evaluation on the held-out files, with the pass marks of the quality bar.

Usage: python tests/nlu_gate.py MODEL [--report results/nlu_gate.json]

An example counts as correct when the predicted intent — with the ResponseSelector's
sub-intent for faq, i.e. "faq/objection" — equals the labelled one. FallbackClassifier is
part of the pipeline, so an example that falls back counts as wrong. The confidences of
right and wrong predictions are written to the report; they are what the fallback
threshold in config.yml was tuned from (README.md, "Fallback threshold").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import pathlib
import statistics
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
GATES = {
    "zh": (HERE / "nlu" / "heldout_zh.yml", 0.92),
    "ug": (HERE / "nlu" / "heldout_ug.yml", 0.85),
}
OUT_OF_SCOPE = HERE / "nlu" / "heldout_oos.yml"
FALLBACK = ("out_of_scope", "nlu_fallback")
CANDIDATE_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def load_examples(path: pathlib.Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples = []
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                examples.append((line[2:].strip(), block["intent"]))
    return examples


def full_intent(parsed: dict) -> tuple[str, float, float]:
    """("faq/objection", intent confidence, NLU confidence before fallback)."""
    intent = parsed.get("intent") or {}
    name = intent.get("name") or ""
    confidence = float(intent.get("confidence") or 0.0)
    ranking = parsed.get("intent_ranking") or []
    raw = max(
        (float(r.get("confidence") or 0) for r in ranking if r.get("name") != "nlu_fallback"),
        default=confidence,
    )
    if name == "faq":
        response = ((parsed.get("response_selector") or {}).get("faq") or {}).get("response") or {}
        name = response.get("intent_response_key") or "faq"
    return name, confidence, raw


def quiet_logging() -> None:
    import logging

    import structlog

    logging.getLogger().setLevel(logging.WARNING)
    for name in ("rasa", "tensorflow", "absl", "jieba"):
        logging.getLogger(name).setLevel(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))


async def evaluate(model: str) -> dict:
    from rasa.core.agent import Agent

    quiet_logging()
    agent = Agent.load(model)
    report: dict = {}
    files = {language: path for language, (path, _t) in GATES.items()}
    files["oos"] = OUT_OF_SCOPE
    for language, path in files.items():
        rows = []
        for text, expected in load_examples(path):
            parsed = await agent.parse_message(text)
            predicted, confidence, raw = full_intent(parsed)
            rows.append(
                {
                    "text": text,
                    "expected": expected,
                    "predicted": predicted,
                    "confidence": round(confidence, 4),
                    "raw_confidence": round(raw, 4),
                }
            )
        correct = [r for r in rows if r["predicted"] == r["expected"]]
        report[language] = {"accuracy": len(correct) / len(rows), "n": len(rows), "rows": rows}
    return report


def threshold_table(report: dict) -> None:
    """What each fallback threshold would do: in-scope examples lost, out-of-scope caught."""
    in_scope = [
        r for lang in GATES for r in report[lang]["rows"] if r["predicted"] == r["expected"]
    ]
    oos = report["oos"]["rows"]
    print("     fallback threshold: correct in-scope predictions lost / out-of-scope caught")
    for threshold in CANDIDATE_THRESHOLDS:
        lost = sum(1 for r in in_scope if r["raw_confidence"] < threshold)
        caught = sum(
            1 for r in oos if r["predicted"] in FALLBACK or r["raw_confidence"] < threshold
        )
        print(f"       {threshold:.1f}: {lost}/{len(in_scope)} lost, {caught}/{len(oos)} caught")


def summarise(report: dict) -> bool:
    threshold_table(report)
    ok = True
    for language, (_path, threshold) in GATES.items():
        result = report[language]
        rows = result["rows"]
        right = [r["raw_confidence"] for r in rows if r["predicted"] == r["expected"]]
        wrong = [r["raw_confidence"] for r in rows if r["predicted"] != r["expected"]]
        passed = result["accuracy"] >= threshold
        ok = ok and passed
        print(
            f"[{language}] intent accuracy {result['accuracy']:.1%} on {result['n']} held-out "
            f"examples (pass mark {threshold:.0%}) {'PASS' if passed else 'FAIL'}"
        )
        if right:
            print(
                f"     confidence of right predictions: min {min(right):.2f}, "
                f"p10 {sorted(right)[len(right) // 10]:.2f}, median {statistics.median(right):.2f}"
            )
        if wrong:
            print(
                f"     confidence of wrong predictions: max {max(wrong):.2f}, "
                f"median {statistics.median(wrong):.2f}"
            )
        for row in rows:
            if row["predicted"] != row["expected"]:
                print(
                    f"     ✗ {row['text']!r}: expected {row['expected']}, got {row['predicted']} "
                    f"({row['raw_confidence']:.2f})"
                )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--report", default="results/nlu_gate.json")
    args = parser.parse_args()
    report = asyncio.run(evaluate(args.model))
    out = pathlib.Path(args.report)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if summarise(report) else 1


if __name__ == "__main__":
    sys.exit(main())
