"""axe-core on every page, in both palettes: no WCAG 2.2 A/AA violation."""
from __future__ import annotations

import json
from importlib.resources import files

import pytest

from material_search import ANSWERED, PROMPT
from sitebuild import LANGUAGES, PAGES

# axe-core as shipped inside the axe-playwright-python wheel (PyPI), injected
# into the page: nothing is fetched at test time.
AXE_SOURCE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
URLS = [prefix + page for prefix in LANGUAGES.values() for page in PAGES] + ["404.html", "en/404.html"]


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE_SOURCE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", URLS)
def test_no_accessibility_violation(browser, base_url, url, scheme) -> None:
    # bypass_csp: axe is injected as an inline script, which the pages'
    # Content-Security-Policy rightly refuses (tests/browser/test_csp_in_browser.py).
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + url)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    violations = axe_violations(page)
    context.close()
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "url, query",
    [
        ("articles/openai-nvidia/", "économie"),  # results
        ("en/articles/openai-nvidia/", "quincaillerie"),  # none here: the other language's offer
    ],
    ids=["results", "offer"],
)
def test_the_open_search_has_no_accessibility_violation(browser, base_url, url, query, scheme) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_function(f"() => ({ANSWERED})({PROMPT})")
    # The list as the reader sees it once it has settled: axe reads a colour
    # mid-transition as a contrast failure.
    page.wait_for_function("() => document.getAnimations().every((animation) => animation.playState !== 'running')")
    violations = axe_violations(page)
    page.close(run_before_unload=False)
    context.close()
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
