"""Rewrite the running text of rendered HTML on a parsed tree, leaving markup alone.

Typography, glossary links and inline quotations change words in a page
after Markdown has rendered it. They work on the page parsed by lxml, and
change text nodes only: an element, an attribute or a comment is never
touched, nor text where a change would be wrong (code, preformatted text,
scripts, styles; for links, also other links, headings and captions).

lxml rather than BeautifulSoup: the same tree and the same guarantees, with
libxml2's C parser and serializer, several times faster on the long pages of
a 500-article build, and with `text`/`tail` slots that are exactly the text
nodes to rewrite.
"""
from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import lxml.html
from lxml import etree

SKIPPED = frozenset(
    {"a", "abbr", "q", "code", "pre", "kbd", "samp", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
     "caption", "figcaption", "cite", "summary", "button", "svg", "math", "textarea", "blockquote", "template"}
)
# Never prose, whatever the rewrite.
NOT_PROSE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math", "template"})


_WRAPPER = "publication-fragment"  # a tag no content closes by mistake
_PARSER = etree.HTMLParser(remove_blank_text=False, remove_comments=False, remove_pis=False)


def parse_fragment(content: str) -> Any:
    """`content` (a page's body) as an lxml tree under an element that is not part of it."""
    document = etree.fromstring(f"<{_WRAPPER}>{content}</{_WRAPPER}>", _PARSER)
    body = document.find("body")
    wrapper = body[0]
    if len(body) != 1 or wrapper.tag != _WRAPPER or body.text:
        # Markup that escaped the wrapper (it cannot, short of a parser bug):
        # gather it back so that nothing is lost.
        wrapper = etree.Element(_WRAPPER)
        wrapper.text = body.text
        for child in list(body):
            wrapper.append(child)
    return wrapper


def serialize_fragment(root: Any) -> str:
    """The HTML of what `parse_fragment` parsed, without its wrapper."""
    root.tail = None
    whole = etree.tostring(root, encoding="unicode", method="html")
    return whole[len(_WRAPPER) + 2 : -(len(_WRAPPER) + 3)]


def rewrite_text(content: str, rewrite: Callable[[str], str], *, skipped: frozenset[str] = SKIPPED) -> str:
    """`content` with `rewrite` applied to each text node outside `skipped`
    elements, in document order.

    `rewrite` receives the text escaped as HTML (`&amp;`, `&lt;`) and returns
    HTML: the same text, changed, possibly with new inline elements around
    some of it (a glossary link, a quotation). Nothing else of the page is
    serialized differently than lxml reads it."""
    if "<" not in content and "&" not in content:
        return rewrite(content) if content else content
    root = parse_fragment(content)
    rewrite_text_in(root, rewrite, skipped=skipped)
    return serialize_fragment(root)


def rewrite_text_in(root: Any, rewrite: Callable[[str], str], *, skipped: frozenset[str] = SKIPPED) -> None:
    """`rewrite_text` on a tree already parsed (any lxml element), in place."""
    _walk(root, rewrite, skipped | NOT_PROSE, inside=False)


def _walk(element: Any, rewrite: Callable[[str], str], skipped: frozenset[str], *, inside: bool) -> None:
    # A comment's or processing instruction's own text is markup, never prose.
    is_element = isinstance(element.tag, str)
    inside = inside or not is_element or element.tag.lower() in skipped
    if not inside and element.text:
        escaped = html.escape(element.text, quote=False)
        new = rewrite(escaped)
        if new != escaped:
            _replace_text(element, new, slot="text")
    for child in list(element):
        _walk(child, rewrite, skipped, inside=inside)
        if not inside and child.tail:
            escaped = html.escape(child.tail, quote=False)
            new = rewrite(escaped)
            if new != escaped:
                _replace_text(child, new, slot="tail")


def _replace_text(element: Any, new_html: str, *, slot: str) -> None:
    """Put `new_html` (text, maybe with inline elements) in the `text` or
    `tail` slot of `element`."""
    old = element.text if slot == "text" else element.tail
    if "<" not in new_html:
        text = html.unescape(new_html)
        if text != old:
            setattr(element, slot, text)
        return
    # The text before the first tag, taken as it is: lxml would drop it when
    # it is only spaces.
    first_tag = new_html.index("<")
    leading = html.unescape(new_html[:first_tag]) or None
    pieces = lxml.html.fragments_fromstring(new_html[first_tag:])
    if pieces and isinstance(pieces[0], str):  # cannot happen: the rest starts with a tag
        leading = (leading or "") + pieces.pop(0)
    setattr(element, slot, leading)
    if slot == "text":
        for index, piece in enumerate(pieces):
            element.insert(index, piece)
    else:
        parent = element.getparent()
        at = parent.index(element) + 1
        for offset, piece in enumerate(pieces):
            parent.insert(at + offset, piece)


def text_nodes(content: str) -> list[str]:
    """Every text node of `content`, comments' and markup excluded (for tests)."""
    root = parse_fragment(content)
    return [text for text in root.itertext() if text]


