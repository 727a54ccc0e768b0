"""A missing page on a static host that serves only the root 404.html (as
GitHub Pages does): the reader gets the 404 page of the language whose
address they asked for, with that address kept in the address bar."""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from sitebuild import Site, load_tool


@pytest.fixture(scope="module")
def static_host(site: Site) -> Iterator[str]:
    # tools/shots.py serves a site as GitHub Pages does (the root 404.html
    # for every missing address): the same host for reviewers and here.
    server, base = load_tool("shots").serve(site.root)
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture
def reader(browser, static_host: str):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems: list[str] = []
    # The missing page's own 404 status is what the host must answer; Chromium
    # logs it as a console error. Any other failed response is a problem.
    page.on(
        "console",
        lambda message: message.type == "error" and not message.text.startswith("Failed to load resource") and problems.append(message.text),
    )
    page.on(
        "response",
        lambda response: response.status >= 400
        and not (response.status == 404 and response.request.is_navigation_request() and "404.html" not in response.url)
        and problems.append(f"{response.status} {response.url}"),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    host = urlsplit(static_host).netloc
    page.on("request", lambda request: urlsplit(request.url).netloc not in ("", host) and not request.url.startswith("data:") and problems.append(request.url))
    yield page, problems
    page.close(run_before_unload=False)
    context.close()


@pytest.mark.parametrize(
    ("missing", "language", "title"),
    [
        ("en/no-such-page/", "en", "Page not found"),
        ("en/articles/no-such-article/", "en", "Page not found"),
        ("no-such-page/", "fr", "Page introuvable"),
        ("articles/en/", "fr", "Page introuvable"),  # "en" further down is not the English root
    ],
)
def test_a_missing_page_shows_the_404_of_its_language(reader, static_host: str, missing: str, language: str, title: str) -> None:
    page, problems = reader
    page.goto(static_host + missing)
    page.wait_for_function("language => document.readyState === 'complete' && document.documentElement.lang === language", arg=language)
    page.wait_for_function("address => location.href === address", arg=static_host + missing)
    assert page.locator("article h1").inner_text().strip() == title
    assert page.url == static_host + missing
    assert problems == []


def test_the_english_404_by_its_own_address_stays(reader, static_host: str) -> None:
    page, problems = reader
    page.goto(static_host + "en/404.html")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.url == static_host + "en/404.html"
    assert problems == []
