"""The search as it starts on a freshly loaded page, in real Chromium.

The tap on the magnifier starts the search worker at once, the page fetches
the engine's first files for it, and the worker's first pages for what is
typed are shown before Material's bundle runs (overrides/main.html,
assets/javascripts/search-worker.js, search-preview.js). These tests hold
Material's bundle back, so what they see is that early path and nothing
else, then let it through and check that Material takes over.

A contributor's title or sentence may hold what looks like markup (an
article about HTML, a careless paste, an attack): the early results and
Material's list both get titles and excerpts from the worker as HTML, so
the last test builds a copy whose article holds script-like words and
checks that both show them as text.
"""
from __future__ import annotations

import functools
import html
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from sitebuild import build, copy_project

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


SHOWN = """() => {
  const item = document.querySelector('.md-search-result__item');
  const box = item && item.getBoundingClientRect();
  if (!box || !box.width) return false;
  const output = getComputedStyle(document.querySelector('.md-search__output'));
  const at = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return output.opacity === '1' && output.visibility !== 'hidden' && item.contains(at);
}"""


def test_on_a_desktop_the_early_results_open_the_search_from_its_field(page, base_url, watch) -> None:
    # No toggle is tapped on a desktop: Material opens the search when its
    # field gets focus, and before Material the early results must do it.
    held = _hold_bundle(page)
    try:
        page.goto(base_url + "articles/openai-nvidia/")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("dépendance", delay=50)
        page.wait_for_selector(".md-search-result__item")
        assert page.evaluate("() => window.__md_ready") is None
        # Seen: Material hides a closed search with opacity, which Playwright's
        # visibility ignores; what is at the result's place is the result.
        page.wait_for_function(SHOWN, timeout=5000)
    finally:
        _release(page, held)
    page.wait_for_selector(".md-search-result__article[data-md-score]")
    assert page.evaluate(SHOWN)
    watch.assert_clean()


def test_before_material_enter_opens_the_first_result_and_escape_closes(page, base_url, watch) -> None:
    # Material's keys, before Material runs: Enter would otherwise submit
    # the search form and reload the page with ?query=.
    held = _hold_bundle(page)
    try:
        page.goto(base_url + "articles/openai-nvidia/")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("dépendance", delay=50)
        page.wait_for_function(SHOWN, timeout=5000)
        assert page.evaluate("() => window.__md_ready") is None
        box.press("Escape")
        assert not page.locator("#__search").is_checked()
        box.click()
        box.press("End")
        box.press_sequentially("s", delay=50)  # "dépendances": a new preview opens the search again
        page.wait_for_function(SHOWN, timeout=5000)
        first = page.locator(".md-search-result__link").first.get_attribute("href")
        assert page.evaluate("() => window.__md_ready") is None
        box.press("Enter")
        # Committed is enough: the page it opens asks for the held bundle at
        # once (?h= in its address), which holds up its load event.
        page.wait_for_url(first, wait_until="commit")
        assert "query=" not in page.url
    finally:
        _release(page, held)
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


# Each sets window.__pwned if it ever runs as markup (no digit: a figure in
# an article must state a fact of the data).
TITLE = 'Le piège <img src=x onerror="window.__pwned=true"> & "cie"'
SENTENCE = (
    "Un exemple de piège : `<script>window.__pwned=true</script>` et "
    '&lt;img src=x onerror="window.__pwned=true"&gt; dans la zygomorphie.'
)
QUERY = "zygomorphie"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("hostile-search")
    project = copy_project(root / "project")
    article = project / "docs" / "articles" / "openai-nvidia.md"
    text = article.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    head = "\n".join("title: " + repr(TITLE) if line.startswith("title:") else line for line in head.splitlines())
    # The heading, which is the result's title, says the same as text; the
    # sentence opens the body.
    _heading, rest = body.split(" {#titre}\n\n", 1)
    body = f"\n# {html.escape(TITLE, quote=False)} {{#titre}}\n\n{SENTENCE}\n\n{rest}"
    article.write_text(f"{head}\n---\n{body}", encoding="utf-8")
    result = build(project, root / "site")
    assert result.ok, result.output
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _results(page) -> dict:
    return page.evaluate(
        """() => ({
             pwned: window.__pwned === undefined ? null : window.__pwned,
             blocked: window.__csp,
             markup: [...document.querySelectorAll('.md-search-result__list :is(img, script, svg, iframe)')].length,
             titles: [...document.querySelectorAll('.md-search-result__item h1')].map(h1 => h1.textContent),
             // Material puts a section's excerpt straight in its article, the
             // early results in a paragraph: the article's text holds both.
             texts: [...document.querySelectorAll('.md-search-result__article')].map(a => a.textContent),
           })"""
    )


def test_script_like_words_are_shown_as_text_in_early_and_in_materials_results(phone, hostile_url: str) -> None:
    # The site's Content-Security-Policy would block an injected handler
    # before it set __pwned: its reports count as an injection too.
    phone.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " (event) => window.__csp.push(event.violatedDirective + ' ' + event.blockedURI))"
    )
    held = _hold_bundle(phone)
    try:
        phone.goto(hostile_url + "articles/openai-nvidia/")
        phone.locator("label.md-header__button[for='__search']").tap()
        phone.locator("input.md-search__input").press_sequentially(QUERY, delay=50)
        phone.wait_for_selector(".md-search-result__item")
        assert phone.evaluate("() => window.__md_ready") is None  # the early results
        early = _results(phone)
    finally:
        _release(phone, held)
    phone.wait_for_selector(".md-search-result__article[data-md-score]")
    phone.wait_for_timeout(300)
    material = _results(phone)
    for shown in (early, material):
        assert shown["pwned"] is None, shown
        assert shown["blocked"] == [], shown
        assert shown["markup"] == 0, shown
        # The words as the contributor wrote them, not dropped, not doubly escaped.
        assert any("<img src=x" in title for title in shown["titles"]), shown
        assert any("<script>window.__pwned=true</script>" in text for text in shown["texts"]), shown
        assert not any("&lt;" in line or "&amp;" in line for line in shown["titles"] + shown["texts"]), shown
