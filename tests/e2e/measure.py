"""Measurements taken inside the browser, as a person's eyes and fingers meet the page."""

from typing import Any

from playwright.sync_api import Page

CONTRAST_JS = """
(element) => {
  const parse = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const luminance = (rgb) => 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
  let node = element, background = "rgba(0, 0, 0, 0)";
  while (node && node.nodeType === 1) {
    background = getComputedStyle(node).backgroundColor;
    if (!background.startsWith("rgba(0, 0, 0, 0)") && background !== "transparent") break;
    node = node.parentElement;
  }
  if (background.startsWith("rgba(0, 0, 0, 0)")) background = "rgb(255, 255, 255)";
  const [a, b] = [luminance(parse(getComputedStyle(element).color)), luminance(parse(background))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
"""

# What the eye can see: not in a closed <details> (whose content Chromium still lays out).
SHOWN_JS = """
const shown = (el) => el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null;
"""

TARGETS_JS = (
    """
() => {"""
    + SHOWN_JS
    + """ return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
  .filter((el) => shown(el) && !el.closest('.skip-link') && !el.classList.contains('skip-link'))
  .map((el) => { const r = el.getBoundingClientRect();
    return {text: (el.innerText || el.value || el.name || '').trim().slice(0, 40),
            width: r.width, height: r.height,
            main: el.classList.contains('button--primary')}; }); }
"""
)

# Every visible element that holds text of its own, with what the eye meets: size, weight,
# line height and contrast against the first opaque background behind it. "Large" is WCAG's
# large text (24 px, or 18.66 px bold), which may have 4.5:1 instead of 7:1.
TEXT_JS = (
    """
() => {"""
    + SHOWN_JS
    + """
  const contrast = """
    + CONTRAST_JS
    + """;
  const seen = new Set(), out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !element || seen.has(element)) continue;
    seen.add(element);
    if (!(element instanceof HTMLElement) || ["SCRIPT", "STYLE", "NOSCRIPT", "OPTION"].includes(element.tagName)) continue;
    if (element.closest("[hidden], [aria-hidden=true], .visually-hidden, .skip-link")) continue;
    if (!element.getClientRects().length || !shown(element)) continue;
    const style = getComputedStyle(element);
    if (style.visibility !== "visible" || style.display === "none") continue;
    const size = parseFloat(style.fontSize), weight = parseInt(style.fontWeight, 10);
    const lineHeight = style.lineHeight === "normal" ? 1.2 * size : parseFloat(style.lineHeight);
    out.push({
      text: element.innerText.trim().slice(0, 30),
      where: element.tagName.toLowerCase() + (element.className && typeof element.className === "string"
        ? "." + element.className.trim().split(/\\s+/).join(".") : ""),
      size, lineHeight: lineHeight / size, contrast: contrast(element),
      large: size >= 24 || (weight >= 700 && size >= 18.66),
    });
  }
  return out;
}
"""
)

# Anything that floats over the content: dialogs, frames (ads come in frames), fixed layers.
OVERLAYS_JS = """
() => [...document.querySelectorAll('body *')].filter((el) => {
  if (!el.getClientRects().length) return false;
  const style = getComputedStyle(el);
  if (style.visibility !== 'visible') return false;
  return el.matches('dialog, [role=dialog], [role=alertdialog], iframe, embed, object')
    || ((style.position === 'fixed' || style.position === 'sticky') && !el.matches('.skip-link'));
}).map((el) => el.outerHTML.slice(0, 80))
"""


def body_font_px(page: Page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))


def line_height_ratio(page: Page) -> float:
    return float(
        page.evaluate(
            "(() => { const s = getComputedStyle(document.querySelector('main p') || document.body);"
            " return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })()"
        )
    )


def text_contrasts(
    page: Page, selector: str = "main p, main h1, main a, header a, footer p"
) -> list[float]:
    return [
        float(page.locator(selector).nth(i).evaluate(CONTRAST_JS))
        for i in range(page.locator(selector).count())
    ]


def small_targets(page: Page) -> list[dict[str, Any]]:
    """Interactive elements below 44×44 CSS px, or main actions below 60×60."""
    too_small = []
    for target in page.evaluate(TARGETS_JS):
        minimum = 60 if target["main"] else 44
        if target["width"] < minimum - 0.5 or target["height"] < minimum - 0.5:
            too_small.append(target)
    return too_small


def scrolls_sideways(page: Page) -> bool:
    return bool(
        page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    )


def texts(page: Page) -> list[dict[str, Any]]:
    """Each visible piece of text: size and line height in px, contrast, whether it is large."""
    return list(page.evaluate(TEXT_JS))


def overlays(page: Page) -> list[str]:
    """Pop-ups, frames and fixed layers showing over the content (there should be none)."""
    return list(page.evaluate(OVERLAYS_JS))


# Elements whose text does not fit: wider inside than their box (scrollWidth > clientWidth), so
# part of it is cut off, hidden or spills over. Inline boxes have no width of their own (their
# block is checked); form fields scroll their own text by design.
CLIPPED_JS = (
    """
() => {"""
    + SHOWN_JS
    + """ return [...document.querySelectorAll("body *")].filter((el) => {
  if (["INPUT", "SELECT", "TEXTAREA", "OPTION", "SCRIPT", "STYLE", "svg"].includes(el.tagName)) return false;
  if (!el.getClientRects().length || !shown(el) || !(el.innerText || "").trim()) return false;
  if (el.closest(".visually-hidden, .skip-link, [hidden]")) return false;
  const style = getComputedStyle(el);
  if (style.display === "inline" || style.visibility !== "visible") return false;
  return el.scrollWidth > el.clientWidth + 1;
}).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} “${el.innerText.trim().slice(0, 30)}”`
  + ` ${el.scrollWidth}>${el.clientWidth}px`); }
"""
)

# Uyghur words in buttons that the line breaks in two (a word is a run of Arabic letters).
BROKEN_WORDS_JS = """
() => {
  const broken = [];
  for (const button of document.querySelectorAll("button, .button, summary, .earlier-file")) {
    if (!button.getClientRects().length || !(button.checkVisibility ? button.checkVisibility() : true)) continue;
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, words = /[\\u0600-\\u06FF\\uFB50-\\uFEFF]+/g;
      let match;
      while ((match = words.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0)
          .map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}
"""


def clipped_texts(page: Page) -> list[str]:
    """Elements whose text is cut off or spills out of them."""
    return list(page.evaluate(CLIPPED_JS))


def broken_words(page: Page) -> list[str]:
    """Uyghur words broken over two lines inside a button."""
    return list(page.evaluate(BROKEN_WORDS_JS))


def hidden_but_drawn(page: Page) -> list[str]:
    """Elements marked `hidden` that a style still draws (a stray icon with no words)."""
    return list(
        page.evaluate(
            """[...document.querySelectorAll('[hidden]')]
                .filter(e => e.getClientRects().length > 0)
                .map(e => e.outerHTML.slice(0, 120))"""
        )
    )


def addresses_out_of_order(page: Page) -> list[str]:
    """Web addresses in right-to-left text not laid out left to right as one unit: their last
    slash would be drawn at the wrong end ("/http://…/apply")."""
    return list(
        page.evaluate(
            """[...document.querySelectorAll('a')]
                .filter(a => /^https?:\\/\\//.test(a.textContent.trim()))
                .filter(a => getComputedStyle(a.parentElement).direction === 'rtl')
                .filter(a => {
                    const style = getComputedStyle(a);
                    return style.direction !== 'ltr' || style.unicodeBidi !== 'isolate';
                })
                .map(a => a.textContent.trim())"""
        )
    )


def header_share(page: Page) -> float:
    """How much of the first screen the header bar takes."""
    return float(
        page.evaluate(
            "document.querySelector('header').getBoundingClientRect().height / innerHeight"
        )
    )
