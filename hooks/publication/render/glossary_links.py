"""Glossary terms in article text become links with a tooltip.

The first place a listed term appears in running text becomes a link to its
glossary entry, titled with its short definition. Material's
`content.tooltips` turns the title into a tooltip on hover and on keyboard
focus, tied to the link by aria-describedby; a tap follows the link to the
entry. Headings, links, code and captions are left alone.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

from publication.content.models import Term
from publication.render.html_text import rewrite_text


def link_glossary_terms(
    content: str, terms: Iterable[Term], *, language: str, glossary_url: str
) -> tuple[str, list[str]]:
    """`content` with each term's first occurrence linked, and the ids of the
    terms that do not occur in it."""
    pending = {term.id: term for term in terms}
    if not pending:
        return content, []
    # Term forms hold no character that HTML escapes, so they match the text
    # as it stands in the HTML.
    patterns = {
        term.id: re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(form) for form in sorted(term.matches[language], key=len, reverse=True))
            + r")(?![\w-])"
        )
        for term in pending.values()
    }

    def link_first_occurrences(text: str) -> str:
        found = [(match.start(), term_id, match) for term_id in pending if (match := patterns[term_id].search(text))]
        if not found:
            return text
        _, term_id, match = min(found, key=lambda item: (item[0], item[1]))
        term = pending.pop(term_id)
        link = (
            f'<a class="glossary-term" href="{html.escape(glossary_url)}#{term.id}" '
            f'title="{html.escape(term.short(language))}">{match.group(0)}</a>'
        )
        return text[: match.start()] + link + link_first_occurrences(text[match.end():])

    return rewrite_text(content, link_first_occurrences), list(pending)
