"""What search engines and link previews read, on every page."""
from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from sitebuild import LANGUAGES, PAGES, Site

BASE = "https://silicium.example.org/"
ARTICLE = "articles/openai-nvidia/"


def meta(page, prop: str) -> list[str]:
    return [tag["content"] for tag in page.select(f'meta[property="{prop}"], meta[name="{prop}"]')]


def test_open_graph_on_every_page(site: Site, page_url: tuple[str, str]) -> None:
    language, url = page_url
    page = site.page(url)
    locale, other = ("fr_FR", "en_GB") if language == "fr" else ("en_GB", "fr_FR")
    assert meta(page, "og:url") == [BASE + url]
    assert meta(page, "og:site_name") == ["Silicium"]
    assert meta(page, "og:locale") == [locale] and meta(page, "og:locale:alternate") == [other]
    assert meta(page, "og:type") == (["article"] if url.endswith(ARTICLE) else ["website"])
    assert meta(page, "og:title") == [page.title.get_text().removesuffix(" – Silicium")]
    assert meta(page, "og:description") == meta(page, "description")
    assert meta(page, "twitter:card")
    assert page.select_one('link[rel="canonical"]')["href"] == BASE + url


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_json_ld_links_original_and_translation(site: Site, language: str) -> None:
    url = LANGUAGES[language] + ARTICLE
    data = json.loads(site.page(url).select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == language
    assert data["url"] == BASE + url
    assert data["headline"] == meta(site.page(url), "og:title")[0]
    assert data["datePublished"] == "2026-11-27" and data["author"]["name"] and data["publisher"]["name"] == "Silicium"
    if language == "fr":
        assert [work["url"] for work in data["workTranslation"]] == [BASE + "en/" + ARTICLE]
        assert "translationOfWork" not in data
    else:
        assert data["translationOfWork"]["url"] == BASE + ARTICLE
        assert "workTranslation" not in data


def test_sitemap_has_every_page_with_its_alternates(site: Site) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(site.root / "sitemap.xml").getroot()
    urls = {url.findtext("s:loc", namespaces=ns): url for url in root.findall("s:url", ns)}
    assert set(urls) == {BASE + prefix + page for prefix in LANGUAGES.values() for page in PAGES}
    for loc, url in urls.items():
        page_path = loc.removeprefix(BASE).removeprefix("en/")
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert alternates == {"fr": BASE + page_path, "en": BASE + "en/" + page_path, "x-default": BASE + page_path}
    assert (site.root / "robots.txt").read_text().endswith(f"Sitemap: {BASE}sitemap.xml\n")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_article_has_its_own_preview_image(site: Site, language: str) -> None:
    from PIL import Image

    page = site.page(LANGUAGES[language] + ARTICLE)
    [image_url] = meta(page, "og:image")
    assert image_url == f"{BASE}assets/previews/openai-nvidia.{language}.png"
    with Image.open(site.root / image_url.removeprefix(BASE)) as image:
        assert image.size == (1200, 630) and image.format == "PNG"
    assert meta(page, "twitter:card") == ["summary_large_image"]
    json_ld = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert json_ld["image"] == [image_url]
