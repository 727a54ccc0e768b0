"""The Content-Security-Policy in Chromium: every page of both languages, in
both palettes, runs what it needs (Material's bundle, the search, the
palette toggle, tooltips) with no violation, and the policy stops a script
that was not in the page when it was built."""
from __future__ import annotations

import pytest

from sitebuild import LANGUAGES, PAGES

# Recorded before any of the page's own scripts runs.
RECORD_VIOLATIONS = """
window.__csp_violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp_violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + (event.sample || ""));
});
"""


def _open(browser, base_url: str, url: str, *, color_scheme: str):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=color_scheme)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(base_url + url)
    return context, page, console


def _csp_messages(console: list[str]) -> list[str]:
    return [text for text in console if "Content Security Policy" in text or "Content-Security-Policy" in text]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("url", [LANGUAGES[code] + path for code in LANGUAGES for path in PAGES] + ["404.html", "en/404.html"])
def test_no_violation_while_reading(browser, base_url: str, url: str, color_scheme: str) -> None:
    context, page, console = _open(browser, base_url, url, color_scheme=color_scheme)
    try:
        # The first interaction loads Material's bundle and stylesheets.
        page.keyboard.press("Shift")
        page.wait_for_function("() => window.__md_ready === true")
        term = page.locator("a.glossary-term").first
        if term.count():
            term.hover()
        # The palette toggle, both ways.
        schemes = [page.evaluate("document.body.getAttribute('data-md-color-scheme')")]
        for _ in range(2):
            page.locator("form[data-md-component=palette] label:visible").first.click()
            schemes.append(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))
        assert schemes[0] != schemes[1] and schemes[0] == schemes[2], schemes
        # The search last: its dialog covers the header while it is open.
        page.locator("input.md-search__input").click()
        page.keyboard.type("Nvidia")
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__csp_violations") == []
        assert _csp_messages(console) == []
    finally:
        context.close()


def test_every_page_carries_the_policy_first(browser, base_url: str) -> None:
    context, page, _console = _open(browser, base_url, "en/" + PAGES[1], color_scheme="light")
    try:
        first = page.evaluate("document.head.firstElementChild.outerHTML")
        assert 'http-equiv="Content-Security-Policy"' in first
    finally:
        context.close()


def test_the_policy_stops_a_script_the_page_did_not_carry(browser, base_url: str) -> None:
    context, page, _console = _open(browser, base_url, PAGES[1], color_scheme="light")
    try:
        page.evaluate(
            """() => {
              const script = document.createElement("script");
              script.textContent = "window.__injected = true";
              document.body.appendChild(script);
              const image = document.createElement("img");
              image.src = "http://198.51.100.1/pixel.png";
              document.body.appendChild(image);
            }"""
        )
        page.wait_for_timeout(200)
        assert page.evaluate("window.__injected === undefined")
        violations = page.evaluate("window.__csp_violations")
        assert any(violation.startswith("script-src") for violation in violations), violations
        assert any(violation.startswith("img-src") for violation in violations), violations
    finally:
        context.close()
