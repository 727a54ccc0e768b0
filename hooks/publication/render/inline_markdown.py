"""Inline Markdown from data files, turned into safe HTML.

Data fields that the schemas mark as Markdown may use emphasis, code and
links, not images. Whatever a contributor writes, no HTML from data reaches the page:
`<`, `>` and `&` are escaped before Markdown sees the text, and links keep
only web, mail, relative and in-page targets.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
from markupsafe import Markup

_SAFE_HREF = re.compile(r"^(?:https?:|mailto:|#|/|\.|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)
_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
_HREF = re.compile(r'href="([^"]*)"')


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=[], output_format="html")
    # No images from data: they could load from another origin.
    for pattern in ("image_link", "image_reference", "short_image_ref"):
        converter.inlinePatterns.deregister(pattern, strict=False)
    return converter


def inline_markdown(text: str) -> Markup:
    """One paragraph of inline Markdown as HTML, without the <p> around it."""
    converter = _converter()
    converter.reset()
    rendered = converter.convert(html.escape(text, quote=False))
    match = _PARAGRAPH.match(rendered.strip())
    rendered = match.group(1) if match else rendered
    rendered = _HREF.sub(_safe_href, rendered)
    return Markup(rendered)


def _safe_href(match: re.Match[str]) -> str:
    href = html.unescape(match.group(1))
    return match.group(0) if _SAFE_HREF.match(href) else 'href="#"'


def escape_markdown(text: str) -> str:
    """Plain text that Markdown will show exactly as written."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"([\\`*_\[\]{}#+!|])", r"\\\1", escaped)


def markdown_to_text(text: str) -> str:
    """Inline Markdown as plain text (for JSON-LD, feeds): the rendered HTML's
    text, read by a parser."""
    from html.parser import HTMLParser

    pieces: list[str] = []

    class _Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            pieces.append(data)

    parser = _Text(convert_charrefs=True)
    parser.feed(str(inline_markdown(text)))
    parser.close()
    return "".join(pieces)
