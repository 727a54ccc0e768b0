"""One change to the markup of Material's base template, made on each page.

Material's base.html opens the body with two checkbox toggles (the drawer and
the search) carrying `autocomplete="off"`, which HTML allows only on text-like
inputs: the Nu Html Checker reports it twice on every page. The toggles sit
outside any template block, so no override can reach them. They are found
with a parser (html.parser reports each start tag's exact source text) and
rewritten without that attribute; the rest of the page is left byte for byte.

Material set it so that Firefox does not restore a toggle's state after a
reload; without it, a reload in Firefox may show the drawer as it was left,
which one tap closes: a smaller cost than invalid markup on every page.
"""
from __future__ import annotations

from html import escape
from html.parser import HTMLParser

# Toggles come right after <body>; no page's head is near this long.
_SCAN_LIMIT = 200_000
_CHUNK = 8_192


class _Toggles(HTMLParser):
    """Collects the source text of the checkbox inputs that carry
    `autocomplete`, until the first element after them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        # (line, column, source text, attributes) of each toggle to rewrite.
        self.found: list[tuple[int, int, str, list[tuple[str, str | None]]]] = []
        self.in_body = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "body":
            self.in_body = True
            return
        if not self.in_body:
            return
        names = {name for name, _ in attrs}
        if tag == "input" and dict(attrs).get("type") == "checkbox":
            if "autocomplete" in names:
                line, column = self.getpos()
                self.found.append((line, column, self.get_starttag_text() or "", attrs))
            return
        self.done = True


def _tag(attrs: list[tuple[str, str | None]]) -> str:
    parts = [name if value is None else f'{name}="{escape(value, quote=True)}"' for name, value in attrs]
    return "<input " + " ".join(parts) + ">"


def valid_toggles(html: str) -> str:
    """`html` with Material's checkbox toggles lacking `autocomplete`."""
    parser = _Toggles()
    position = 0
    while not parser.done and position < min(len(html), _SCAN_LIMIT):
        parser.feed(html[position : position + _CHUNK])
        position += _CHUNK
    # From the end, so that earlier offsets stay right.
    for line, column, source, attrs in reversed(parser.found):
        start = _offset(html, line, column)
        if html[start : start + len(source)] != source:
            continue  # cannot happen with html.parser; never rewrite blind
        kept = [(name, value) for name, value in attrs if name != "autocomplete"]
        html = html[:start] + _tag(kept) + html[start + len(source) :]
    return html


def _offset(html: str, line: int, column: int) -> int:
    """The index in `html` of html.parser's (line from 1, column from 0)."""
    start = 0
    for _ in range(line - 1):
        start = html.index("\n", start) + 1
    return start + column
