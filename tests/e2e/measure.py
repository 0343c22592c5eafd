"""Measurements taken inside the browser, as a person's eyes and fingers meet the page."""

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

TARGETS_JS = """
() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
  .filter((el) => el.offsetParent !== null && !el.closest('.skip-link') && !el.classList.contains('skip-link'))
  .map((el) => { const r = el.getBoundingClientRect();
    return {text: (el.innerText || el.value || el.name || '').trim().slice(0, 40),
            width: r.width, height: r.height,
            main: el.classList.contains('button--primary')}; })
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


def small_targets(page: Page) -> list[dict[str, object]]:
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
