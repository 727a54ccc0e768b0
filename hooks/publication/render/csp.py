"""The Content-Security-Policy of each page, with the hashes of its own inline scripts and styles, computed as the page is written.

Defence in depth for readers: should markup ever slip past escaping and the
raw-HTML policy, the browser still runs no script and loads nothing that the
page did not carry when it was built. The theme's head
(overrides/main.html) opens with a `<meta http-equiv="Content-Security-Policy">`
holding a placeholder, before any script, style or link (a policy delivered
in a meta element applies only to what follows it); `page_with_policy` puts
the page's policy there once the page's HTML is final. Everything needed is
in the page itself: no state of the site is kept.

- scripts: the site's own files and the inline scripts of this page, by
  SHA-256 hash; never 'unsafe-inline' or 'unsafe-eval'. A page that loads
  Pagefind also gets 'wasm-unsafe-eval', which its search engine needs to
  compile WebAssembly (it runs no string as code);
- styles: the site's files and this page's inline `<style>` by hash;
- images: the site's files and data: URLs (Material's icons in CSS);
- fetch, workers, fonts, media: the site only; `object-src 'none'`,
  `base-uri 'none'`, `form-action 'self'`.

`frame-ancestors`, `report-uri` and `sandbox` are ignored by browsers in a
meta element, so they are not written. The referrer policy is a meta
element of its own (overrides/main.html).
"""
from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

import lxml.html

PLACEHOLDER = "publication-content-security-policy"
# Script types the browser runs; the others (JSON, JSON-LD, templates) are data.
_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "text/ecmascript"})


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_sources(html: str) -> tuple[list[str], list[str], bool]:
    """The texts of the page's inline scripts (those the browser runs) and
    `<style>` elements, in document order, and whether it loads Pagefind."""
    root = lxml.html.document_fromstring(html)
    scripts, styles, pagefind = [], [], False
    for element in root.iter("script", "style", "link"):
        if element.tag == "link":
            pagefind = pagefind or "pagefind" in (element.get("href") or "")
        elif element.tag == "style":
            styles.append(element.text or "")
        elif element.get("src") is not None:
            pagefind = pagefind or "pagefind" in element.get("src", "")
        elif (element.get("type") or "").strip().lower() in _SCRIPT_TYPES:
            scripts.append(element.text or "")
    return scripts, styles, pagefind


def content_security_policy(
    scripts: Iterable[str], styles: Iterable[str], *, wasm: bool = False, live_reload: bool = False
) -> str:
    """The policy for a page with these inline scripts and styles.

    `live_reload`: the page is served by `mkdocs serve`, which adds an inline
    script of its own to every response (a new one each time, so no hash can
    name it); there, and only there, inline scripts are allowed. A listed
    hash would make the browser ignore 'unsafe-inline', so none is listed."""
    script_hashes = ["'unsafe-inline'"] if live_reload else sorted({_hash(text) for text in scripts})
    style_hashes = sorted({_hash(text) for text in styles})
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *script_hashes, *(["'wasm-unsafe-eval'"] if wasm else [])]),
        " ".join(["style-src 'self'", *style_hashes]),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def page_with_policy(html: str, *, live_reload: bool = False) -> str:
    """`html` (a whole page) with its policy in place of the placeholder;
    unchanged when the page has none (not made from the theme's main.html)."""
    if PLACEHOLDER not in html:
        return html
    scripts, styles, pagefind = inline_sources(html)
    policy = content_security_policy(scripts, styles, wasm=pagefind, live_reload=live_reload)
    # The policy itself is ASCII without quotes that need escaping in a
    # double-quoted attribute: single quotes, letters, digits, + / = ; : -.
    return html.replace(PLACEHOLDER, policy, 1)
