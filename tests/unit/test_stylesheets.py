"""The stylesheets' blocks all close: a brace lost in a merge silently moves every later rule
into the block left open (once, the whole after-submission section sat inside a narrow-phone
media query, and its links shrank below 44 px on wider screens)."""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "static" / "large-ui" / "css"


@pytest.mark.parametrize("name", ["app.css", "staff.css"])
def test_every_block_closes_where_it_should(name: str) -> None:
    text = re.sub(r"/\*.*?\*/", "", (CSS / name).read_text(), flags=re.DOTALL)
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{name}: a block closes twice by line {number}"
    assert depth == 0, f"{name}: {depth} block(s) never closed"
