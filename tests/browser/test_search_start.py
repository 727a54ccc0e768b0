"""The search as it starts on a freshly loaded page, in real Chromium.

The tap on the magnifier starts the search worker at once, the page fetches
the engine's first files for it, and the worker's first pages for what is
typed are shown before Material's bundle runs (overrides/main.html,
assets/javascripts/search-worker.js, search-preview.js). These tests hold
Material's bundle back, so what they see is that early path and nothing
else, then let it through and check that Material takes over.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

BUNDLE = "**/assets/javascripts/bundle.*.min.js"
ENGINE_FILES = re.compile(r"/pagefind/(pagefind\.js|pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|wasm\.[^/]+\.pagefind)")
CASES = [
    pytest.param("", "articles/openai-nvidia/", "dépendance", "fr", id="fr"),
    pytest.param("en/", "en/articles/openai-nvidia/", "dependence", "en", id="en"),
]


def _hold_bundle(page) -> dict:
    # Held until released; asked for again after, it goes straight through.
    held: dict = {"routes": [], "released": False}

    def hold(route) -> None:
        if held["released"]:
            route.continue_()
        else:
            held["routes"].append(route)

    page.context.route(BUNDLE, hold)
    return held


def _release(page, held: dict) -> None:
    held["released"] = True
    for route in held["routes"]:
        route.continue_()
    held["routes"].clear()


@pytest.mark.parametrize("root, article, query, language", CASES)
def test_results_show_before_materials_bundle_runs_and_material_takes_over(
    phone, base_url, watch, root, article, query, language
) -> None:
    held = _hold_bundle(phone)
    try:
        phone.goto(base_url + article)
        phone.locator("label.md-header__button[for='__search']").tap()
        phone.locator("input.md-search__input").press_sequentially(query, delay=50)
        phone.wait_for_selector(".md-search-result__item")
        assert phone.evaluate("() => window.__md_ready") is None  # Material has not run
        early = phone.evaluate(
            """() => [...document.querySelectorAll('.md-search-result__item a')].map(link => ({
                 href: link.href, title: link.querySelector('h1').textContent,
                 marked: [...link.querySelectorAll('mark')].map(mark => mark.textContent.toLowerCase()),
               }))"""
        )
        meta = phone.locator(".md-search-result__meta").inner_text()
        # The dialog and its results fit the screen (Material's circle behind
        # the dialog made the page three screens wide before its bundle ran).
        assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    finally:
        _release(phone, held)
    assert early, "no early result"
    assert re.match(r"^\d+ ", meta), meta
    for result in early:
        path = urlsplit(result["href"]).path.lstrip("/")
        # In the page's language only, a page that exists, with the words to highlight.
        assert path.startswith("en/") == (language == "en"), result
        assert result["title"].strip(), result
        assert parse_qs(urlsplit(result["href"]).query).get("h") == [query], result
        assert phone.request.get(result["href"]).ok, result
    assert any(query.lower() in word or word in query.lower() for result in early for word in result["marked"])
    assert base_url + article in [result["href"].split("?")[0] for result in early]
    # Material's own results replace the early ones (its articles carry a score).
    phone.wait_for_selector(".md-search-result__article[data-md-score]")
    watch.assert_clean()


def test_the_engines_files_are_fetched_once(phone, base_url, watch) -> None:
    # The page fetches them for the worker; the worker must not fetch them again.
    asked: list[str] = []
    phone.context.on("request", lambda request: ENGINE_FILES.search(request.url) and asked.append(request.url))
    phone.goto(base_url + "articles/openai-nvidia/")
    phone.locator("label.md-header__button[for='__search']").tap()
    phone.locator("input.md-search__input").press_sequentially("calcul", delay=50)
    phone.wait_for_selector(".md-search-result__article[data-md-score]")
    names = sorted(urlsplit(url).path.rsplit("/", 1)[1] for url in asked)
    assert len(names) == 4 and len(set(names)) == 4, names
    watch.assert_clean()


def test_the_search_works_when_the_page_cannot_fetch_the_engines_files(phone, base_url) -> None:
    # The page's fetch of the WebAssembly fails: the worker fetches it itself.
    phone.context.route("**/pagefind/wasm.*.pagefind", lambda route: route.abort(), times=1)
    phone.goto(base_url + "articles/openai-nvidia/")
    phone.locator("label.md-header__button[for='__search']").tap()
    phone.locator("input.md-search__input").press_sequentially("dépendance", delay=50)
    phone.wait_for_selector(".md-search-result__item")
    hrefs = phone.eval_on_selector_all(".md-search-result__item a", "links => links.map(link => link.href)")
    assert base_url + "articles/openai-nvidia/" in [href.split("?")[0] for href in hrefs]


def test_a_search_asked_for_by_a_key_opens_at_once(page, base_url, watch) -> None:
    # "/" opens the search only with Material: its bundle does not wait for a preview.
    page.goto(base_url + "articles/openai-nvidia/")
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("Nvidia")
    page.wait_for_selector(".md-search-result__article[data-md-score]")
    watch.assert_clean()
