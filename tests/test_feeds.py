"""An Atom feed per language, linked from every page."""
from __future__ import annotations

from xml.etree import ElementTree

import pytest

from sitebuild import LANGUAGES, Site

ATOM = {"a": "http://www.w3.org/2005/Atom"}
BASE = "https://silicium.example.org/"


@pytest.mark.parametrize("language, prefix", LANGUAGES.items())
def test_each_feed_parses_and_holds_its_languages_articles(site: Site, language: str, prefix: str) -> None:
    feed = ElementTree.parse(site.root / prefix / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = feed.findall("a:entry", ATOM)
    urls = [entry.find("a:link", ATOM).get("href") for entry in entries]
    assert urls == [BASE + prefix + "articles/openai-nvidia/"]
    title = entries[0].findtext("a:title", namespaces=ATOM)
    h1 = site.page(prefix + "articles/openai-nvidia/").select_one("meta[property='og:title']")["content"]
    assert title == h1
    assert entries[0].findtext("a:published", namespaces=ATOM).startswith("2026-11-27")


def test_every_page_links_its_languages_feed(site: Site, page_url: tuple[str, str]) -> None:
    language, url = page_url
    links = site.page(url).select('link[rel="alternate"][type="application/atom+xml"]')
    assert [link["href"] for link in links] == [BASE + LANGUAGES[language] + "feed.xml"]


def test_a_feed_lists_entries_newest_first_and_escapes_every_value() -> None:
    from publication.finish.feeds import FeedEntry, atom_feed

    def entry(slug: str, published: str, updated: str | None = None) -> FeedEntry:
        return FeedEntry(
            url=f"{BASE}articles/{slug}/",
            title=f"<b>{slug}</b> & “co”",
            summary="AT&T < Nvidia ]]> fin",
            published=published,
            updated=updated,
            author="Rédaction",
        )

    xml = atom_feed(
        title="Silicium & co",
        subtitle="<script>",
        language="fr",
        feed_url=BASE + "feed.xml",
        home_url=BASE,
        entries=[entry("old", "2026-01-05"), entry("revised", "2025-12-01", "2026-03-01"), entry("new", "2026-02-01")],
    )
    feed = ElementTree.fromstring(xml)
    assert feed.findtext("a:title", namespaces=ATOM) == "Silicium & co"
    assert feed.findtext("a:subtitle", namespaces=ATOM) == "<script>"
    assert feed.findtext("a:updated", namespaces=ATOM) == "2026-03-01T00:00:00+00:00"
    entries = feed.findall("a:entry", ATOM)
    # By last update: the revised article first, then the newer one.
    assert [e.findtext("a:id", namespaces=ATOM).split("/")[-2] for e in entries] == ["revised", "new", "old"]
    assert entries[0].findtext("a:title", namespaces=ATOM) == "<b>revised</b> & “co”"
    assert entries[0].findtext("a:summary", namespaces=ATOM) == "AT&T < Nvidia ]]> fin"
    assert entries[0].findtext("a:published", namespaces=ATOM) == "2025-12-01T00:00:00+00:00"
    assert entries[0].findtext("a:author/a:name", namespaces=ATOM) == "Rédaction"


def test_a_feed_without_articles_is_still_valid_atom() -> None:
    from publication.finish.feeds import atom_feed

    feed = ElementTree.fromstring(
        atom_feed(title="S", subtitle="", language="en", feed_url=BASE + "en/feed.xml", home_url=BASE + "en/", entries=[])
    )
    assert feed.findall("a:entry", ATOM) == []
    for required in ("a:id", "a:title", "a:updated"):
        assert feed.findtext(required, namespaces=ATOM), required
