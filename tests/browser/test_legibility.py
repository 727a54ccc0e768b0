"""What a reader's eyes get, measured in Chromium: a line of 60 to 75
characters, the publication's fonts, quotations set as quotations, headings at full
contrast and weight, secondary text at 14 px or more, and the deal table
legible on a 320 px phone without sideways scrolling."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ARTICLES = ["articles/openai-nvidia/", "en/articles/openai-nvidia/"]
SIDE_BY_SIDE = ["bilingue/openai-nvidia/", "en/bilingue/openai-nvidia/"]


@contextmanager
def opened(browser, **context_options) -> Iterator:
    """A page in a context of its own, closed afterwards."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    try:
        yield page
    finally:
        page.close()
        context.close()


@pytest.fixture
def small_phone(browser):
    with opened(browser, viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True) as page:
        yield page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ARTICLES)
def test_the_headline_is_bold_and_at_full_contrast(browser, base_url, path, scheme) -> None:
    with opened(browser, viewport={"width": 1440, "height": 900}, color_scheme=scheme) as page:
        page.goto(base_url + path)
        style = page.locator("article h1").evaluate("e => { const c = getComputedStyle(e); return [c.fontWeight, c.color]; }")
        body = page.locator("article p").first.evaluate("e => getComputedStyle(e).color")
        assert int(style[0]) >= 600
        # The headline's colour is the text's, not the theme's faded grey.
        assert style[1] == body


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


# Characters on each full line of the article's paragraphs (a paragraph's
# last line is short by nature and left out), read from the layout.
CHARACTERS_PER_LINE = """() => {
  const counts = [];
  for (const paragraph of document.querySelectorAll('.md-content__inner > p')) {
    paragraph.style.contentVisibility = 'visible';
    const lines = new Map();
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (box) lines.set(Math.round(box.top), (lines.get(Math.round(box.top)) || 0) + 1);
      }
    }
    counts.push(...[...lines.values()].slice(0, -1));
  }
  return counts.sort((a, b) => a - b);
}"""


@pytest.mark.parametrize("width", [1024, 1440, 1920])
@pytest.mark.parametrize("path", ARTICLES + ["about/", "en/about/"])
def test_a_desktop_line_holds_60_to_75_characters(browser, base_url, path, width) -> None:
    with opened(browser, viewport={"width": width, "height": 900}) as page:
        page.goto(base_url + path)
        counts = page.evaluate(CHARACTERS_PER_LINE)
        assert len(counts) >= 20
        median = counts[len(counts) // 2]
        assert 60 <= median <= 75, (median, counts)
        assert counts[-1] <= 80, counts


@pytest.mark.parametrize("path", ARTICLES)
def test_the_publication_fonts_apply(page, base_url, path) -> None:
    page.goto(base_url + path)
    families = page.evaluate("""() => Object.fromEntries(
        [['text', 'article > p'], ['header', '.md-header__topic'], ['byline', '.article-byline'], ['table', '.deal-table td']]
        .map(([name, selector]) => [name, getComputedStyle(document.querySelector(selector)).fontFamily.split(',')[0].trim()]))""")
    # The text in the serif stack of publication.css, the furniture in its
    # sans stack: not Material's own stack (which starts with "_").
    assert families == {"text": "Charter", "header": "system-ui", "byline": "system-ui", "table": "system-ui"}


QUOTATION_MARKS = {"articles/openai-nvidia/": ("«", "»"), "en/articles/openai-nvidia/": ("“", "”")}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ARTICLES)
def test_a_quotation_is_left_aligned_at_full_contrast_with_its_marks_and_source(browser, base_url, path, scheme) -> None:
    with opened(browser, viewport={"width": 390, "height": 844}, color_scheme=scheme) as page:
        page.goto(base_url + path)
        quotation = page.locator("figure.quotation").first
        quotation.scroll_into_view_if_needed()
        quote = quotation.locator("blockquote p").first
        style = quote.evaluate("e => { const c = getComputedStyle(e); return [c.textAlign, c.color]; }")
        text_colour = page.locator("article > p").first.evaluate("e => getComputedStyle(e).color")
        assert style[0] in ("left", "start")
        assert style[1] == text_colour
        opening, closing = QUOTATION_MARKS[path]
        # Its text as written: inner_text() reads "" while the browser has
        # not yet rendered a block that content-visibility kept back.
        words = " ".join(quote.text_content().split())
        assert words.startswith(opening) and words.endswith(closing), words
        # Who said it, and where: the speaker and a link to the source.
        caption = quotation.locator("figcaption")
        assert caption.locator(".quotation__speaker").inner_text()
        assert caption.locator("a[href^='https://']").count() >= 1


# Each word of the element's text: how many line boxes it takes.
WORDS_SPLIT = """(element) => {
  const split = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) split.push(match[0]);
    }
  }
  return split;
}"""


@pytest.mark.parametrize("width", [390, 1024, 1440])
@pytest.mark.parametrize("path", ["", "en/", "themes/semiconducteurs/", "en/themes/semiconducteurs/"])
def test_no_headline_of_a_list_breaks_inside_a_word(browser, base_url, path, width) -> None:
    with opened(browser, viewport={"width": width, "height": 900}) as page:
        page.goto(base_url + path)
        titles = page.locator(".article-card__title")
        assert titles.count() >= 1
        for i in range(titles.count()):
            assert titles.nth(i).evaluate(WORDS_SPLIT) == []
