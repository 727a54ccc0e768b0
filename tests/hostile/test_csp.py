"""Defence in depth: every built page opens its head with a Content-Security-Policy
that allows exactly its own inline scripts and styles, by hash, and nothing
from another origin; and a referrer policy."""
from __future__ import annotations

import base64
import hashlib

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from publication.render.csp import PLACEHOLDER, page_with_policy
from sitebuild import Site


def _directives(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_every_page_opens_with_its_policy(site: Site) -> None:
    for path in site.html_files:
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        first = soup.head.find(True)
        assert first.name == "meta" and first.get("http-equiv") == "Content-Security-Policy", path
        # The charset must still be declared within the first 1024 bytes.
        assert html.encode("utf-8").find(b'<meta charset="utf-8">') < 1024, path
        assert soup.find("meta", attrs={"name": "referrer"})["content"] == "strict-origin-when-cross-origin", path
        policy = _directives(first["content"])
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], path
        assert policy["form-action"] == ["'self'"] and policy["default-src"] == ["'self'"], path
        for directive in ("script-src", "style-src"):
            assert "'unsafe-inline'" not in policy[directive] and "'unsafe-eval'" not in policy[directive], path
            assert not [source for source in policy[directive] if "://" in source or source == "*"], path
        # Exactly the page's own inline scripts (those that run) and styles.
        scripts = {
            _sha256(script.string or "")
            for script in soup.find_all("script")
            if not script.has_attr("src") and script.get("type", "") in ("", "text/javascript", "module")
        }
        styles = {_sha256(style.string or "") for style in soup.find_all("style")}
        assert {source for source in policy["script-src"] if source.startswith("'sha256-")} == scripts, path
        assert {source for source in policy["style-src"] if source.startswith("'sha256-")} == styles, path
        assert PLACEHOLDER not in html, path
        # No inline event handler could be allowed by a hash anyway.
        assert not [name for element in soup.find_all(True) for name in element.attrs if name.startswith("on")], path


PAGE = '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="{placeholder}"><meta charset="utf-8">{head}</head><body>{body}</body></html>'


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<\r\x00"), max_size=40), max_size=4))
def test_any_inline_script_gets_its_own_hash(texts: list[str]) -> None:
    body = "".join(f"<script>{text}</script>" for text in texts) + '<script type="application/json">{"x": 1}</script>'
    html = page_with_policy(PAGE.format(placeholder=PLACEHOLDER, head="<style>p{color:red}</style>", body=body))
    soup = BeautifulSoup(html, "html.parser")
    policy = _directives(soup.find("meta")["content"])
    assert {source for source in policy["script-src"] if source.startswith("'sha256")} == {_sha256(text) for text in texts}
    assert _sha256("p{color:red}") in policy["style-src"]


def test_a_page_with_pagefind_may_compile_webassembly() -> None:
    with_pagefind = page_with_policy(PAGE.format(placeholder=PLACEHOLDER, head='<script src="pagefind/pagefind-ui.js"></script>', body=""))
    without = page_with_policy(PAGE.format(placeholder=PLACEHOLDER, head='<script src="assets/x.js"></script>', body=""))
    assert "'wasm-unsafe-eval'" in with_pagefind and "'wasm-unsafe-eval'" not in without


def test_only_mkdocs_serve_lets_its_live_reload_script_run() -> None:
    page = PAGE.format(placeholder=PLACEHOLDER, head="<script>a()</script>", body="")
    served = _directives(BeautifulSoup(page_with_policy(page, live_reload=True), "html.parser").find("meta")["content"])
    built = _directives(BeautifulSoup(page_with_policy(page), "html.parser").find("meta")["content"])
    # A hash next to 'unsafe-inline' would make the browser ignore it.
    assert served["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-inline'" not in built["script-src"] and _sha256("a()") in built["script-src"]
    assert served["object-src"] == built["object-src"] == ["'none'"]
