"""Extract messages and update both catalogs; Chinese msgids are their own zh translation.

Run with `make catalogs`. New Uyghur entries arrive empty: translate them before committing
(the catalog test fails on any empty or fuzzy entry).
"""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "locales" / "messages.pot"


def run(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def main() -> None:
    POT.parent.mkdir(exist_ok=True)
    run(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-o",
        str(POT),
        ".",
    )
    for language in ("zh", "ug"):
        po = ROOT / "locales" / language / "LC_MESSAGES" / "messages.po"
        if po.exists():
            run(
                "update",
                "-i",
                str(POT),
                "-d",
                "locales",
                "-l",
                language,
                "--no-fuzzy-matching",
                "--no-wrap",
                "--ignore-obsolete",
            )
        else:
            run("init", "-i", str(POT), "-d", "locales", "-l", language, "--no-wrap")
    fill_chinese()


def fill_chinese() -> None:
    path = ROOT / "locales" / "zh" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="zh")
    for message in catalog:
        if message.id and not message.string:
            message.string = message.id
    with path.open("wb") as handle:
        # Unwrapped, so every entry is one msgid line and one msgstr line (easy to review).
        write_po(handle, catalog, no_location=True, sort_output=True, width=0)


if __name__ == "__main__":
    main()
