"""A first-time visitor on a phone or a desktop: language, text size, contrast, targets."""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import save_screenshot
from tests.e2e.measure import (
    body_font_px,
    line_height_ratio,
    scrolls_sideways,
    small_targets,
    text_contrasts,
)
from tests.e2e.steps import visitor_opens_display_settings


def visitor_switches_to_uyghur(page: Page) -> None:
    page.get_by_role("link", name="ئۇيغۇرچە").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def visitor_chooses_text_size(page: Page, label: str) -> None:
    visitor_opens_display_settings(page)
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def test_home_page_in_chinese_is_large_print(page: Page) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("长期护理保险")
    assert body_font_px(page) >= 18
    assert line_height_ratio(page) >= 1.5
    assert min(text_contrasts(page)) >= 7
    assert small_targets(page) == []
    save_screenshot(page, "home")


def test_uyghur_is_right_to_left_and_remembered(page: Page) -> None:
    page.goto("/")
    visitor_switches_to_uyghur(page)
    expect(page.locator("html")).to_have_attribute("lang", "ug")
    expect(page.get_by_role("heading", level=1)).to_have_text("ئۇزۇن مۇددەتلىك پەرۋىش سۇغۇرتىسى")
    # Mirrored: the brand starts at the right-hand edge of the header in a right-to-left page.
    brand = page.locator(".site-header__brand").bounding_box()
    assert brand is not None
    assert brand["x"] + brand["width"] >= page.viewport_size["width"] - 24
    # Loaded (preloaded, so soon after the page; a busy machine may take a moment).
    page.wait_for_function("document.fonts.check('18px \"Changhu Uyghur\"', 'ئۇيغۇر')")
    assert body_font_px(page) >= 18
    assert min(text_contrasts(page)) >= 7
    assert small_targets(page) == []
    save_screenshot(page, "home")
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_largest_text_size_is_at_least_30px_and_remembered(page: Page) -> None:
    page.goto("/")
    visitor_chooses_text_size(page, "最大")
    assert body_font_px(page) >= 30
    page.reload()
    assert body_font_px(page) >= 30
    expect(page.locator("button[name=size][value='4']")).to_have_attribute("aria-pressed", "true")
    assert small_targets(page) == []
    save_screenshot(page, "home-largest-text")
    visitor_chooses_text_size(page, "标准")
    assert 18 <= body_font_px(page) < 19


def test_there_are_at_least_three_growing_text_sizes(page: Page) -> None:
    page.goto("/")
    sizes = []
    for label in ("标准", "大", "更大", "最大"):
        visitor_chooses_text_size(page, label)
        sizes.append(body_font_px(page))
    assert sizes == sorted(sizes) and len(set(sizes)) == 4


def test_high_contrast_theme_is_remembered(page: Page) -> None:
    page.goto("/")
    visitor_opens_display_settings(page)
    page.get_by_role("button", name="高对比度").click()
    # The form reloads the page; reloading again before it is back would race it.
    expect(page.locator("html")).to_have_class("text-size-1 theme-contrast")
    page.reload()
    expect(page.locator("html")).to_have_class("text-size-1 theme-contrast")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"
    assert min(text_contrasts(page)) >= 7
    save_screenshot(page, "home-high-contrast")


def test_uyghur_at_largest_size_fits_a_320px_phone(page: Page) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    visitor_switches_to_uyghur(page)
    visitor_opens_display_settings(page)
    page.locator("button[name=size][value='4']").click()
    page.wait_for_load_state()
    assert not scrolls_sideways(page)
    save_screenshot(page, "home-largest-text")


def test_settings_work_without_javascript(browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    visitor_chooses_text_size(page, "更大")
    expect(page.locator("html")).to_have_class("text-size-3 theme-standard")
    page.get_by_role("link", name="ئۇيغۇرچە").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    context.close()
