"""Renderers: models in, HTML (or Markdown) out, one plain function each.

The HTML lives in Jinja templates in hooks/templates/, autoescaped: text from
data is escaped unless it went through `inline_markdown`, which is safe.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from publication.build.cache import template_bytecode_cache
from publication.content.models import Callout, DealTable, Glossary, LogEntry, Quote, UiStrings
from publication.render.formatting import long_date
from publication.render.inline_markdown import escape_markdown, inline_markdown
from publication.translation.credits import EDITORS, TranslationCredit
from publication.translation.diff import separated, shortened

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
CALLOUT_TYPES = {"high": "danger", "medium": "warning", "low": "note"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        # HTML templates escape every value; the Markdown template escapes by hand.
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # hooks/ sits next to mkdocs.yml, and so does the build cache.
        bytecode_cache=template_bytecode_cache(TEMPLATES_DIR.parent.parent),
    )
    env.filters["markdown"] = inline_markdown
    return env


def render_template(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context).strip()


def render_deal_table(table: DealTable, *, language: str) -> str:
    return render_template("deal_table.html", table=table, language=language)


def render_callout(callout: Callout, *, language: str, ui: UiStrings) -> str:
    """An investor callout. A risk's severity is shown only as its
    assessor's ("Editors’ assessment: high risk"): the article rates nothing."""
    if callout.kind == "warning":
        key, admonition_type = "warning_investors", "tip"
    elif callout.severity is None:
        key, admonition_type = "risk_unassessed", "warning"
    else:
        key, admonition_type = f"risk_{callout.severity}", CALLOUT_TYPES[callout.severity]
    return render_template(
        "callout.html", callout=callout, language=language, title=ui(key, language), admonition_type=admonition_type
    )


COLON = {"fr": " :", "en": ":"}


def render_editors_notes(entries: list[LogEntry], *, language: str, ui: UiStrings) -> str:
    """The editor's notes of an article, for the top of its text."""
    notes = [
        {"date": time_element(entry.date, language), "text": Markup(inline_markdown(entry.text(language)))}
        for entry in entries
        if entry.kind == "note"
    ]
    if not notes:
        return ""
    return render_template("editors_notes.html", entries=notes, title=ui("log_note", language), colon=COLON[language])


def render_corrections(entries: list[LogEntry], *, language: str, ui: UiStrings) -> str:
    """The corrections and updates of an article, for the end of its text:
    each dated, a correction with what the article said and says now."""
    shown = [
        {
            "id": f"correction-{index + 1}",
            "kind": entry.kind,
            "label": ui(f"log_{entry.kind}", language),
            "date": time_element(entry.date, language),
            "text": Markup(inline_markdown(entry.text(language))),
            "was": Markup(inline_markdown(entry.was(language))) if entry.was else None,
            "now": Markup(inline_markdown(entry.now(language))) if entry.now else None,
        }
        for index, entry in enumerate(entries)
        if entry.kind != "note"
    ]
    if not shown:
        return ""
    return render_template(
        "corrections.html",
        entries=shown,
        title=ui("log_corrections_title", language),
        said=ui("log_was", language),
        says=ui("log_now", language),
        colon=COLON[language],
    )


def render_investment_notice(*, language: str, ui: UiStrings) -> str:
    """The not-investment-advice notice of an article about securities."""
    return render_template(
        "investment_notice.html",
        title=ui("investment_notice_title", language),
        text=ui("investment_notice_text", language),
    )


# Quotation marks of each language; French typography adds the narrow
# no-break spaces inside « ».
QUOTATION_MARKS = {"fr": ("« ", " »"), "en": ("“", "”")}


def _quote_labels(quote: Quote, *, language: str, ui: UiStrings) -> dict[str, object]:
    return {
        "marks": QUOTATION_MARKS[language],
        "original_marks": QUOTATION_MARKS[quote.said_in],
        "translated_label": ui(f"quote_translated_from_{quote.said_in}", language),
        "original_label": ui(f"quote_original_{quote.said_in}", language),
        "source_label": ui("quote_source", language),
    }


def render_quote(quote: Quote, *, language: str, ui: UiStrings) -> str:
    """A quotation as a block: the words in the reader's language (the
    speaker's own, or a translation marked as such), speaker and source."""
    return render_template(
        "quote.html",
        quote=quote,
        source=quote.source,
        source_date=long_date(quote.source.date, language),
        language=language,
        **_quote_labels(quote, language=language, ui=ui),
    )


def render_quote_sources(quotes: list[Quote], *, language: str, ui: UiStrings) -> str:
    """The sources of the quotations inside the prose, at the end of the
    article: who said the words, whether they are translated, from where."""
    if not quotes:
        return ""
    entries = [
        {"quote": quote, "source_date": long_date(quote.source.date, language), **_quote_labels(quote, language=language, ui=ui)}
        for quote in quotes
    ]
    return render_template(
        "quote_sources.html", entries=entries, language=language, title=ui("quote_sources_title", language)
    )


def render_glossary(glossary: Glossary, *, language: str) -> str:
    """The glossary as Markdown: each term a heading, so it gets an anchor, a
    place in the table of contents and its own search result."""
    terms = sorted(glossary.terms.values(), key=lambda term: collation_key(term.term(language)))
    return render_template("glossary.md", terms=terms, language=language, escape_markdown=escape_markdown)


def collation_key(text: str) -> tuple[str, str]:
    """A sort key that orders "Écart" between "Dette" and "Fusion", as a dictionary
    does: accents and case decide only between otherwise equal words."""
    base = "".join(
        char for char in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(char)
    )
    return base, text


def render_outdated_notice(
    *, language: str, ui: UiStrings, translated: str | None, changed: str | None, french_url: str
) -> str:
    """The notice under a section whose French changed since its translation;
    `translated` and `changed` are ISO dates, None when unknown."""
    def date(iso: str | None) -> Markup:
        return time_element(iso, language) if iso else escape(ui("unknown_date", language))

    return render_template(
        "outdated_notice.html",
        title=ui("outdated_title", language),
        text=escape(ui("outdated_text", language)).format(translated=date(translated), changed=date(changed)),
        link=ui("outdated_link", language),
        french_url=french_url,
    )


def render_missing_notice(*, language: str, ui: UiStrings) -> str:
    return render_template("missing_notice.html", title=ui("missing_title", language), text=ui("missing_text", language))


def time_element(iso: str, language: str) -> Markup:
    """`<time datetime="2026-11-27">27 November 2026</time>`: the ISO date for
    machines, the long date of `language` for readers."""
    return Markup('<time datetime="{}">{}</time>').format(iso, long_date(iso, language))


def render_translation_note(*, language: str, ui: UiStrings, credit: TranslationCredit, original_url: str) -> str:
    """"Translated from the French by X on 27 November 2026; reviewed by Y on
    …", or, when the editors as a body did both, one clause saying so."""
    def name(who: str) -> str:
        return ui("editors_name", language) if who == EDITORS else who

    if credit.by_the_editors:
        key = "translation_note_editors" if credit.translated == credit.reviewed else "translation_note_editors_dated"
    else:
        key = "translation_note"
    # The sentence comes from data (escaped); only the dates are markup of ours.
    note = escape(ui(key, language)).format(
        translator=name(credit.translator),
        translated=time_element(credit.translated, language),
        reviewer=name(credit.reviewer),
        reviewed=time_element(credit.reviewed, language),
    )
    return render_template(
        "translation_note.html", note=note, original_url=original_url, link=ui("translation_original", language), language=language
    )


def render_translation_status(rows: list, *, language: str, ui: UiStrings) -> str:
    """The table of `make translations`, for readers (the about section)."""
    states = {"up to date": "status_up_to_date", "outdated": "status_outdated", "missing": "status_missing", "orphaned": "status_orphaned"}
    return render_template(
        "translation_status.html",
        rows=rows,
        label=lambda key: ui(key, language),
        state_label=lambda state: ui(states[state], language),
        changes_of=lambda row: shortened(changes) if (changes := row.french_changes()) else None,
        separated=separated,
        date=lambda iso: time_element(iso, language),
    )
