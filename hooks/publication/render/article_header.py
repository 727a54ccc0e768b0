"""The header of an article: kicker, headline, standfirst, byline, dates,
reading time, the translation line, then the links to the other ways to read it.

Rendered from the front matter and data/authors.yml, data/topics.yml, and
put around the article's own <h1> (found with an HTML parser), so the
headline keeps its id and stays the first heading of the text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from html.parser import HTMLParser

from bs4 import BeautifulSoup
from markupsafe import Markup

from publication.content.models import Masthead, UiStrings

# Words a reader reads in a minute, on a screen (French and English alike).
WORDS_PER_MINUTE = 230


def reading_minutes(html: str) -> int:
    """Minutes to read the text of `html`, rounded up, at least one."""
    words = len(BeautifulSoup(html, "html.parser").get_text(" ").split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


@dataclass(frozen=True, slots=True, kw_only=True)
class HeaderLinks:
    """Where the header's links lead, relative to the article."""

    topic: str | None  # None: the article has no topic
    author: str
    side_by_side: str | None
    original: str | None  # the French original, on a translation


def render_article_header(
    *,
    meta: dict,
    author: str,
    topics: tuple[str, ...],
    minutes: int,
    language: str,
    masthead: Masthead,
    ui: UiStrings,
    links: HeaderLinks,
    translation_note: str | None,
    updated: str | None,
) -> tuple[str, str]:
    """(HTML before the headline, HTML after it) of the article's header."""
    from publication.render.blocks import render_template, time_element

    published = str(meta.get("date", ""))
    context = {
        "language": language,
        "ui": lambda key: ui(key, language),
        "topic": masthead.topics[topics[0]] if topics else None,
        "author": masthead.authors[author],
        "description": str(meta.get("description", "")),
        "published": published,
        "published_time": time_element(published, language),
        "updated": updated if updated and updated != published else None,
        "updated_time": time_element(updated, language) if updated else None,
        "reading_time": ui("reading_time", language).format(minutes=minutes),
        # Built by render.blocks.render_translation_note from escaped values.
        "note": Markup(translation_note) if translation_note else None,
        "links": links,
    }
    return (
        render_template("article_header_top.html", **context),
        render_template("article_header_bottom.html", **context),
    )


class _FirstHeading(HTMLParser):
    """Finds where the first <h1> element starts and ends in a document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.start: tuple[int, int] | None = None
        self.end: tuple[int, int] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "h1" and self.start is None:
            self.start = self.getpos()

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.start is not None and self.end is None:
            self.end = self.getpos()


def headline_span(html: str) -> tuple[int, int] | None:
    """(start, end) offsets of the first <h1>…</h1> of `html`, or None."""
    parser = _FirstHeading()
    parser.feed(html)
    parser.close()
    if parser.start is None or parser.end is None:
        return None
    line_starts = [0]
    for line in html.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))

    def offset(position: tuple[int, int]) -> int:
        return line_starts[position[0] - 1] + position[1]

    end_tag = offset(parser.end)
    return offset(parser.start), html.index(">", end_tag) + 1


def wrap_headline(html: str, before: str, after: str) -> str | None:
    """`html` with `before` and `after` around its first <h1>; None without one."""
    span = headline_span(html)
    if span is None:
        return None
    start, end = span
    return f"{html[:start]}{before}{html[start:end]}{after}{html[end:]}"
