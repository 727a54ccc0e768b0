"""The search as a reader uses it, in real Chromium: the query set of issue 13.

Each query is typed into Material's search box on a page of one language,
and the page it must find has to be among the first three results of that
language. The queries cover the classes of the issue, not only its examples:
French elisions (typographic and straight apostrophes, every elided word),
accents left out, plurals and inflections, either part of a hyphenated word,
figures, English stemming and possessives, results in the page's language
only, pages that are never results, and the offer of the other language's
results, legible in both palettes at phone and desktop widths.
"""
from __future__ import annotations

import json
import re
import time
from urllib.parse import urljoin
from urllib.request import urlopen

import pytest

from material_search import ANSWERED, PROMPT, READY

FR_ARTICLE = "articles/openai-nvidia/"
EN_ARTICLE = "en/articles/openai-nvidia/"
FR_GLOSSARY = "glossary/"
EN_GLOSSARY = "en/glossary/"

# Material's prompt once the engine is ready ("search.result.placeholder"),
# and before ("search.result.initializer"), in English and French.


def results(page, query: str) -> list[dict]:
    """Search for `query` as typed; the results as listed: one per page, each
    with its location (relative to the site), its title and its marked words.

    The query is entered whole and one key released (Material searches on
    every keyup), after the box was emptied and the engine's answer to the
    empty box came back, so the list read afterwards answers this query and
    no shorter or earlier one."""
    box = page.locator("input.md-search__input")
    if page.viewport_size["width"] < 960:
        # On a phone the box opens from the header's magnifier.
        page.locator("label.md-header__button[for='__search']").click()
        box.focus()
    else:
        box.click()
    box.fill("")
    box.press("End")
    page.wait_for_function(f"() => {READY}.test(document.querySelector('.md-search-result__meta').textContent)")
    box.fill(query)
    box.press("End")
    page.wait_for_function(f"() => ({ANSWERED})({PROMPT})")
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item')].map(item => {
             const link = item.querySelector('a');
             const url = new URL(link.href);
             return {
               path: url.pathname.replace(/^\\//, '') + url.hash,
               title: item.querySelector('h1').textContent,
               marked: [...item.querySelectorAll('mark')].map(mark => mark.textContent),
             };
           })"""
    )


def first_three(page, query: str) -> list[str]:
    return [result["path"].split("#")[0] for result in results(page, query)[:3]]


# (query, page it must find). Typed on the French article.
FRENCH = [
    # Elisions, typographic apostrophe in the text: l’ d’ qu’ n’ s’ c’ jusqu’
    ("économie", FR_ARTICLE),  # "l’économie"
    ("Achille", FR_ARTICLE),  # "le talon d’Achille"
    ("entraînement", FR_ARTICLE),  # "L’entraînement des futurs modèles"
    ("alarme", FR_ARTICLE),  # "la sonnette d’alarme"
    ("aveu", FR_ARTICLE),  # "L’aveu par OpenAI"
    ("allient", FR_ARTICLE),  # "s’allient"
    ("ampleur", FR_ARTICLE),  # "l’ampleur du deal"
    # Elisions typed by the reader, with either apostrophe
    ("l’économie", FR_ARTICLE),
    ("l'économie", FR_ARTICLE),
    ("d'Achille", FR_ARTICLE),
    ("jusqu’à 100 milliards", FR_ARTICLE),
    ("L'AGI", FR_ARTICLE),
    # Accents optional
    ("dependance", FR_ARTICLE),
    ("economie", FR_ARTICLE),
    ("entrainement", FR_ARTICLE),
    ("strategique", FR_ARTICLE),
    # Plurals and inflections
    ("investissements", FR_ARTICLE),  # the text has "l’investissement"
    ("puce", FR_ARTICLE),  # "puces"
    ("risque", FR_ARTICLE),  # "risques"
    ("injecter", FR_ARTICLE),  # "Nvidia injecte"
    # Either part of a hyphenated word
    ("attaque", FR_ARTICLE),  # "contre-attaque"
    ("monopole", FR_ARTICLE),  # "quasi-monopole"
    ("GPT", FR_ARTICLE),  # "GPT-4"
    # Figures
    ("100 milliards", FR_ARTICLE),
    ("10 gigawatts", FR_ARTICLE),
    ("10 GW", FR_GLOSSARY),
    # Other pages of the language
    ("superintelligence", FR_GLOSSARY),
    ("écran étroit", "bilingue/openai-nvidia/"),  # its introduction
]

# Typed on the English article.
ENGLISH = [
    # Stemming
    ("investments", EN_ARTICLE),
    ("investing", EN_ARTICLE),
    ("chip", EN_ARTICLE),
    ("risks", EN_ARTICLE),
    # Possessives, either apostrophe
    ("Nvidia’s", EN_ARTICLE),
    ("Nvidia's", EN_ARTICLE),
    ("OpenAI’s", EN_ARTICLE),
    # Hyphenated words
    ("monopoly", EN_ARTICLE),  # "near-monopoly"
    ("house", EN_ARTICLE),  # "in-house"
    # Figures
    ("100 billion", EN_ARTICLE),
    ("10 GW", EN_GLOSSARY),
    ("superintelligence", EN_GLOSSARY),
]


@pytest.mark.parametrize("query, expected", FRENCH, ids=[query for query, _ in FRENCH])
def test_french_query_finds_the_page(page, base_url, watch, query, expected) -> None:
    page.goto(base_url + FR_ARTICLE)
    found = first_three(page, query)
    assert expected in found, f"{query!r}: {found}"
    watch.assert_clean()


@pytest.mark.parametrize("query, expected", ENGLISH, ids=[query for query, _ in ENGLISH])
def test_english_query_finds_the_page(page, base_url, watch, query, expected) -> None:
    page.goto(base_url + EN_ARTICLE)
    found = first_three(page, query)
    assert expected in found, f"{query!r}: {found}"
    watch.assert_clean()


@pytest.mark.parametrize(
    "prefix, query",
    [("", "computing"), ("", "boilerplate"), ("en/", "calcul"), ("en/", "quincaillerie")],
)
def test_results_are_only_in_the_pages_language(page, base_url, watch, prefix, query) -> None:
    page.goto(base_url + prefix + "articles/openai-nvidia/")
    assert results(page, query) == []
    for result in results(page, "Nvidia"):
        assert result["path"].startswith("en/") == (prefix == "en/"), result
    watch.assert_clean()


@pytest.mark.parametrize(
    "prefix, query, never",
    [
        ("", "empreinte", "translations/"),  # the status page: "l’empreinte du texte français"
        ("en/", "fingerprint", "en/translations/"),
        ("", "introuvable", "404.html"),  # the 404 page's title and text
        ("en/", "typo", "en/404.html"),
    ],
)
def test_pages_that_are_not_for_readers_are_never_results(page, base_url, watch, prefix, query, never) -> None:
    page.goto(base_url + prefix + "articles/openai-nvidia/")
    assert never not in [result["path"].split("#")[0] for result in results(page, query)]
    watch.assert_clean()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_side_by_side_view_is_no_copy_of_the_article(page, base_url, watch, prefix) -> None:
    page.goto(base_url + prefix + "articles/openai-nvidia/")
    query = {"": "pacte Nvidia", "en/": "pact Nvidia"}[prefix]
    found = [result["path"].split("#")[0] for result in results(page, query)]
    assert found.count(prefix + "articles/openai-nvidia/") == 1, found
    assert prefix + "bilingue/openai-nvidia/" not in found, found
    # It is found by its own words, under its full title.
    own_words = {"": "écran étroit", "en/": "narrow screen"}[prefix]
    listed = [result for result in results(page, own_words) if result["path"] == prefix + "bilingue/openai-nvidia/"]
    assert [result["title"] for result in listed] == [
        {"": "Côte à côte — OpenAI et Nvidia : le pacte à 100 milliards de dollars pour l’AGI",
         "en/": "Side by side — OpenAI and Nvidia: the $100 billion pact for AGI"}[prefix]
    ]
    watch.assert_clean()


def test_a_result_shows_the_page_title_and_the_section_with_the_words_marked(page, base_url, watch) -> None:
    page.goto(base_url + FR_ARTICLE)
    first = results(page, "dependance")[0]
    assert first["title"] == "OpenAI et Nvidia : le pacte à 100 milliards de dollars pour l’AGI"
    item = page.locator(".md-search-result__item").first
    sections = item.locator("article h2").all_inner_texts()
    assert "La dépendance, une arme à double tranchant" in sections
    assert [mark.lower() for mark in first["marked"]].count("dépendance") >= 1
    # The elided words keep their typographic apostrophe in what is shown.
    assert "'" not in item.inner_text()
    section_link = item.locator("a", has=page.locator("h2", has_text="La dépendance")).first
    assert section_link.get_attribute("href").split("?")[0].endswith(FR_ARTICLE + "#dependance") or "#dependance" in (
        section_link.get_attribute("href")
    )
    watch.assert_clean()


def test_search_works_with_the_keyboard_alone(page, base_url, watch) -> None:
    page.goto(base_url + EN_ARTICLE)
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("superintelligence")
    # Material's list (its articles carry a score), not the early results
    # shown before its keyboard handling runs.
    page.wait_for_selector(".md-search-result__article[data-md-score]")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.closest('.md-search-result__item') !== null")
    assert focused
    target = page.evaluate("() => document.activeElement.closest('a[href]').href")
    assert target.startswith(base_url + "en/") and "h=superintelligence" in target
    page.keyboard.press("Enter")
    # The result's own address: a pattern the current page also matched
    # returned at once, and the page was closed mid-navigation (which hangs
    # Chromium's page close).
    page.wait_for_url(target)
    watch.assert_clean()


def _contrast(page, selector: str) -> float:
    """WCAG contrast between an element's text and the background behind it."""
    return page.evaluate(
        """(selector) => {
             const element = document.querySelector(selector);
             const rgb = (value) => value.match(/[\\d.]+/g).slice(0, 4).map(Number);
             let background = null;
             for (let node = element; node; node = node.parentElement) {
               const colour = rgb(getComputedStyle(node).backgroundColor);
               if (colour.length < 4 || colour[3] > 0.99) { background = colour; break; }
             }
             background = background || [255, 255, 255];
             const luminance = ([r, g, b]) => {
               const linear = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
               return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
             };
             const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background)];
             return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
           }""",
        selector,
    )


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "prefix, query, message, found",
    [
        ("en/", "quincaillerie", "No English results; 1 in the French original", FR_ARTICLE),
        ("", "boilerplate", "Aucun résultat en français ; 1 dans la traduction anglaise", EN_ARTICLE),
    ],
    ids=["en page", "fr page"],
)
def test_the_other_languages_results_are_offered_legibly(
    browser, base_url, watch, prefix, query, message, found, scheme, width
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800}, has_touch=width < 600)
    page = context.new_page()
    page.on("pageerror", lambda error: watch.console_errors.append(str(error)))
    page.goto(base_url + prefix + "articles/openai-nvidia/")
    assert results(page, query) == []
    offer = page.locator(".search-fallback:not([hidden])")
    offer.wait_for()
    assert offer.get_attribute("aria-live") == "polite"  # announced by screen readers
    assert offer.locator(".search-fallback__message").inner_text() == message
    link = offer.locator("a").first
    assert _contrast(page, ".search-fallback:not([hidden]) .search-fallback__message") >= 4.5
    assert _contrast(page, ".search-fallback:not([hidden]) a") >= 4.5
    assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
    box = offer.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    link.click()
    page.wait_for_url(re.compile(re.escape(base_url + found) + "(#.*)?$"))
    context.close()
    watch.assert_clean()


def test_search_keeps_working_offline_once_loaded(page, base_url, watch) -> None:
    # The chunks the worker fetches ahead, as its stub lists them.
    stub = json.loads(urlopen(base_url + "search/search_index.json").read())["config"]
    listed = {urljoin(base_url, stub["pagefind"] + chunk) for chunk in stub["chunks"]}
    fetched: set[str] = set()
    page.on("requestfinished", lambda request: fetched.add(request.url))
    page.goto(base_url + FR_ARTICLE)
    assert FR_ARTICLE in first_three(page, "économie")
    # Loaded means fetched ahead: the reader who goes offline a moment after
    # the first result may still be waiting for the rest.
    deadline = time.monotonic() + 30
    while not listed <= fetched and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert listed <= fetched, sorted(listed - fetched)
    page.context.set_offline(True)
    assert FR_ARTICLE in first_three(page, "dépendance")
    page.context.set_offline(False)
