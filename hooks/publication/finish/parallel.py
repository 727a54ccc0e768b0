"""The side-by-side view: an article's original and translation, aligned
section by section.

Both language versions are rendered by their own builds; once every language
is built, their sections (cut at each h1-h3 with an id, the ids the two
versions share) are laid side by side into a page that the build generated
for this purpose, in place of its placeholder. Each column keeps its `lang`,
its ids get a language prefix so they stay unique, and its relative links are
rebased to the new page's folder. Pages are read and changed as parsed trees
(lxml, as in html_text), never as strings.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree
from markupsafe import Markup

from publication.render.blocks import render_template
from publication.render.html_text import parse_fragment, serialize_fragment

PARALLEL_DIR = "bilingue"
PLACEHOLDER = '<div class="parallel-placeholder"></div>'
_PARSER = etree.HTMLParser(remove_comments=False)
_SECTION_HEADINGS = frozenset({"h1", "h2", "h3"})
_SHIFTED_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5"})
# Attributes that name other elements by id, which get the same prefix.
_ID_REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for", "headers")


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    cells: dict[str, Markup]  # language -> HTML of its section
    outdated: bool


def article_sections(page_html: str) -> dict[str, str]:
    """The sections of a built article page, by heading id, in order: each
    h1-h3 with an id that is a child of the article, and what follows it up
    to the next one."""
    document = etree.fromstring(page_html, _PARSER)
    article = next(
        (element for element in document.iter("article") if "md-content__inner" in (element.get("class") or "").split()),
        None,
    )
    if article is None:
        return {}
    _without_furniture(article)
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for child in article:
        if isinstance(child.tag, str) and child.tag in _SECTION_HEADINGS and child.get("id"):
            current = sections.setdefault(child.get("id"), [])
        if current is not None:
            current.append(etree.tostring(child, encoding="unicode", method="html", with_tail=True))
    return {section_id: "".join(parts).strip() for section_id, parts in sections.items()}


def _without_furniture(article: etree._Element) -> None:
    """Take the article's page furniture out (the header's kicker, byline,
    dates, translation line and reading modes), keeping what the header holds
    (the headline): only the sections are set side by side."""
    for element in list(article.iter()):
        if not isinstance(element.tag, str):
            continue
        classes = (element.get("class") or "").split()
        if "page-furniture" in classes:
            _remove_keeping_tail(element)
        elif element.tag == "header" and "article-header" in classes:
            _unwrap(element)


def _remove_keeping_tail(element: etree._Element) -> None:
    parent, previous = element.getparent(), element.getprevious()
    if parent is None:
        return
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    children = list(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + (element.tail or "")
    element.tail = (element.text or "") + ("" if children else (element.tail or ""))
    element.text = None
    for offset, child in enumerate(children):
        parent.insert(index + 1 + offset, child)
    _remove_keeping_tail(element)


def rebase(html: str, *, language: str, from_dir: str, to_dir: str) -> str:
    """`html` taken from a page in `from_dir` ("en/articles/x/") for a page in
    `to_dir`: relative links rebased, ids and in-page links prefixed with the
    language, headings one level down."""
    root = parse_fragment(html)
    for element in root.iter():
        if not isinstance(element.tag, str) or element is root:
            continue
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value is not None:
                element.set(attribute, _rebased_url(value, language=language, from_dir=from_dir, to_dir=to_dir))
        if element.get("id"):
            element.set("id", f"{language}-{element.get('id')}")
        for attribute in _ID_REFERENCES:
            if element.get(attribute):
                element.set(attribute, " ".join(f"{language}-{name}" for name in element.get(attribute).split()))
        # One level down: the page's own h1 is the view's title.
        if element.tag in _SHIFTED_HEADINGS:
            element.tag = f"h{int(element.tag[1]) + 1}"
    return serialize_fragment(root)


def _rebased_url(value: str, *, language: str, from_dir: str, to_dir: str) -> str:
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith(("/", "mailto:", "data:")):
        return value
    if value.startswith("#"):
        return f"#{language}-{value[1:]}"
    target = posixpath.normpath(posixpath.join(from_dir, parts.path))
    relative = posixpath.relpath(target, to_dir.rstrip("/") or ".")
    if parts.path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{relative}{fragment}"


def parallel_rows(
    sections: dict[str, dict[str, str]], *, source_language: str, outdated: set[str]
) -> list[Row]:
    """Rows in the source's order; a section missing in one language leaves its
    cell empty rather than shifting the rest."""
    order = list(sections[source_language])
    for by_id in sections.values():
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
