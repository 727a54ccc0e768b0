"""The side-by-side view: an article's original and translation, aligned
section by section.

Both language versions are rendered by their own builds; once every language
is built, their sections (cut at each h1-h3 with an id, the ids the two
versions share) are laid side by side into a page that the build generated
for this purpose, in place of its placeholder. Each column keeps its `lang`,
its ids get a language prefix so they stay unique, and its relative links are
rebased to the new page's folder.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from markupsafe import Markup

from publication.render import render_template

PARALLEL_DIR = "bilingue"
PLACEHOLDER = '<div class="parallel-placeholder"></div>'
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<inner>.*?)</article>', re.DOTALL)
_SECTION_START = re.compile(r'(?=<h[1-3] id="[^"]+")')
_SECTION_ID = re.compile(r'^<h[1-3] id="([^"]+)"')
_ID = re.compile(r'\bid="([^"]+)"')
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
_HEADING_TAG = re.compile(r"<(/?)h([1-5])\b")


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    cells: dict[str, Markup]  # language -> HTML of its section
    outdated: bool


def article_sections(page_html: str) -> dict[str, str]:
    """The sections of a built article page, by heading id, in order."""
    match = _ARTICLE.search(page_html)
    if not match:
        return {}
    sections = {}
    for chunk in _SECTION_START.split(_without_furniture(match.group("inner"))):
        heading = _SECTION_ID.match(chunk)
        if heading:
            sections[heading.group(1)] = chunk.strip()
    return sections


def _without_furniture(html: str) -> str:
    """The article's text without its page furniture (the header's kicker,
    byline, dates, translation line and reading modes): only the sections
    are set side by side."""
    if "page-furniture" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(".page-furniture"):
        element.decompose()
    for header in soup.select("header.article-header"):
        header.unwrap()
    return str(soup)


def rebase(html: str, *, language: str, from_dir: str, to_dir: str) -> str:
    """`html` taken from a page in `from_dir` ("en/articles/x/") for a page in
    `to_dir`: relative links rebased, ids and in-page links prefixed with the
    language, headings one level down."""

    def url(match: re.Match[str]) -> str:
        attribute, value = match.group(1), match.group(2)
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith(("/", "mailto:", "data:")):
            return match.group(0)
        if value.startswith("#"):
            return f'{attribute}="#{language}-{value[1:]}"'
        target = posixpath.normpath(posixpath.join(from_dir, parts.path))
        relative = posixpath.relpath(target, to_dir.rstrip("/") or ".")
        if parts.path.endswith("/") and not relative.endswith("/"):
            relative += "/"
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return f'{attribute}="{relative}{fragment}"'

    html = _URL_ATTRIBUTE.sub(url, html)
    # One level down: the page's own h1 is the view's title.
    html = _HEADING_TAG.sub(lambda match: f"<{match.group(1)}h{int(match.group(2)) + 1}", html)
    return _ID.sub(lambda match: f'id="{language}-{match.group(1)}"', html)


def parallel_rows(
    sections: dict[str, dict[str, str]], *, source_language: str, outdated: set[str]
) -> list[Row]:
    """Rows in the source's order; a section missing in one language leaves its
    cell empty rather than shifting the rest."""
    order = list(sections[source_language])
    for language, by_id in sections.items():
        order.extend(section_id for section_id in by_id if section_id not in order)
    return [
        Row(
            id=section_id,
            cells={language: Markup(by_id.get(section_id, "")) for language, by_id in sections.items()},
            outdated=section_id in outdated,
        )
        for section_id in order
    ]


def render_parallel(rows: list[Row], *, language: str, labels: dict[str, str], outdated_label: str) -> str:
    return render_template("parallel.html", rows=rows, language=language, labels=labels, outdated_label=outdated_label)
