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
