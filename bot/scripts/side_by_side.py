"""Writes docs/answers_side_by_side.md: every bot text, Chinese | Uyghur (`make side-by-side`)."""

from __future__ import annotations

import pathlib
import sys

BOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BOT))

from actions import catalog  # noqa: E402

if __name__ == "__main__":
    out = BOT / "docs" / "answers_side_by_side.md"
    out.write_text(catalog.side_by_side(), encoding="utf-8")
    print(f"wrote {out.relative_to(BOT)} ({len(catalog.pairs())} texts)")
