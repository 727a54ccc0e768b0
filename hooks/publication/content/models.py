"""The publication's data, as frozen values built from validated data files."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from publication.render.formatting import Fact


@dataclass(frozen=True, slots=True)
class Text:
    """The same text in each language."""

    fr: str
    en: str

    def __call__(self, language: str) -> str:
        return getattr(self, language)


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    id: str
    term: Text
    expansion: Text | None
    short: Text  # plain text, for tooltips
    definition: Text  # inline Markdown
    matches: dict[str, tuple[str, ...]]  # language -> how article text writes it


@dataclass(frozen=True, slots=True, kw_only=True)
class Glossary:
    path: str
    terms: dict[str, Term]


@dataclass(frozen=True, slots=True, kw_only=True)
class DealRow:
    aspect: Text
    details: Text  # {fact} placeholders already filled in


@dataclass(frozen=True, slots=True, kw_only=True)
class DealTable:
    caption: Text
    aspect_header: Text
    details_header: Text
    rows: tuple[DealRow, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Callout:
    id: str
    kind: Literal["risk", "warning"]
    severity: Literal["high", "medium", "low"] | None  # None: nobody assessed it, none shown
    assessed_by: Literal["editors"] | None = None  # who gave the severity
    text: Text  # inline Markdown, {fact} placeholders filled in


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """A published document the article quotes or reports."""

    id: str
    publisher: str
    title: str  # in the source's own language, word for word
    date: str  # ISO 8601
    url: str
    language: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    id: str
    speaker: str
    role: Text
    said_in: str  # the language the words were spoken or written in
    original: str  # the exact words, as the source publishes them
    text: Text  # shown per language: the exact words in `said_in`, else a translation
    source: Source

    def is_translated(self, language: str) -> bool:
        """Whether the page in `language` shows a translation, not the speaker's words."""
        return language != self.said_in


@dataclass(frozen=True, slots=True, kw_only=True)
class LogEntry:
    """One entry of an article's editorial log: a note, a correction or an update."""

    date: str  # ISO 8601
    kind: Literal["note", "correction", "update"]
    text: Text  # inline Markdown
    was: Text | None = None  # a correction: what the article said
    now: Text | None = None  # a correction: what it says now


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleData:
    path: str
    facts: dict[str, Fact]
    deal_table: DealTable | None
    callouts: dict[str, Callout]
    quotes: dict[str, Quote]
    sources: dict[str, Source]
    investment_notice: bool = False  # the not-investment-advice notice
    log: tuple[LogEntry, ...] = ()  # oldest first, append-only
    figures_not_facts: tuple[str, ...] = ()  # figures in the text that state no fact, reviewed

    @property
    def last_logged(self) -> str | None:
        """The date of the latest note, correction or update."""
        return max((entry.date for entry in self.log), default=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class UiStrings:
    path: str
    strings: dict[str, Text]

    def __call__(self, key: str, language: str) -> str:
        return self.strings[key](language)


@dataclass(frozen=True, slots=True, kw_only=True)
class Author:
    """A person or team who signs articles (data/authors.yml)."""

    id: str
    name: Text
    role: Text
    bio: Text  # plain text, a sentence or two


@dataclass(frozen=True, slots=True, kw_only=True)
class Topic:
    """A subject articles are filed under (data/topics.yml)."""

    id: str
    name: Text
    description: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class Masthead:
    """Who writes and what about: the authors and the topics, as validated."""

    authors_path: str
    topics_path: str
    authors: dict[str, Author]
    topics: dict[str, Topic]
