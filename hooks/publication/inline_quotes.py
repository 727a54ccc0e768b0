"""Quotations that sit inside a sentence: the words stay in the prose, the
speaker comes from data.

A quotation of the article's data that no `<!-- data:quote ID -->` marker
places as a block must occur, word for word, in the page's running text.
There it becomes a `<q>` whose title names the speaker and role (a tooltip
on hover), so the prose and the data cannot drift apart unnoticed.
"""
from __future__ import annotations

import html

from publication.html_text import rewrite_text
from publication.models import Quote


def mark_inline_quotes(content: str, quotes: list[Quote], *, language: str) -> tuple[str, list[str]]:
    """`content` with each quotation's first occurrence marked, and the ids of
    those that do not occur."""
    pending = {quote.id: quote for quote in quotes}
    if not pending:
        return content, []

    def mark(text: str) -> str:
        for quote_id, quote in list(pending.items()):
            words = html.escape(quote.text(language), quote=False)
            position = text.find(words)
            if position < 0:
                continue
            del pending[quote_id]
            attribution = html.escape(f"{quote.speaker}, {quote.role(language)}")
            marked = f'<q class="quotation-inline" id="{quote.id}" title="{attribution}">{words}</q>'
            return mark(text[:position]) + marked + mark(text[position + len(words):])
        return text

    return rewrite_text(content, mark), list(pending)
