"""What a reader's eyes get, measured in Chromium: headings at full
contrast and weight, secondary text at 14 px or more, and the deal table
legible on a 320 px phone without sideways scrolling."""
from __future__ import annotations

import pytest

ARTICLES = ["articles/openai-nvidia/", "en/articles/openai-nvidia/"]
SIDE_BY_SIDE = ["bilingue/openai-nvidia/", "en/bilingue/openai-nvidia/"]


@pytest.fixture
def small_phone(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True)
    page = context.new_page()
    yield page
    page.close()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ARTICLES)
def test_the_headline_is_bold_and_at_full_contrast(browser, base_url, path, scheme) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(base_url + path)
        style = page.locator("article h1").evaluate("e => { const c = getComputedStyle(e); return [c.fontWeight, c.color]; }")
        body = page.locator("article p").first.evaluate("e => getComputedStyle(e).color")
        assert int(style[0]) >= 600
        # The headline's colour is the text's, not the theme's faded grey.
        assert style[1] == body
    finally:
        page.close()
        context.close()


@pytest.mark.parametrize("path", ARTICLES)
@pytest.mark.parametrize("selector", [".admonition p", ".deal-table caption", ".deal-table th", ".deal-table td"])
def test_secondary_text_is_at_least_14_px(small_phone, base_url, path, selector) -> None:
    small_phone.goto(base_url + path)
    element = small_phone.locator(f"article {selector}").first
    size = element.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 14, f"{selector}: {size} px"


@pytest.mark.parametrize("path", ARTICLES + SIDE_BY_SIDE)
def test_nothing_scrolls_sideways_at_320_px(small_phone, base_url, path) -> None:
    small_phone.goto(base_url + path)
    assert small_phone.evaluate("document.documentElement.scrollWidth") <= 320
    table = small_phone.locator(".deal-table").first.bounding_box()
    assert table is not None and table["x"] >= 0 and table["x"] + table["width"] <= 320
    # Stacked: each label above its details, not beside them.
    label = small_phone.locator(".deal-table tbody th").first.bounding_box()
    details = small_phone.locator(".deal-table tbody td").first.bounding_box()
    assert label and details and details["y"] >= label["y"] + label["height"] - 1
