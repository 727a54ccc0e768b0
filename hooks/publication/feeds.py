"""An Atom feed per language, listing the publication's articles.

Written with feedgen, not by hand. Every date comes from the articles' front
matter, never from the clock, so identical sources give identical feeds.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from feedgen.feed import FeedGenerator

FEED_FILE = "feed.xml"


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    url: str  # absolute
    title: str
    summary: str
    published: str  # ISO date
    updated: str | None
    author: str


def _timestamp(iso_date: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(iso_date), dt.time(), tzinfo=dt.timezone.utc)


def write_atom_feed(
    path: Path, *, title: str, subtitle: str, language: str, feed_url: str, home_url: str, entries: list[FeedEntry]
) -> None:
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.language(language)
    feed.link(href=home_url, rel="alternate")
    feed.link(href=feed_url, rel="self")
    newest_first = sorted(entries, key=lambda entry: (entry.updated or entry.published, entry.url), reverse=True)
    if newest_first:
        feed.updated(_timestamp(max(entry.updated or entry.published for entry in entries)))
    else:
        feed.updated(_timestamp("2026-01-01"))
    # feedgen writes entries in the reverse order of their addition.
    for entry in reversed(newest_first):
        item = feed.add_entry()
        item.id(entry.url)
        item.title(entry.title)
        item.link(href=entry.url, rel="alternate")
        item.summary(entry.summary)
        item.author({"name": entry.author})
        item.published(_timestamp(entry.published))
        item.updated(_timestamp(entry.updated or entry.published))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(feed.atom_str(pretty=True))
