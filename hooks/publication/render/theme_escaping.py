"""Escaping by context in the theme's templates: every value is text unless our code says it is HTML.

MkDocs makes the theme's Jinja environment without autoescape, and Material's
templates print titles, front-matter values and `mkdocs.yml` settings raw:
a title with a double quote cut `og:title`, and `</script>` in one ran as
script. The build turns autoescape on for the whole theme (Material's
templates and our overrides alike), so a value is escaped for HTML text and
attributes wherever it is printed, and marks as HTML (`Markup`) only what
Markdown or our own renderers produced:

- the page's body (`page.content`), rendered by Markdown and our hooks;
- the table of contents' titles, which Python-Markdown gives as escaped text;
- the page title, made escaped text whatever its source: MkDocs gives the
  front matter's `title:` as plain text but a title taken from the first
  heading as escaped HTML. As `Markup`, it prints right in any template and
  lands in Material's search index as the escaped text its search results
  (inserted as HTML) expect. Code that needs the plain text (JSON-LD, feeds,
  preview images) calls `plain_text`.

JSON (`tojson`) and XML contexts escape on their own terms elsewhere; this
module only decides what is HTML.
"""
from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape


def enable_autoescape(env: Any) -> None:
    """Autoescape in every template of the theme's environment.

    Jinja decides escaping when it compiles a template, so compiled templates
    from an environment without autoescape must not be reused: the build
    cache keeps these in a folder of their own (build_cache)."""
    env.autoescape = True


def escaped_title(page: Any) -> Markup | None:
    """The page's title as escaped HTML text, from whichever source MkDocs took it."""
    title = page.title
    if title is None or isinstance(title, Markup):
        return title
    # MkDocs keeps the first heading's text, as Markdown rendered it, in this
    # attribute: escaped HTML (an `&amp;` is one ampersand). Any other source
    # (front matter, `nav:`, the file's name) is plain text.
    if title == getattr(page, "_title_from_render", None):
        return Markup(escape(html.unescape(str(title))))
    return escape(str(title))


def mark_page_title(page: Any) -> None:
    """Make the page's title, and its front matter's `title:`, escaped text
    before anything prints or indexes them (Material's search index takes
    `page.meta.title` as HTML)."""
    page.title = escaped_title(page)
    if page.meta and "title" in page.meta and not isinstance(page.meta["title"], Markup):
        page.meta["title"] = escape(str(page.meta["title"]))


def mark_page_html(page: Any) -> None:
    """Mark as HTML what Markdown and our renderers built for `page`: its
    body and its table of contents. Run after every plugin that rewrites the
    body as a string (Material's search does)."""
    if page.content is not None and not isinstance(page.content, Markup):
        page.content = Markup(page.content)
    _mark_toc(page.toc)


def _mark_toc(items: Iterable[Any]) -> None:
    for item in items:
        if not isinstance(item.title, Markup):
            # Python-Markdown's toc gives each heading's text escaped,
            # tags stripped.
            item.title = Markup(escape(html.unescape(item.title)))
        _mark_toc(item.children)


def plain_text(value: Any) -> str:
    """The text a reader sees, for contexts that escape on their own (JSON, XML, images)."""
    if isinstance(value, Markup):
        return value.unescape()
    return "" if value is None else str(value)
