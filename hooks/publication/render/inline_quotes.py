"""Quotations that sit inside a sentence: the words stay in the prose, the
speaker comes from data.

A quotation of the article's data that no `<!-- data:quote ID -->` marker
places as a block must occur, word for word, in the page's running text.
There it becomes a `<q>` whose title names the speaker and role (a tooltip
on hover), whether the words are translated, and whose `cite` is the source,
so the prose and the data cannot drift apart unnoticed. The article's list
of quotation sources (render_quote_sources) says the same in the page.
"""
from __future__ import annotations

import html

from publication.content.models import Quote
from publication.render.html_text import rewrite_text


def mark_inline_quotes(
    content: str, quotes: list[Quote], *, language: str, translated_label: dict[str, str] | None = None
) -> tuple[str, list[str]]:
    """`content` with each quotation's first occurrence marked, and the ids of
    those that do not occur. `translated_label` gives, per language a
    quotation was said in, what the title says of a translation ("Traduit de
    l’anglais.")."""
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
            title = f"{quote.speaker}, {quote.role(language)}"
            if quote.is_translated(language) and translated_label:
                title += f" — {translated_label[quote.said_in]}"
            attribution, cite = html.escape(title), html.escape(quote.source.url)
            marked = (
                f'<q class="quotation-inline" id="{quote.id}" cite="{cite}" title="{attribution}"'
                f' aria-describedby="source-{quote.id}">{words}</q>'
            )
            return mark(text[:position]) + marked + mark(text[position + len(words):])
        return text

    return rewrite_text(content, mark), list(pending)
