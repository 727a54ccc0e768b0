"""Rewrite the running text of rendered HTML, leaving markup alone.

Both glossary links and inline quotations change words in a page after
Markdown has rendered it. They must never touch a tag or an attribute, nor
text where a link would be wrong: inside another link, code, a heading or a
caption.
"""
from __future__ import annotations

import re
from typing import Callable

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z0-9]+)")
SKIPPED = frozenset(
    {"a", "abbr", "q", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
     "caption", "figcaption", "cite", "summary", "button", "svg", "textarea", "blockquote"}
)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed", "track"})


def rewrite_text(html: str, rewrite: Callable[[str], str], *, skipped: frozenset[str] = SKIPPED) -> str:
    """`html` with `rewrite` applied to each piece of text outside `skipped`
    elements, in document order. Text is passed as it is in the HTML
    (entities still escaped); `rewrite` must return valid HTML."""
    parts = _TAG.split(html)
    open_skipped: list[str] = []
    for index, part in enumerate(parts):
        if not part:
            continue
        if part.startswith("<"):
            _track(part, open_skipped, skipped)
        elif not open_skipped:
            parts[index] = rewrite(part)
    return "".join(parts)


def _track(tag: str, open_skipped: list[str], skipped: frozenset[str]) -> None:
    match = _TAG_NAME.match(tag)
    if not match or tag.startswith("<!"):
        return
    closing, name = match.group(1) == "/", match.group(2).lower()
    if name not in skipped or name in _VOID or tag.endswith("/>"):
        return
    if closing:
        if name in open_skipped:
            # Close the innermost element of that name.
            del open_skipped[len(open_skipped) - 1 - open_skipped[::-1].index(name)]
    else:
        open_skipped.append(name)
