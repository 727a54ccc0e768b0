"""What a reader does, in real Chromium: switch language, search, read a
glossary tooltip, change the palette, open the menu on a phone, print."""
from __future__ import annotations

import re

import pytest

from material_search import ANSWERED, PROMPT, READY
from sitebuild import LANGUAGES, PAGES

ARTICLE = "articles/openai-nvidia/"


def test_switching_language_keeps_the_page(page, base_url, watch) -> None:
    page.goto(base_url + ARTICLE)
    # The other language by its name, as a visible link: no menu to open.
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url(base_url + "en/" + ARTICLE)
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Français", exact=True).click()
    page.wait_for_url(base_url + ARTICLE)
    watch.assert_clean()


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", ["", ARTICLE, "bilingue/openai-nvidia/", "glossary/", "themes/semiconducteurs/", "about/", "404.html"])
def test_the_switcher_fits_a_small_phone_with_a_tap_target_of_24_px(browser, base_url, prefix, path) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(base_url + prefix + path)
        link = page.locator("nav.language-switch a.language-switch__link")
        assert link.count() == 1 and link.is_visible()
        box = link.bounding_box()
        assert box is not None and box["height"] >= 24 and box["width"] >= 24
        assert box["x"] + box["width"] <= 320
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        # The current language is not shown on a phone, but still announced.
        current = page.locator('nav.language-switch [aria-current="true"]')
        assert current.count() == 1 and current.evaluate("e => e.closest('li').getBoundingClientRect().width") <= 1
    finally:
        page.close()
        context.close()




def search(page, query: str) -> tuple[str, list[str]]:
    """Search for `query`; the result summary and result links.

    The whole query is entered at once and then one key is released, because
    Material searches on every keyup: typing letter by letter would search
    for "c", "co", ... and a result of a shorter query could be read as the
    answer. The box is emptied first and the summary has to go back to its
    prompt (Material ready), so the summary read afterwards can only be this
    query's."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")
    page.wait_for_function(f"() => {READY}.test(document.querySelector('.md-search-result__meta').textContent)")
    box.fill(query)
    box.press("End")
    page.wait_for_function(f"() => ({ANSWERED})({PROMPT})")
    links = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    return page.locator(".md-search-result__meta").inner_text(), links


@pytest.mark.parametrize(
    "prefix, query, other_language_word",
    [("en/", "computing", "calcul"), ("", "calcul", "computing")],
    ids=["english", "french"],
)
def test_search_returns_only_the_pages_language(page, base_url, watch, prefix, query, other_language_word) -> None:
    page.goto(base_url + prefix + ARTICLE)
    summary, links = search(page, query)
    assert links, summary
    for link in links:
        path = link.removeprefix(base_url)
        assert path.startswith("en/") == (prefix == "en/"), link
    summary, links = search(page, other_language_word)
    assert links == [], f"{other_language_word!r} found pages in the other language: {links}"
    watch.assert_clean()


def tooltip_text(page) -> str:
    page.wait_for_selector(".md-tooltip2--active")
    return page.locator(".md-tooltip2--active").inner_text()


@pytest.mark.parametrize("prefix", LANGUAGES.values(), ids=LANGUAGES.keys())
def test_glossary_tooltip_on_hover_and_keyboard_focus(page, base_url, watch, prefix) -> None:
    page.goto(base_url + prefix + ARTICLE)
    term = page.locator('a.glossary-term[href$="#agi"]')
    expected = term.get_attribute("title") or page.evaluate(
        "(el) => document.getElementById(el.getAttribute('aria-describedby'))?.textContent", term.element_handle()
    )
    term.hover()
    assert tooltip_text(page).strip() == expected.strip()
    page.mouse.move(0, 0)
    # Keyboard: focus the term as Tab would, and the tooltip shows and is announced.
    page.keyboard.press("Escape")
    term.focus()
    assert tooltip_text(page).strip() == expected.strip()
    described = term.get_attribute("aria-describedby")
    assert described and page.locator(f"#{described}").inner_text().strip() == expected.strip()
    watch.assert_clean()


def test_palette_toggle_switches_and_is_remembered(page, base_url, watch) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(base_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("form[data-md-component=palette] label:visible").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.goto(base_url + "en/" + ARTICLE)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    watch.assert_clean()


def test_first_visit_follows_the_system_preference(browser, base_url) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + "en/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    context.close()


def test_mobile_navigation_drawer(phone, base_url, watch) -> None:
    phone.goto(base_url + "en/")
    link = phone.locator('.md-sidebar--primary a.md-nav__link[href$="glossary/"]').first
    on_screen = "el => { const r = el.getBoundingClientRect(); return r.right > 0 && r.left < innerWidth; }"
    assert not link.evaluate(on_screen), "the drawer starts closed, off screen"
    phone.locator('label.md-header__button[for="__drawer"]').tap()
    phone.wait_for_function(f"el => ({on_screen})(el)", arg=link.element_handle())
    link.tap()
    phone.wait_for_url(re.compile(r"/en/glossary/$"))
    watch.assert_clean()


def test_print_hides_navigation(page, base_url, watch) -> None:
    page.goto(base_url + ARTICLE)
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".reading-modes"]:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible()
    # Tables and callouts are not split across pages.
    assert page.locator(".deal-table table").evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    assert page.locator(".admonition").first.evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    watch.assert_clean()


def test_print_shows_link_targets(page, base_url) -> None:
    page.goto(base_url + "en/")
    page.emulate_media(media="print")
    link = page.locator('article p a[href$="glossary/"]').first
    after = link.evaluate("el => getComputedStyle(el, '::after').content")
    assert after == '" (glossary/)"'
    page.emulate_media(media="screen")
    assert link.evaluate("el => getComputedStyle(el, '::after').content") == "none"


@pytest.mark.parametrize("url", [prefix + page for prefix in LANGUAGES.values() for page in PAGES] + ["404.html", "en/404.html"])
def test_no_console_error_and_nothing_from_another_origin(page, base_url, watch, url) -> None:
    page.goto(base_url + url)
    page.wait_for_load_state("networkidle")
    watch.assert_clean()


def test_side_by_side_in_two_columns_on_a_wide_screen(page, base_url, watch) -> None:
    page.goto(base_url + "bilingue/openai-nvidia/")
    french = page.locator('#deal-du-siecle > .parallel__cell[lang="fr"]').bounding_box()
    english = page.locator('#deal-du-siecle > .parallel__cell[lang="en"]').bounding_box()
    assert abs(french["y"] - english["y"]) < 2 and english["x"] >= french["x"] + french["width"]
    watch.assert_clean()


def test_side_by_side_interleaved_on_a_phone(phone, base_url, watch) -> None:
    phone.goto(base_url + "en/bilingue/openai-nvidia/")
    french = phone.locator('#deal-du-siecle > .parallel__cell[lang="fr"]').bounding_box()
    english = phone.locator('#deal-du-siecle > .parallel__cell[lang="en"]').bounding_box()
    next_french = phone.locator('#partenaire-strategique > .parallel__cell[lang="fr"]').bounding_box()
    assert abs(french["x"] - english["x"]) < 2
    assert french["y"] + french["height"] <= english["y"] + 1
    assert english["y"] + english["height"] <= next_french["y"] + 1
    watch.assert_clean()


@pytest.mark.parametrize(
    "prefix, query, message, found_prefix",
    [
        ("en/", "quincaillerie", "No English results; 1 in the French original", ""),
        ("", "boilerplate", "Aucun résultat en français ; 1 dans la traduction anglaise", "en/"),
    ],
    ids=["english page, French word", "French page, English word"],
)
def test_search_offers_the_other_language_when_this_one_has_nothing(page, base_url, watch, prefix, query, message, found_prefix) -> None:
    page.goto(base_url + prefix + ARTICLE)
    _summary, links = search(page, query)
    assert links == []
    offer = page.locator(".search-fallback:not([hidden])")
    offer.wait_for()
    assert offer.locator(".search-fallback__message").inner_text() == message
    href = offer.locator("a").first.get_attribute("href")
    assert page.evaluate("(href) => new URL(href, location.href).pathname", href) == "/" + found_prefix + ARTICLE
    offer.locator("a").first.click()
    page.wait_for_url(re.compile(re.escape(base_url + found_prefix + ARTICLE) + "(#.*)?$"))
    assert page.locator("html").get_attribute("lang") == (found_prefix.rstrip("/") or "fr")
    watch.assert_clean()
