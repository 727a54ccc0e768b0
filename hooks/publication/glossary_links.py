"""Glossary terms in article text become links with a tooltip.

The first place a listed term appears in running text becomes a link to its
glossary entry, titled with its short definition. Material's
`content.tooltips` turns the title into a tooltip on hover and on keyboard
focus; a tap follows the link to the entry. Headings, links, code and
captions are left alone.
"""
from __future__ import annotations

import html
import re
from typing import Iterable

from publication.models import Term

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z0-9]+)")
# Where a link would be wrong or unwelcome.
_SKIP = {"a", "abbr", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
         "caption", "figcaption", "cite", "summary", "button", "svg", "textarea"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed", "track"}


def link_glossary_terms(
    content: str, terms: Iterable[Term], *, language: str, glossary_url: str
) -> tuple[str, list[str]]:
    """`content` with each term's first occurrence linked, and the ids of the
    terms that do not occur in it."""
    pending = {term.id: term for term in terms}
    if not pending:
        return content, []
    patterns = {
        term.id: re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(form) for form in sorted(term.matches[language], key=len, reverse=True))
            + r")(?![\w-])"
        )
        for term in pending.values()
    }
    parts = _TAG.split(content)
    open_skips: list[str] = []
    for index, part in enumerate(parts):
        if not part:
            continue
        if part.startswith("<"):
            _track(part, open_skips)
            continue
        if open_skips or not pending:
            continue
        parts[index] = _link_in_text(part, pending, patterns, language, glossary_url)
    return "".join(parts), list(pending)


def _track(tag: str, open_skips: list[str]) -> None:
    match = _TAG_NAME.match(tag)
    if not match or tag.startswith("<!"):
        return
    closing, name = match.group(1) == "/", match.group(2).lower()
    if name not in _SKIP or name in _VOID or tag.endswith("/>"):
        return
    if closing:
        if name in open_skips:
            # Close the innermost matching element.
            del open_skips[len(open_skips) - 1 - open_skips[::-1].index(name)]
    else:
        open_skips.append(name)


def _link_in_text(
    text: str, pending: dict[str, Term], patterns: dict[str, re.Pattern[str]], language: str, glossary_url: str
) -> str:
    # Text between tags is already HTML-escaped; match on it as it is, since
    # term forms contain no characters that HTML escapes.
    while pending:
        found = [(match.start(), term_id, match) for term_id in pending if (match := patterns[term_id].search(text))]
        if not found:
            return text
        _, term_id, match = min(found, key=lambda item: (item[0], item[1]))
        term = pending.pop(term_id)
        link = (
            f'<a class="glossary-term" href="{html.escape(glossary_url)}#{term.id}" '
            f'title="{html.escape(term.short(language))}">{match.group(0)}</a>'
        )
        head, tail = text[: match.start()], text[match.end():]
        return head + link + _link_in_text(tail, pending, patterns, language, glossary_url)
    return text
