"""One call, `checkpoint(page, name)`, at every page a journey reaches: a screenshot for people
to look at, then the elderly-friendly numbers and an axe-core audit, in every state a person
can put the page in without leaving it — phone, desktop and 320 px wide, default and largest
text, standard and high-contrast theme — and, at every text size at 320 px (default and largest
on the phone), no text cut off, no Uyghur word broken inside a button, and a header bar that
takes at most 15% of the first screen (25% at the largest text).

The text size and theme are classes on <html> (set by the server from cookies); here they are
switched in place, with the buttons' pressed state, so a page reached by a POST or holding
typed answers is measured exactly as the person sees it, without reloading it.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.e2e.conftest import VIEWPORTS, save_screenshot
from tests.e2e.measure import (
    addresses_out_of_order,
    body_font_px,
    broken_words,
    clipped_texts,
    header_share,
    hidden_but_drawn,
    overlays,
    scrolls_sideways,
    small_targets,
    texts,
)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
LARGEST = 4
TEXT_SIZES = (1, 2, 3, 4)
# The header bar's share of the first screen, at most, by text size (issue 11).
HEADER_SHARE = {1: 0.15, LARGEST: 0.25}
NARROWEST = {"width": 320, "height": 640}
BLOCKING = ("serious", "critical")

# `make screenshots` asks for every page at several text sizes (SCREENSHOT_TEXT_SIZES=1,4).
SCREENSHOT_TEXT_SIZES = [int(s) for s in os.environ.get("SCREENSHOT_TEXT_SIZES", "1").split(",")]
# AUDIT_KEEP_GOING=1 lists every page's problems at the end instead of stopping at the first.
KEEP_GOING = os.environ.get("AUDIT_KEEP_GOING") == "1"

AXE_RUN_JS = """
async (only) => {
  const options = {
    resultTypes: ["violations"], rules: {"color-contrast-enhanced": {enabled: true}},
  };
  if (only) options.runOnly = {type: "rule", values: only};
  const results = await axe.run(document, options);
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}
"""

DISPLAY_JS = """
([size, theme]) => {
  const html = document.documentElement;
  const previous = [
    html.className.match(/text-size-(\\d)/)[1], html.className.match(/theme-(\\w+)/)[1],
  ];
  html.className = html.className
    .replace(/text-size-\\d/, "text-size-" + size).replace(/theme-\\w+/, "theme-" + theme);
  document.querySelectorAll(".text-size-choice").forEach((b) =>
    b.setAttribute("aria-pressed", String(b.value === String(size))));
  document.querySelectorAll("button[name=theme]").forEach((b) => {
    b.setAttribute("aria-pressed", String(theme === "contrast"));
    b.value = theme === "contrast" ? "standard" : "contrast";
  });
  return previous;
}
"""


@dataclass
class Report:
    """What was audited in this test session, for the summary at the end of the run."""

    pages: list[tuple[str, str]] = field(default_factory=list)
    minor: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    lighthouse: list[str] = field(default_factory=list)
    calm: list[str] = field(default_factory=list)


REPORT = Report()
_audited: set[tuple[str, str]] = set()


def axe_violations(page: Page, only: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (axe is injected once per document)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        assert AXE.exists(), f"{AXE} is missing: `npm ci` (make e2e does it) installs axe-core"
        # Evaluated, not added as a <script>: the page's CSP refuses inline scripts.
        page.evaluate(AXE.read_text() + "\n;undefined")
    return list(page.evaluate(AXE_RUN_JS, only))


def describe(violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for v in violations:
        lines.append(f"axe {v['impact']} {v['id']}: {v['help']}")
        for node in v["nodes"][:5]:
            summary = " ".join(str(node["summary"]).split())[:200]
            lines.append(f"    {node['target']} — {summary}")
    return lines


@contextmanager
def display(page: Page, text_size: int, theme: str = "standard") -> Iterator[None]:
    size, previous_theme = page.evaluate(DISPLAY_JS, [text_size, theme])
    try:
        yield
    finally:
        page.evaluate(DISPLAY_JS, [int(size), previous_theme])


@contextmanager
def viewport(page: Page, size: dict[str, int]) -> Iterator[None]:
    previous = page.viewport_size
    page.set_viewport_size(size)
    try:
        yield
    finally:
        if previous:
            page.set_viewport_size(previous)


def numbers(page: Page, smallest_text: float) -> list[str]:
    """The elderly-friendly numbers: text size, line height, contrast (7:1, large text 4.5:1),
    targets (44 px, main actions 60 px), no sideways scrolling, nothing over the content."""
    problems = []
    body = body_font_px(page)
    if body < smallest_text:
        problems.append(f"body text {body:.1f}px < {smallest_text}px")
    for text in texts(page):
        where = f"{text['where']} “{text['text']}”"
        if float(text["size"]) < smallest_text:
            problems.append(f"text {text['size']:.1f}px < {smallest_text}px: {where}")
        if not text["large"] and float(text["lineHeight"]) < 1.5:
            problems.append(f"line height {text['lineHeight']:.2f} < 1.5: {where}")
        needed = 4.5 if text["large"] else 7
        if float(text["contrast"]) < needed:
            problems.append(f"contrast {text['contrast']:.2f} < {needed}: {where}")
    for target in small_targets(page):
        minimum = 60 if target["main"] else 44
        problems.append(
            f"target {target['width']:.0f}×{target['height']:.0f} < {minimum}px: “{target['text']}”"
        )
    if scrolls_sideways(page):
        problems.append("scrolls sideways")
    problems.extend(f"floats over the content: {html}" for html in overlays(page))
    return problems


def fitting(page: Page, size: int) -> list[str]:
    """No text cut off or spilling out of its box, no Uyghur word broken in a button, nothing
    hidden drawn anyway, web addresses in Uyghur text laid out left to right, and a header that
    leaves the first screen to the page."""
    problems = [f"text does not fit: {where}" for where in clipped_texts(page)]
    problems += [f"word broken in a button: {word}" for word in broken_words(page)]
    problems += [f"hidden but drawn: {html}" for html in hidden_but_drawn(page)]
    problems += [f"address not left to right: {url}" for url in addresses_out_of_order(page)]
    share, most = header_share(page), HEADER_SHARE.get(size, 1.0)
    if share > most:
        problems.append(f"header {share:.0%} of the first screen > {most:.0%}")
    return problems


def audit(page: Page, name: str) -> None:
    """Every check on the current page, once per page and language; fails listing them all."""
    language = page.locator("html").get_attribute("lang") or "unknown"
    if (language, name) in _audited:
        return
    _audited.add((language, name))
    problems: list[str] = []
    here = f"{page.viewport_size['width']}px" if page.viewport_size else "phone"

    def check(state: str, found: list[str]) -> None:
        problems.extend(f"[{state}] {problem}" for problem in found)

    violations = axe_violations(page)
    check(here, describe([v for v in violations if v["impact"] in BLOCKING]))
    for v in violations:
        if v["impact"] not in BLOCKING:
            REPORT.minor[str(v["id"])] = REPORT.minor.get(str(v["id"]), 0) + 1
    with display(page, 1):
        check(here, numbers(page, 18))
        with viewport(page, VIEWPORTS["desktop"]):
            check("desktop", numbers(page, 18))
    with display(page, LARGEST):
        check(f"{here}, largest text", numbers(page, 30))
    with display(page, 1, "contrast"):
        check(f"{here}, high contrast", [p for p in numbers(page, 18) if p.startswith("contrast")])
    # Every size on the narrowest phone, where room is shortest; on the phone the two ends.
    for size in (1, LARGEST):
        with display(page, size):
            check(f"{here}, text size {size}", fitting(page, size))
    with viewport(page, NARROWEST):
        for size in TEXT_SIZES:
            with display(page, size):
                sideways = ["scrolls sideways"] if scrolls_sideways(page) else []
                check(f"320px, text size {size}", sideways + fitting(page, size))
    REPORT.pages.append((name, language))
    message = f"{name} ({language}) at {page.url}:\n  " + "\n  ".join(problems)
    if problems and KEEP_GOING:
        REPORT.problems.append(message)
        return
    assert not problems, message


_quiet = False


@contextmanager
def unaudited() -> Iterator[None]:
    """Journey steps used only to set something up: no screenshots, no audits."""
    global _quiet
    _quiet = True
    try:
        yield
    finally:
        _quiet = False


def checkpoint(page: Page, name: str) -> None:
    """A page of a journey: screenshots (at each size `make screenshots` asks for), then the
    audit."""
    if _quiet:
        return
    for size in SCREENSHOT_TEXT_SIZES:
        with display(page, size):
            save_screenshot(page, name if size == 1 else f"{name}-text-size-{size}")
    audit(page, name)
